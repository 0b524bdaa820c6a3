"""Campaigns: campaigns with their target rumours and districts, the partners who join,
activities with their occurrences, organisations and agents, reminders and calendar feeds.

Revision ID: a8fc7f350830
Revises: b47966ce4faf
Create Date: 2026-12-02 05:30:27.414222

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'a8fc7f350830'
down_revision = 'b47966ce4faf'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_feed',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('last_fetched_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_calendar_feed_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feed')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feed_token_hash'))
    )
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feed_user_id'), ['user_id'], unique=False)

    op.create_table('campaign',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('objective', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('budget', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('audiences', sa.JSON(), nullable=False),
    sa.Column('channels', sa.JSON(), nullable=False),
    sa.Column('status_changed_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'planned', 'running', 'completed', 'evaluated')", name=op.f('ck_campaign_status_known')),
    sa.CheckConstraint('budget IS NULL OR budget >= 0', name=op.f('ck_campaign_budget_not_negative')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_campaign_ends_after_start')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_campaign_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign'))
    )
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.create_index('ix_campaign_status_starts_on', ['status', 'starts_on'], unique=False)
        batch_op.create_index('ix_campaign_updated_at', ['updated_at'], unique=False)

    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('rrule', sa.String(length=200), nullable=False),
    sa.Column('exdates', sa.JSON(), nullable=False),
    sa.Column('last_ends_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=False),
    sa.Column('attendees', sa.Integer(), nullable=True),
    sa.Column('conversations', sa.Integer(), nullable=True),
    sa.Column('materials', sa.Integer(), nullable=True),
    sa.Column('online_views', sa.Integer(), nullable=True),
    sa.Column('reach_recorded_at', sa.DateTime(), nullable=True),
    sa.Column('reach_recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('feed_events', sa.JSON(), nullable=False),
    sa.Column('feed_events_key', sa.String(length=120), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('cafe', 'workshop', 'street_action', 'living_library', 'theatre', 'social_media', 'training', 'other')", name=op.f('ck_activity_kind_known')),
    sa.CheckConstraint("language IN ('fr', 'en', 'ar', 'es', 'pt', 'tr', 'ro', 'pl', 'it', 'de', 'uk', 'ru', 'zh', 'wo', 'ber', 'multi', 'other')", name=op.f('ck_activity_language_known')),
    sa.CheckConstraint('attendees IS NULL OR attendees >= 0', name=op.f('ck_activity_attendees_not_negative')),
    sa.CheckConstraint('capacity IS NULL OR capacity > 0', name=op.f('ck_activity_capacity_positive')),
    sa.CheckConstraint('conversations IS NULL OR conversations >= 0', name=op.f('ck_activity_conversations_not_negative')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_activity_ends_after_start')),
    sa.CheckConstraint('materials IS NULL OR materials >= 0', name=op.f('ck_activity_materials_not_negative')),
    sa.CheckConstraint('online_views IS NULL OR online_views >= 0', name=op.f('ck_activity_online_views_not_negative')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_activity_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_activity_district_id_district'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reach_recorded_by_id'], ['user.id'], name=op.f('fk_activity_reach_recorded_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index('ix_activity_campaign_starts', ['campaign_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_last_ends_at'), ['last_ends_at'], unique=False)
        batch_op.create_index('ix_activity_updated_at', ['updated_at'], unique=False)

    op.create_table('campaign_district',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_district_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_campaign_district_district_id_district'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'district_id', name=op.f('pk_campaign_district'))
    )
    with op.batch_alter_table('campaign_district', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_district_district_id'), ['district_id'], unique=False)

    op.create_table('campaign_partner',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('contributions', sa.JSON(), nullable=False),
    sa.Column('commitment', sa.Text(), nullable=False),
    sa.Column('joined_by_id', sa.Integer(), nullable=True),
    sa.Column('joined_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('pending', 'accepted', 'declined', 'withdrawn')", name=op.f('ck_campaign_partner_state_known')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_partner_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_campaign_partner_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['joined_by_id'], ['user.id'], name=op.f('fk_campaign_partner_joined_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_campaign_partner_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_campaign_partner')),
    sa.UniqueConstraint('campaign_id', 'organisation_id', name='uq_campaign_partner_campaign_organisation')
    )
    with op.batch_alter_table('campaign_partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_partner_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('campaign_rumour',
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('rumour_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_campaign_rumour_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_campaign_rumour_rumour_id_rumour'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('campaign_id', 'rumour_id', name=op.f('pk_campaign_rumour'))
    )
    with op.batch_alter_table('campaign_rumour', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_campaign_rumour_rumour_id'), ['rumour_id'], unique=False)

    op.create_table('activity_agent',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_agent_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['agent_id'], ['agent.id'], name=op.f('fk_activity_agent_agent_id_agent'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'agent_id', name=op.f('pk_activity_agent'))
    )
    with op.batch_alter_table('activity_agent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_agent_agent_id'), ['agent_id'], unique=False)

    op.create_table('activity_occurrence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_activity_occurrence_ends_after_start')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_occurrence_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_activity_occurrence_campaign_id_campaign'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_occurrence')),
    sa.UniqueConstraint('activity_id', 'starts_at', name='uq_activity_occurrence_activity_starts')
    )
    with op.batch_alter_table('activity_occurrence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_occurrence_starts_at'), ['starts_at'], unique=False)

    op.create_table('activity_organisation',
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_activity_organisation_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_activity_organisation_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('activity_id', 'organisation_id', name=op.f('pk_activity_organisation'))
    )
    with op.batch_alter_table('activity_organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_organisation_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('occurrence_starts_at', sa.DateTime(), nullable=False),
    sa.Column('offset_minutes', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('dropped_at', sa.DateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_reminder_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_reminder_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder')),
    sa.UniqueConstraint('activity_id', 'user_id', 'occurrence_starts_at', 'offset_minutes', name='uq_reminder_occurrence_user_offset')
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index('ix_reminder_pending_due', ['sent_at', 'dropped_at', 'due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_user_id'))
        batch_op.drop_index('ix_reminder_pending_due')
        batch_op.drop_index(batch_op.f('ix_reminder_activity_id'))

    op.drop_table('reminder')
    with op.batch_alter_table('activity_organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_organisation_organisation_id'))

    op.drop_table('activity_organisation')
    with op.batch_alter_table('activity_occurrence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_occurrence_starts_at'))

    op.drop_table('activity_occurrence')
    with op.batch_alter_table('activity_agent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_agent_agent_id'))

    op.drop_table('activity_agent')
    with op.batch_alter_table('campaign_rumour', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_rumour_rumour_id'))

    op.drop_table('campaign_rumour')
    with op.batch_alter_table('campaign_partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_partner_organisation_id'))

    op.drop_table('campaign_partner')
    with op.batch_alter_table('campaign_district', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_campaign_district_district_id'))

    op.drop_table('campaign_district')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_updated_at')
        batch_op.drop_index(batch_op.f('ix_activity_last_ends_at'))
        batch_op.drop_index(batch_op.f('ix_activity_district_id'))
        batch_op.drop_index('ix_activity_campaign_starts')

    op.drop_table('activity')
    with op.batch_alter_table('campaign', schema=None) as batch_op:
        batch_op.drop_index('ix_campaign_updated_at')
        batch_op.drop_index('ix_campaign_status_starts_on')

    op.drop_table('campaign')
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feed_user_id'))

    op.drop_table('calendar_feed')
