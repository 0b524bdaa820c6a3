"""Evaluation: perception surveys (statements, waves, respondents and their answers, wave
totals, and the tallies results are read from) and results-based accountability
(results, programmes, measures, values entered by hand, the measures job's runs,
turn-the-curve worksheet links).

Revision ID: 72ec43de1458
Revises: a8fc7f350830
Create Date: 2026-12-02 08:32:47.797333

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '72ec43de1458'
down_revision = 'a8fc7f350830'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rba_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rba_result'))
    )
    op.create_table('rba_programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('result_id', sa.Integer(), nullable=True),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('network', 'training', 'campaign', 'other')", name=op.f('ck_rba_programme_kind_known')),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_rba_programme_campaign_id_campaign'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['result_id'], ['rba_result.id'], name=op.f('fk_rba_programme_result_id_rba_result'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rba_programme'))
    )
    with op.batch_alter_table('rba_programme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rba_programme_campaign_id'), ['campaign_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rba_programme_result_id'), ['result_id'], unique=False)

    op.create_table('survey',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_survey_campaign_id_campaign'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_survey_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey'))
    )
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_campaign_id'), ['campaign_id'], unique=False)

    op.create_table('rba_measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('definition', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('result_id', sa.Integer(), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('quadrant', sa.String(length=12), nullable=True),
    sa.Column('source_kind', sa.String(length=10), nullable=False),
    sa.Column('definition_key', sa.String(length=60), nullable=True),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('unit', sa.String(length=10), nullable=False),
    sa.Column('polarity', sa.String(length=4), nullable=False),
    sa.Column('frequency', sa.String(length=8), nullable=False),
    sa.Column('series_start', sa.Date(), nullable=False),
    sa.Column('baseline_start', sa.Date(), nullable=True),
    sa.Column('baseline_end', sa.Date(), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('headline', sa.Boolean(), nullable=False),
    sa.Column('story', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("frequency IN ('month', 'quarter')", name=op.f('ck_rba_measure_frequency_known')),
    sa.CheckConstraint("polarity IN ('up', 'down')", name=op.f('ck_rba_measure_polarity_known')),
    sa.CheckConstraint("quadrant IS NULL OR quadrant IN ('how_much', 'how_well', 'better_off')", name=op.f('ck_rba_measure_quadrant_known')),
    sa.CheckConstraint("source_kind = 'manual' OR definition_key IS NOT NULL", name=op.f('ck_rba_measure_computed_has_definition')),
    sa.CheckConstraint("source_kind IN ('computed', 'manual')", name=op.f('ck_rba_measure_source_known')),
    sa.CheckConstraint("unit IN ('count', 'share', 'days', 'per_month', 'score')", name=op.f('ck_rba_measure_unit_known')),
    sa.CheckConstraint('baseline_end IS NULL OR baseline_start IS NULL OR baseline_end >= baseline_start', name=op.f('ck_rba_measure_baseline_in_order')),
    sa.CheckConstraint('result_id IS NOT NULL OR programme_id IS NOT NULL', name=op.f('ck_rba_measure_result_or_programme')),
    sa.ForeignKeyConstraint(['programme_id'], ['rba_programme.id'], name=op.f('fk_rba_measure_programme_id_rba_programme'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['result_id'], ['rba_result.id'], name=op.f('fk_rba_measure_result_id_rba_result'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rba_measure'))
    )
    with op.batch_alter_table('rba_measure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rba_measure_headline'), ['headline'], unique=False)
        batch_op.create_index(batch_op.f('ix_rba_measure_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rba_measure_public'), ['public'], unique=False)
        batch_op.create_index(batch_op.f('ix_rba_measure_result_id'), ['result_id'], unique=False)

    op.create_table('survey_district',
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_survey_district_district_id_district'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name=op.f('fk_survey_district_survey_id_survey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('survey_id', 'district_id', name=op.f('pk_survey_district'))
    )
    with op.batch_alter_table('survey_district', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_district_district_id'), ['district_id'], unique=False)

    op.create_table('survey_statement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('rumour_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('text', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_survey_statement_rumour_id_rumour'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name=op.f('fk_survey_statement_survey_id_survey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_statement')),
    sa.UniqueConstraint('survey_id', 'code', name='uq_survey_statement_survey_id_code'),
    sa.UniqueConstraint('survey_id', 'rumour_id', name='uq_survey_statement_survey_id_rumour_id')
    )
    with op.batch_alter_table('survey_statement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_statement_rumour_id'), ['rumour_id'], unique=False)

    op.create_table('survey_wave',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.CheckConstraint("kind IN ('baseline', 'follow_up', 'final')", name=op.f('ck_survey_wave_kind_known')),
    sa.CheckConstraint('ends_on >= starts_on', name=op.f('ck_survey_wave_ends_after_start')),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name=op.f('fk_survey_wave_survey_id_survey'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_wave')),
    sa.UniqueConstraint('survey_id', 'name', name='uq_survey_wave_survey_id_name')
    )
    with op.batch_alter_table('survey_wave', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_wave_survey_id'), ['survey_id'], unique=False)

    op.create_table('rba_measure_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.Column('points', sa.JSON(), nullable=False),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('forecast', sa.JSON(), nullable=False),
    sa.Column('method', sa.JSON(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('latest', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['rba_measure.id'], name=op.f('fk_rba_measure_run_measure_id_rba_measure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rba_measure_run'))
    )
    with op.batch_alter_table('rba_measure_run', schema=None) as batch_op:
        batch_op.create_index('ix_rba_measure_run_measure_id_computed_at', ['measure_id', 'computed_at'], unique=False)

    op.create_table('rba_measure_value',
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('entered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['user.id'], name=op.f('fk_rba_measure_value_entered_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['measure_id'], ['rba_measure.id'], name=op.f('fk_rba_measure_value_measure_id_rba_measure'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('measure_id', 'period_start', name=op.f('pk_rba_measure_value'))
    )
    op.create_table('rba_worksheet_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=12), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('argument_id', sa.Integer(), nullable=True),
    sa.Column('campaign_id', sa.Integer(), nullable=True),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("section IN ('partner', 'what_works', 'action')", name=op.f('ck_rba_worksheet_link_section_known')),
    sa.CheckConstraint('(CASE WHEN organisation_id IS NULL THEN 0 ELSE 1 END + CASE WHEN argument_id IS NULL THEN 0 ELSE 1 END + CASE WHEN campaign_id IS NULL THEN 0 ELSE 1 END + CASE WHEN activity_id IS NULL THEN 0 ELSE 1 END + CASE WHEN decision_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_rba_worksheet_link_one_target')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_rba_worksheet_link_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['argument_id'], ['counter_argument.id'], name=op.f('fk_rba_worksheet_link_argument_id_counter_argument'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['campaign_id'], ['campaign.id'], name=op.f('fk_rba_worksheet_link_campaign_id_campaign'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decision_id'], ['support_group_decision.id'], name=op.f('fk_rba_worksheet_link_decision_id_support_group_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['measure_id'], ['rba_measure.id'], name=op.f('fk_rba_worksheet_link_measure_id_rba_measure'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_rba_worksheet_link_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rba_worksheet_link'))
    )
    with op.batch_alter_table('rba_worksheet_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rba_worksheet_link_measure_id'), ['measure_id'], unique=False)

    op.create_table('survey_respondent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=80), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('age_band', sa.String(length=10), nullable=True),
    sa.Column('gender', sa.String(length=10), nullable=True),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("age_band IS NULL OR age_band IN ('under_18', '18_29', '30_44', '45_64', '65_plus')", name=op.f('ck_survey_respondent_age_band_known')),
    sa.CheckConstraint("gender IS NULL OR gender IN ('woman', 'man', 'other')", name=op.f('ck_survey_respondent_gender_known')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_survey_respondent_district_id_district'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['wave_id'], ['survey_wave.id'], name=op.f('fk_survey_respondent_wave_id_survey_wave'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_respondent')),
    sa.UniqueConstraint('wave_id', 'reference', name='uq_survey_respondent_wave_id_reference')
    )
    with op.batch_alter_table('survey_respondent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_respondent_district_id'), ['district_id'], unique=False)

    op.create_table('survey_wave_total',
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('agree', sa.Integer(), nullable=False),
    sa.Column('disagree', sa.Integer(), nullable=False),
    sa.Column('dont_know', sa.Integer(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('agree >= 0 AND disagree >= 0 AND dont_know >= 0', name=op.f('ck_survey_wave_total_counts_not_negative')),
    sa.ForeignKeyConstraint(['statement_id'], ['survey_statement.id'], name=op.f('fk_survey_wave_total_statement_id_survey_statement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wave_id'], ['survey_wave.id'], name=op.f('fk_survey_wave_total_wave_id_survey_wave'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('wave_id', 'statement_id', name=op.f('pk_survey_wave_total'))
    )
    op.create_table('survey_answer',
    sa.Column('respondent_id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.String(length=10), nullable=False),
    sa.CheckConstraint("answer IN ('agree', 'disagree', 'dont_know')", name=op.f('ck_survey_answer_answer_known')),
    sa.ForeignKeyConstraint(['respondent_id'], ['survey_respondent.id'], name=op.f('fk_survey_answer_respondent_id_survey_respondent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['statement_id'], ['survey_statement.id'], name=op.f('fk_survey_answer_statement_id_survey_statement'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('respondent_id', 'statement_id', name=op.f('pk_survey_answer'))
    )
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answer_statement_id'), ['statement_id'], unique=False)
    op.create_table('survey_tally',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wave_id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('age_band', sa.String(length=10), nullable=True),
    sa.Column('gender', sa.String(length=10), nullable=True),
    sa.Column('answer', sa.String(length=10), nullable=False),
    sa.Column('respondents', sa.Integer(), nullable=False),
    sa.CheckConstraint("answer IN ('agree', 'disagree', 'dont_know')", name=op.f('ck_survey_tally_answer_known')),
    sa.CheckConstraint('respondents > 0', name=op.f('ck_survey_tally_respondents_positive')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_survey_tally_district_id_district'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['statement_id'], ['survey_statement.id'], name=op.f('fk_survey_tally_statement_id_survey_statement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['wave_id'], ['survey_wave.id'], name=op.f('fk_survey_tally_wave_id_survey_wave'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_tally'))
    )
    with op.batch_alter_table('survey_tally', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_tally_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_tally_statement_id'), ['statement_id'], unique=False)
        batch_op.create_index('ix_survey_tally_wave_id_statement_id', ['wave_id', 'statement_id'], unique=False)


def downgrade():
    with op.batch_alter_table('survey_tally', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_tally_wave_id_statement_id')
        batch_op.drop_index(batch_op.f('ix_survey_tally_statement_id'))
        batch_op.drop_index(batch_op.f('ix_survey_tally_district_id'))

    op.drop_table('survey_tally')
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_answer_statement_id'))

    op.drop_table('survey_answer')
    op.drop_table('survey_wave_total')
    with op.batch_alter_table('survey_respondent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_respondent_district_id'))

    op.drop_table('survey_respondent')
    with op.batch_alter_table('rba_worksheet_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rba_worksheet_link_measure_id'))

    op.drop_table('rba_worksheet_link')
    op.drop_table('rba_measure_value')
    with op.batch_alter_table('rba_measure_run', schema=None) as batch_op:
        batch_op.drop_index('ix_rba_measure_run_measure_id_computed_at')

    op.drop_table('rba_measure_run')
    with op.batch_alter_table('survey_wave', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_wave_survey_id'))

    op.drop_table('survey_wave')
    with op.batch_alter_table('survey_statement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_statement_rumour_id'))

    op.drop_table('survey_statement')
    with op.batch_alter_table('survey_district', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_district_district_id'))

    op.drop_table('survey_district')
    with op.batch_alter_table('rba_measure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rba_measure_result_id'))
        batch_op.drop_index(batch_op.f('ix_rba_measure_public'))
        batch_op.drop_index(batch_op.f('ix_rba_measure_programme_id'))
        batch_op.drop_index(batch_op.f('ix_rba_measure_headline'))

    op.drop_table('rba_measure')
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_campaign_id'))

    op.drop_table('survey')
    with op.batch_alter_table('rba_programme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rba_programme_result_id'))
        batch_op.drop_index(batch_op.f('ix_rba_programme_campaign_id'))

    op.drop_table('rba_programme')
    op.drop_table('rba_result')
