"""Core: the one-time key of each form that created a record (``form_submission``).

Revision ID: 1c46491f70b6
Revises: 8f92d6c7be05
Create Date: 2026-12-02 01:26:04.966250

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '1c46491f70b6'
down_revision = '8f92d6c7be05'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('form_submission',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('entity_type', sa.String(length=60), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_form_submission'))
    )
    with op.batch_alter_table('form_submission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_submission_created_at'), ['created_at'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('form_submission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_submission_created_at'))
    op.drop_table('form_submission')
