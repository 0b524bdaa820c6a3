"""Auth: each user chooses whether notifications reach them by e-mail, at most one e-mail an
hour, and the time of the last one is kept to hold the next back.

Everyone starts with e-mails on, as before the choice existed.

On SQLite the columns are added in place (ALTER TABLE ... ADD/DROP COLUMN, the check with
its column): a batch copy of the table would drop "user", and with foreign keys on, that
drop deletes what points at it with ON DELETE CASCADE (sign-in sessions, notifications).
The column keeps its server default there, which SQLite cannot drop in place.

Revision ID: e3b8a1f20c47
Revises: 4958e56c62c6
Create Date: 2026-12-02 15:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e3b8a1f20c47'
down_revision = '4958e56c62c6'
branch_labels = None
depends_on = None

CHECK = "email_notifications IN ('hourly', 'never')"


def _sqlite() -> bool:
    return op.get_bind().dialect.name == 'sqlite'


def upgrade():
    if _sqlite():
        op.execute("ALTER TABLE \"user\" ADD COLUMN email_notifications VARCHAR(10) "
                   "DEFAULT 'hourly' NOT NULL "
                   f"CONSTRAINT ck_user_email_notifications_known CHECK ({CHECK})")
        op.execute('ALTER TABLE "user" ADD COLUMN notifications_emailed_at DATETIME')
        return
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_notifications', sa.String(length=10), nullable=False,
                                      server_default='hourly'))
        batch_op.add_column(sa.Column('notifications_emailed_at', sa.DateTime(), nullable=True))
        batch_op.create_check_constraint(batch_op.f('ck_user_email_notifications_known'), CHECK)
        batch_op.alter_column('email_notifications', server_default=None)


def downgrade():
    if _sqlite():
        op.execute('ALTER TABLE "user" DROP COLUMN notifications_emailed_at')
        op.execute('ALTER TABLE "user" DROP COLUMN email_notifications')
        return
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_user_email_notifications_known'), type_='check')
        batch_op.drop_column('notifications_emailed_at')
        batch_op.drop_column('email_notifications')
