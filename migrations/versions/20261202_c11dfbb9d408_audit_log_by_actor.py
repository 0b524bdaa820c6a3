"""The audit log's index on its actor also holds the entry's id, so the log filtered by
one person comes newest first straight from the index (it replaces the index on the
actor alone).

Revision ID: c11dfbb9d408
Revises: 72ec43de1458
Create Date: 2026-12-02 10:05:59.045050

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c11dfbb9d408'
down_revision = '72ec43de1458'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_user_id_id', ['user_id', 'id'], unique=False)
        batch_op.drop_index('ix_audit_log_user_id')


def downgrade():
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_user_id', ['user_id'], unique=False)
        batch_op.drop_index('ix_audit_log_user_id_id')
