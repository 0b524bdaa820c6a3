"""Rumours: catalogue, status history, sightings and weekly totals, counter-arguments.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 18:27:46.968501

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rumour_match_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_match_version'))
    )
    op.create_table('rumour_target_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_target_group'))
    )
    op.create_table('rumour_theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_theme'))
    )
    op.create_table('rumour',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wording', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('spheres', sa.JSON(), nullable=False),
    sa.Column('detection', sa.String(length=20), nullable=False),
    sa.Column('cause', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('first_detected', sa.Date(), nullable=False),
    sa.Column('risk', sa.String(length=10), nullable=False),
    sa.Column('alert_deadline', sa.Date(), nullable=True),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('verdict', sa.String(length=12), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('sighting_count', sa.Integer(), nullable=False),
    sa.Column('last_sighted_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("detection IN ('survey', 'workshop', 'agent_report', 'partner_report', 'sighting', 'media', 'social_media', 'city_feed', 'other')", name=op.f('ck_rumour_detection_known')),
    sa.CheckConstraint("risk IN ('minor', 'moderate', 'major')", name=op.f('ck_rumour_risk_known')),
    sa.CheckConstraint("status IN ('reported', 'triaged', 'catalogued', 'arguments_drafted', 'validated', 'in_campaign', 'monitored', 'fading', 'archived')", name=op.f('ck_rumour_status_known')),
    sa.CheckConstraint("verdict IN ('false', 'misleading', 'unproven')", name=op.f('ck_rumour_verdict_known')),
    sa.CheckConstraint('sighting_count >= 0', name=op.f('ck_rumour_sighting_count_positive')),
    sa.ForeignKeyConstraint(['assignee_id'], ['user.id'], name=op.f('fk_rumour_assignee_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_rumour_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['theme_id'], ['rumour_theme.id'], name=op.f('fk_rumour_theme_id_rumour_theme'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour'))
    )
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rumour_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rumour_first_detected'), ['first_detected'], unique=False)
        batch_op.create_index(batch_op.f('ix_rumour_last_sighted_on'), ['last_sighted_on'], unique=False)
        batch_op.create_index('ix_rumour_published', ['published_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rumour_risk'), ['risk'], unique=False)
        batch_op.create_index(batch_op.f('ix_rumour_sighting_count'), ['sighting_count'], unique=False)
        batch_op.create_index('ix_rumour_status_deadline', ['status', 'alert_deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_rumour_theme_id'), ['theme_id'], unique=False)

    op.create_table('rumour_sighting_week_area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('sightings', sa.Integer(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_rumour_sighting_week_area_district_id_district'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['rumour_theme.id'], name=op.f('fk_rumour_sighting_week_area_theme_id_rumour_theme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_sighting_week_area'))
    )
    with op.batch_alter_table('rumour_sighting_week_area', schema=None) as batch_op:
        batch_op.create_index('ix_rumour_sighting_week_area_week', ['week_start', 'theme_id'], unique=False)

    op.create_table('counter_argument',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rumour_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('text', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('source_publisher', sa.String(length=200), nullable=False),
    sa.Column('source_url', sa.String(length=500), nullable=False),
    sa.Column('source_published_on', sa.Date(), nullable=True),
    sa.Column('source_area', sa.String(length=120), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('validated_by_id', sa.Integer(), nullable=True),
    sa.Column('validated_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('origin_feed', sa.String(length=500), nullable=False),
    sa.Column('origin_url', sa.String(length=500), nullable=False),
    sa.Column('import_key', sa.String(length=80), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('statistic', 'question', 'testimony', 'emotional')", name=op.f('ck_counter_argument_kind_known')),
    sa.CheckConstraint("status IN ('draft', 'validated', 'expired')", name=op.f('ck_counter_argument_status_known')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_counter_argument_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_counter_argument_rumour_id_rumour'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['validated_by_id'], ['user.id'], name=op.f('fk_counter_argument_validated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counter_argument')),
    sa.UniqueConstraint('import_key', name=op.f('uq_counter_argument_import_key'))
    )
    with op.batch_alter_table('counter_argument', schema=None) as batch_op:
        batch_op.create_index('ix_counter_argument_rumour_status', ['rumour_id', 'status', 'valid_until'], unique=False)

    op.create_table('rumour_sighting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rumour_id', sa.Integer(), nullable=False),
    sa.Column('seen_on', sa.Date(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('sphere', sa.String(length=20), nullable=False),
    sa.Column('venue', sa.String(length=120), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('people_count', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('verbatim', sa.Text(), nullable=False),
    sa.Column('hateful', sa.Boolean(), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('import_key', sa.String(length=80), nullable=True),
    sa.CheckConstraint("channel IN ('conversation', 'overheard', 'social_media', 'messaging', 'press', 'flyer', 'meeting', 'other')", name=op.f('ck_rumour_sighting_channel_known')),
    sa.CheckConstraint("language IN ('fr', 'en', 'other')", name=op.f('ck_rumour_sighting_language_known')),
    sa.CheckConstraint("sphere IN ('street', 'market', 'school', 'workplace', 'transport', 'public_services', 'neighbourhood', 'leisure', 'worship', 'family', 'social_media', 'messaging', 'press', 'other')", name=op.f('ck_rumour_sighting_sphere_known')),
    sa.CheckConstraint('people_count >= 1', name=op.f('ck_rumour_sighting_people_count_positive')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_rumour_sighting_district_id_district'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reporter_id'], ['user.id'], name=op.f('fk_rumour_sighting_reporter_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_rumour_sighting_rumour_id_rumour'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_sighting')),
    sa.UniqueConstraint('import_key', name=op.f('uq_rumour_sighting_import_key'))
    )
    with op.batch_alter_table('rumour_sighting', schema=None) as batch_op:
        batch_op.create_index('ix_rumour_sighting_district_seen', ['district_id', 'seen_on', 'rumour_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rumour_sighting_reporter_id'), ['reporter_id'], unique=False)
        batch_op.create_index('ix_rumour_sighting_rumour_district', ['rumour_id', 'district_id'], unique=False)
        batch_op.create_index('ix_rumour_sighting_rumour_seen', ['rumour_id', 'seen_on'], unique=False)
        batch_op.create_index('ix_rumour_sighting_seen_on', ['seen_on', 'rumour_id'], unique=False)

    op.create_table('rumour_sighting_week',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rumour_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('sightings', sa.Integer(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_rumour_sighting_week_rumour_id_rumour'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_sighting_week')),
    sa.UniqueConstraint('rumour_id', 'week_start', name='uq_rumour_sighting_week_rumour_id')
    )
    with op.batch_alter_table('rumour_sighting_week', schema=None) as batch_op:
        batch_op.create_index('ix_rumour_sighting_week_week', ['week_start', 'rumour_id'], unique=False)

    op.create_table('rumour_status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rumour_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_rumour_status_change_rumour_id_rumour'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_rumour_status_change_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_status_change'))
    )
    with op.batch_alter_table('rumour_status_change', schema=None) as batch_op:
        batch_op.create_index('ix_rumour_status_change_rumour', ['rumour_id', 'at'], unique=False)

    op.create_table('rumour_target_group_link',
    sa.Column('rumour_id', sa.Integer(), nullable=False),
    sa.Column('target_group_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_rumour_target_group_link_rumour_id_rumour'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_group_id'], ['rumour_target_group.id'], name=op.f('fk_rumour_target_group_link_target_group_id_rumour_target_group'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rumour_id', 'target_group_id', name=op.f('pk_rumour_target_group_link'))
    )
    with op.batch_alter_table('rumour_target_group_link', schema=None) as batch_op:
        batch_op.create_index('ix_rumour_target_group_link_group', ['target_group_id', 'rumour_id'], unique=False)

    op.create_table('rumour_trend',
    sa.Column('rumour_id', sa.Integer(), nullable=False),
    sa.Column('computed_on', sa.Date(), nullable=False),
    sa.Column('last_4', sa.Integer(), nullable=False),
    sa.Column('previous_12', sa.Integer(), nullable=False),
    sa.Column('last_13', sa.Integer(), nullable=False),
    sa.Column('last_26', sa.Integer(), nullable=False),
    sa.Column('last_52', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_rumour_trend_rumour_id_rumour'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('rumour_id', name=op.f('pk_rumour_trend'))
    )
    with op.batch_alter_table('rumour_trend', schema=None) as batch_op:
        batch_op.create_index('ix_rumour_trend_last_26', ['last_26', 'rumour_id'], unique=False)



def downgrade():
    with op.batch_alter_table('rumour_trend', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_trend_last_26')

    op.drop_table('rumour_trend')
    with op.batch_alter_table('rumour_target_group_link', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_target_group_link_group')

    op.drop_table('rumour_target_group_link')
    with op.batch_alter_table('rumour_status_change', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_status_change_rumour')

    op.drop_table('rumour_status_change')
    with op.batch_alter_table('rumour_sighting_week', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_sighting_week_week')

    op.drop_table('rumour_sighting_week')
    with op.batch_alter_table('rumour_sighting', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_sighting_seen_on')
        batch_op.drop_index('ix_rumour_sighting_rumour_seen')
        batch_op.drop_index('ix_rumour_sighting_rumour_district')
        batch_op.drop_index(batch_op.f('ix_rumour_sighting_reporter_id'))
        batch_op.drop_index('ix_rumour_sighting_district_seen')

    op.drop_table('rumour_sighting')
    with op.batch_alter_table('counter_argument', schema=None) as batch_op:
        batch_op.drop_index('ix_counter_argument_rumour_status')

    op.drop_table('counter_argument')
    with op.batch_alter_table('rumour_sighting_week_area', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_sighting_week_area_week')

    op.drop_table('rumour_sighting_week_area')
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rumour_theme_id'))
        batch_op.drop_index('ix_rumour_status_deadline')
        batch_op.drop_index(batch_op.f('ix_rumour_sighting_count'))
        batch_op.drop_index(batch_op.f('ix_rumour_risk'))
        batch_op.drop_index('ix_rumour_published')
        batch_op.drop_index(batch_op.f('ix_rumour_last_sighted_on'))
        batch_op.drop_index(batch_op.f('ix_rumour_first_detected'))
        batch_op.drop_index(batch_op.f('ix_rumour_assignee_id'))

    op.drop_table('rumour')
    op.drop_table('rumour_theme')
    op.drop_table('rumour_target_group')
    op.drop_table('rumour_match_version')
