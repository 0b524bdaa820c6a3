"""Rumours: key phrases, the words people use when they repeat a rumour, kept by
coordinators in French and English so that matching finds a rumour across languages.

Revision ID: 7a73bb9fe674
Revises: f64a194729a0
Create Date: 2026-12-02 10:01:58.960000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7a73bb9fe674'
down_revision = 'f64a194729a0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'rumour_key_phrase',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('rumour_id', sa.Integer(), nullable=False),
        sa.Column('locale', sa.String(length=2), nullable=False),
        sa.Column('phrase', sa.String(length=120), nullable=False),
        sa.Column('folded', sa.String(length=120), nullable=False),
        sa.CheckConstraint("locale IN ('fr', 'en')",
                           name=op.f('ck_rumour_key_phrase_locale_known')),
        sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'],
                                name=op.f('fk_rumour_key_phrase_rumour_id_rumour'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_key_phrase')),
        sa.UniqueConstraint('rumour_id', 'locale', 'folded',
                            name='uq_rumour_key_phrase_rumour_id_locale_folded'),
    )


def downgrade():
    op.drop_table('rumour_key_phrase')
