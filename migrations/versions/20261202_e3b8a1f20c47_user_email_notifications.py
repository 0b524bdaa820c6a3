"""Auth: each user chooses whether notifications reach them by e-mail, at most one e-mail an
hour, and the time of the last one is kept to hold the next back.

Everyone starts with e-mails on, as before the choice existed.

Revision ID: e3b8a1f20c47
Revises: 5a7e3c91d2b4
Create Date: 2026-12-02 15:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e3b8a1f20c47'
down_revision = '5a7e3c91d2b4'
branch_labels = None
depends_on = None

CHECK = "email_notifications IN ('hourly', 'never')"


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_notifications', sa.String(length=10), nullable=False,
                                      server_default='hourly'))
        batch_op.add_column(sa.Column('notifications_emailed_at', sa.DateTime(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_user_email_notifications_known'), CHECK)
    # Once every row has its value: on SQLite, dropping the default in the same copy of the
    # table would copy the rows without it.
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('email_notifications', server_default=None)


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_user_email_notifications_known'), type_='check')
        batch_op.drop_column('notifications_emailed_at')
        batch_op.drop_column('email_notifications')
