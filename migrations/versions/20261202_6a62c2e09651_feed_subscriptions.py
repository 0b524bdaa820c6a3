"""Rumours: subscriptions to other cities' ClaimReview feeds. Administrators keep the
addresses that may be fetched; each subscription remembers what it brought in and the
source's version of each argument, so that the source city's later changes are proposed
to a coordinator, and a rejected change is never proposed twice.

Revision ID: 6a62c2e09651
Revises: 7a73bb9fe674
Create Date: 2026-12-02 11:44:31.284490

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '6a62c2e09651'
down_revision = '7a73bb9fe674'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rumour_allowed_feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('address', sa.String(length=45), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_allowed_feed')),
    sa.UniqueConstraint('url', name=op.f('uq_rumour_allowed_feed_url'))
    )
    op.create_table('rumour_feed_subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('city_name', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('fetched_at', sa.DateTime(), nullable=True),
    sa.Column('succeeded_at', sa.DateTime(), nullable=True),
    sa.Column('error_code', sa.String(length=30), nullable=False),
    sa.Column('error_detail', sa.String(length=300), nullable=False),
    sa.Column('last_added', sa.Integer(), nullable=False),
    sa.CheckConstraint("language IN ('fr', 'en')", name=op.f('ck_rumour_feed_subscription_language_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_rumour_feed_subscription_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_feed_subscription')),
    sa.UniqueConstraint('url', name=op.f('uq_rumour_feed_subscription_url'))
    )
    op.create_table('rumour_feed_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('argument_id', sa.Integer(), nullable=False),
    sa.Column('created_rumour_id', sa.Integer(), nullable=True),
    sa.Column('source_text', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('source_valid_until', sa.Date(), nullable=True),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['argument_id'], ['counter_argument.id'], name=op.f('fk_rumour_feed_item_argument_id_counter_argument'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_rumour_id'], ['rumour.id'], name=op.f('fk_rumour_feed_item_created_rumour_id_rumour'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subscription_id'], ['rumour_feed_subscription.id'], name=op.f('fk_rumour_feed_item_subscription_id_rumour_feed_subscription'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_feed_item')),
    sa.UniqueConstraint('argument_id', name=op.f('uq_rumour_feed_item_argument_id'))
    )
    with op.batch_alter_table('rumour_feed_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rumour_feed_item_created_rumour_id'), ['created_rumour_id'], unique=False)
        batch_op.create_index('ix_rumour_feed_item_subscription',
                              ['subscription_id', 'argument_id'], unique=False)

    op.create_table('rumour_feed_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('change', sa.String(length=12), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('text', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("change IN ('text', 'valid_until', 'expired', 'removed')", name=op.f('ck_rumour_feed_update_change_known')),
    sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name=op.f('ck_rumour_feed_update_status_known')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_rumour_feed_update_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['rumour_feed_item.id'], name=op.f('fk_rumour_feed_update_item_id_rumour_feed_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_feed_update')),
    sa.UniqueConstraint('item_id', 'fingerprint', name='uq_rumour_feed_update_item_id')
    )
    with op.batch_alter_table('rumour_feed_update', schema=None) as batch_op:
        batch_op.create_index('ix_rumour_feed_update_status', ['status', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('rumour_feed_update', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_feed_update_status')

    op.drop_table('rumour_feed_update')
    with op.batch_alter_table('rumour_feed_item', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_feed_item_subscription')
        batch_op.drop_index(batch_op.f('ix_rumour_feed_item_created_rumour_id'))

    op.drop_table('rumour_feed_item')
    op.drop_table('rumour_feed_subscription')
    op.drop_table('rumour_allowed_feed')
