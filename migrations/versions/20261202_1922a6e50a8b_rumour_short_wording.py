"""Rumours: a short wording per language for the ClaimReview.

Adds rumour.short_wording ({"fr": ..., "en": ...}, at most 75 characters each): a
coordinator's short version of a long wording, which the public ClaimReview gives as
claimReviewed. Existing rumours start without one (the wording is then cut at a word).

Revision ID: 1922a6e50a8b
Revises: 6a62c2e09651
Create Date: 2026-12-02 11:46:40.869600

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '1922a6e50a8b'
down_revision = '6a62c2e09651'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.add_column(sa.Column('short_wording',
                                      sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'),
                                      nullable=False, server_default='{}'))


def downgrade():
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.drop_column('short_wording')
