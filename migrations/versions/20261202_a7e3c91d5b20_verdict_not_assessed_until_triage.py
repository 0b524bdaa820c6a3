"""Rumours: a verdict of "not assessed" until a coordinator triages the report.

A new report used to start as "false" and showed "Verdict: False" before anyone had checked
it. The verdict now starts as "not_assessed" and is chosen at triage. Rumours still at
"reported" have never been triaged (no move leads back there): they become "not assessed";
the others keep the verdict they have.

Revision ID: a7e3c91d5b20
Revises: 5d4b9a7836b2
Create Date: 2026-12-02 13:10:00

"""
from alembic import op

revision = 'a7e3c91d5b20'
down_revision = '5d4b9a7836b2'
branch_labels = None
depends_on = None

NEW = "verdict IN ('not_assessed', 'false', 'misleading', 'unproven')"
OLD = "verdict IN ('false', 'misleading', 'unproven')"


def upgrade():
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_rumour_verdict_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_rumour_verdict_known'), NEW)
    op.execute("UPDATE rumour SET verdict = 'not_assessed' WHERE status = 'reported'")


def downgrade():
    op.execute("UPDATE rumour SET verdict = 'false' WHERE verdict = 'not_assessed'")
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_rumour_verdict_known'), type_='check')
        batch_op.create_check_constraint(batch_op.f('ck_rumour_verdict_known'), OLD)
