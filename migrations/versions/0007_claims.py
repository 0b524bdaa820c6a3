"""Core: one way to claim work (``claim``); the network metrics drop ``claimed_until``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 00:51:15.649436

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('claim',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('claimed_until', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_claim'))
    )
    # A computation running during the upgrade is not carried over: stop the scheduler first.
    with op.batch_alter_table('network_state', schema=None) as batch_op:
        batch_op.drop_column('claimed_until')


def downgrade():
    with op.batch_alter_table('network_state', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(), nullable=True))
    op.drop_table('claim')
