"""Notifications: the unread badge is counted from the index alone

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 22:50:00.714647

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_user_unread_due', ['user_id', 'read_at', 'due_at'], unique=False)
        batch_op.drop_index(batch_op.f('ix_notification_user_unread'))


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_user_unread'), ['user_id', 'read_at'], unique=False)
        batch_op.drop_index('ix_notification_user_unread_due')
