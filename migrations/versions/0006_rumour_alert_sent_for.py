"""Rumours: each alert deadline is alerted once (``rumour.alert_sent_for``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 23:01:15.088436

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alert_sent_for', sa.Date(), nullable=True))
    # Alerts already sent were recorded only as notifications: carry them over, so that
    # the upgrade does not alert again about the same deadlines.
    op.execute(
        "UPDATE rumour SET alert_sent_for = alert_deadline WHERE alert_deadline IS NOT NULL "
        "AND EXISTS (SELECT 1 FROM notification WHERE notification.dedupe_key = "
        "'rumours.alert_overdue:' || CAST(rumour.id AS VARCHAR(20)) || ':' "
        "|| CAST(rumour.alert_deadline AS VARCHAR(10)))")


def downgrade():
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.drop_column('alert_sent_for')
