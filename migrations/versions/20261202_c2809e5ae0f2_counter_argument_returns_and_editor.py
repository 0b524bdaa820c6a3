"""Counter-arguments: who last changed one, and a validator's return to its author.

Adds to counter_argument the last editor (edited_by_id, with the creator the argument's
authors for four-eyes validation) and the return of a draft (returned_reason, returned_at,
returned_by_id).

Revision ID: c2809e5ae0f2
Revises: c11dfbb9d408
Create Date: 2026-12-02 10:02:24.067575

"""
import sqlalchemy as sa
from alembic import op

revision = 'c2809e5ae0f2'
down_revision = 'c11dfbb9d408'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('counter_argument', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edited_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('returned_reason', sa.String(length=1000), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('returned_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('returned_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_counter_argument_edited_by_id_user'), 'user',
                                    ['edited_by_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_counter_argument_returned_by_id_user'),
                                    'user', ['returned_by_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('counter_argument', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_counter_argument_returned_by_id_user'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_counter_argument_edited_by_id_user'),
                                 type_='foreignkey')
        batch_op.drop_column('returned_by_id')
        batch_op.drop_column('returned_at')
        batch_op.drop_column('returned_reason')
        batch_op.drop_column('edited_by_id')
