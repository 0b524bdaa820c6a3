"""Rumours: what a coordinator said about a survey form's unknown columns and answers
(``rumour_import_mapping``), kept so the form's next export imports without asking again.

Revision ID: 031c54c660f1
Revises: 1922a6e50a8b
Create Date: 2026-12-02 11:47:13.962441

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '031c54c660f1'
down_revision = '1922a6e50a8b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'rumour_import_mapping',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('form_key', sa.String(length=100), nullable=False),
        sa.Column('columns', sa.JSON(), nullable=False),
        sa.Column('answers', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'],
                                name=op.f('fk_rumour_import_mapping_updated_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_import_mapping')),
        sa.UniqueConstraint('form_key', name=op.f('uq_rumour_import_mapping_form_key')),
    )


def downgrade():
    op.drop_table('rumour_import_mapping')
