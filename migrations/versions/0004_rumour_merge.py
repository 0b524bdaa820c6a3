"""Rumours: a duplicate can be merged into another rumour (``rumour.merged_into_id``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 22:30:19.066443

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_rumour_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_rumour_merged_into_id_rumour'), 'rumour', ['merged_into_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_rumour_merged_into_id_rumour'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_rumour_merged_into_id'))
        batch_op.drop_column('merged_into_id')
