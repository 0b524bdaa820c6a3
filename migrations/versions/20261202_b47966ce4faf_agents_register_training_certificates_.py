"""Agents: the register, programmes and sessions, attendance, certificates, conversations
and the participants' message outbox.

Revision ID: b47966ce4faf
Revises: 1c46491f70b6
Create Date: 2026-12-02 04:02:47.450654

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = 'b47966ce4faf'
down_revision = '1c46491f70b6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('programme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('threshold_minutes', sa.Integer(), nullable=False),
    sa.Column('refresher_minutes', sa.Integer(), nullable=True),
    sa.Column('valid_months', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("audience IN ('volunteers', 'staff', 'all')", name=op.f('ck_programme_audience_known')),
    sa.CheckConstraint('threshold_minutes > 0', name=op.f('ck_programme_threshold_positive')),
    sa.CheckConstraint('valid_months > 0', name=op.f('ck_programme_valid_months_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme'))
    )
    op.create_table('programme_module',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('minutes > 0', name=op.f('ck_programme_module_minutes_positive')),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_programme_module_programme_id_programme'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_module'))
    )
    with op.batch_alter_table('programme_module', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_module_programme_id'), ['programme_id'], unique=False)

    op.create_table('agent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('last_name', sa.String(length=80), nullable=False),
    sa.Column('name_key', sa.String(length=170), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('email_key', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('came_through', sa.String(length=20), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=True),
    sa.Column('consent_version', sa.String(length=20), nullable=False),
    sa.Column('consent_locale', sa.String(length=5), nullable=False),
    sa.Column('consent_withdrawn_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('last_activity_on', sa.Date(), nullable=True),
    sa.Column('erased_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("came_through IN ('partner', 'campaign', 'word_of_mouth', 'social_media', 'city_website', 'employer', 'other')", name=op.f('ck_agent_came_through_known')),
    sa.CheckConstraint("kind IN ('volunteer', 'staff')", name=op.f('ck_agent_kind_known')),
    sa.CheckConstraint("locale IN ('fr', 'en')", name=op.f('ck_agent_locale_known')),
    sa.CheckConstraint("status IN ('candidate', 'in_training', 'certified', 'active', 'inactive')", name=op.f('ck_agent_status_known')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_agent_district_id_district'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_agent_organisation_id_organisation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_agent_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agent')),
    sa.UniqueConstraint('user_id', name=op.f('uq_agent_user_id'))
    )
    with op.batch_alter_table('agent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agent_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agent_email_key'), ['email_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_agent_last_activity_on'), ['last_activity_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_agent_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_agent_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_agent_status_name', ['status', 'name_key'], unique=False)
        batch_op.create_index('ix_agent_updated_at', ['updated_at'], unique=False)

    op.create_table('training_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('trainer_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(), nullable=True),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("language IN ('fr', 'en', 'ar', 'es', 'pt', 'tr', 'ro', 'pl', 'it', 'de', 'uk', 'ru', 'zh', 'wo', 'ber', 'other')", name=op.f('ck_training_session_language_known')),
    sa.CheckConstraint('capacity > 0', name=op.f('ck_training_session_capacity_positive')),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_training_session_ends_after_start')),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_training_session_district_id_district'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_training_session_programme_id_programme'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['trainer_id'], ['user.id'], name=op.f('fk_training_session_trainer_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_session'))
    )
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_session_district_id'), ['district_id'], unique=False)
        batch_op.create_index('ix_training_session_programme_starts', ['programme_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_session_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_session_trainer_id'), ['trainer_id'], unique=False)
        batch_op.create_index('ix_training_session_updated_at', ['updated_at'], unique=False)

    op.create_table('agent_language',
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.CheckConstraint("language IN ('fr', 'en', 'ar', 'es', 'pt', 'tr', 'ro', 'pl', 'it', 'de', 'uk', 'ru', 'zh', 'wo', 'ber', 'other')", name=op.f('ck_agent_language_language_known')),
    sa.ForeignKeyConstraint(['agent_id'], ['agent.id'], name=op.f('fk_agent_language_agent_id_agent'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('agent_id', 'language', name=op.f('pk_agent_language'))
    )
    with op.batch_alter_table('agent_language', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agent_language_language'), ['language'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('present', 'partial', 'absent')", name=op.f('ck_attendance_status_known')),
    sa.CheckConstraint('minutes >= 0', name=op.f('ck_attendance_minutes_not_negative')),
    sa.ForeignKeyConstraint(['agent_id'], ['agent.id'], name=op.f('fk_attendance_agent_id_agent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_attendance_recorded_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_attendance_session_id_training_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('session_id', 'agent_id', name='uq_attendance_session_agent')
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_recorded_at'), ['recorded_at'], unique=False)

    op.create_table('certificate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('minutes_attended', sa.Integer(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['agent.id'], name=op.f('fk_certificate_agent_id_agent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id'], ['programme.id'], name=op.f('fk_certificate_programme_id_programme'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate')),
    sa.UniqueConstraint('code', name=op.f('uq_certificate_code'))
    )
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.create_index('ix_certificate_agent_programme', ['agent_id', 'programme_id', 'expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_expires_on'), ['expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_issued_on'), ['issued_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_revoked_at'), ['revoked_at'], unique=False)

    op.create_table('conversation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('rumour_id', sa.Integer(), nullable=True),
    sa.Column('response_mode', sa.String(length=20), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=1000), nullable=False),
    sa.Column('logged_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("outcome IN ('open', 'doubt', 'changed', 'unchanged', 'hostile')", name=op.f('ck_conversation_outcome_known')),
    sa.CheckConstraint("response_mode IN ('correct', 'co_verify', 'de_escalate', 'empathise', 'not_respond')", name=op.f('ck_conversation_mode_known')),
    sa.ForeignKeyConstraint(['agent_id'], ['agent.id'], name=op.f('fk_conversation_agent_id_agent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_conversation_district_id_district'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['logged_by_id'], ['user.id'], name=op.f('fk_conversation_logged_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['rumour_id'], ['rumour.id'], name=op.f('fk_conversation_rumour_id_rumour'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation'))
    )
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.create_index('ix_conversation_agent_held', ['agent_id', 'held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversation_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversation_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversation_rumour_id'), ['rumour_id'], unique=False)

    op.create_table('enrolment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('queued_at', sa.DateTime(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("state IN ('enrolled', 'waiting', 'cancelled')", name=op.f('ck_enrolment_state_known')),
    sa.ForeignKeyConstraint(['agent_id'], ['agent.id'], name=op.f('fk_enrolment_agent_id_agent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_enrolment_session_id_training_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrolment')),
    sa.UniqueConstraint('session_id', 'agent_id', name='uq_enrolment_session_agent')
    )
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrolment_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index('ix_enrolment_session_state', ['session_id', 'state', 'queued_at'], unique=False)

    op.create_table('training_session_module',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['programme_module.id'], name=op.f('fk_training_session_module_module_id_programme_module'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_training_session_module_session_id_training_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'module_id', name=op.f('pk_training_session_module'))
    )
    with op.batch_alter_table('training_session_module', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_session_module_module_id'), ['module_id'], unique=False)

    op.create_table('agent_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agent_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('certificate_id', sa.Integer(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=120), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('dropped_at', sa.DateTime(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=500), nullable=True),
    sa.CheckConstraint("kind IN ('invitation', 'reminder', 'cancellation', 'expiry')", name=op.f('ck_agent_message_kind_known')),
    sa.ForeignKeyConstraint(['agent_id'], ['agent.id'], name=op.f('fk_agent_message_agent_id_agent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['certificate_id'], ['certificate.id'], name=op.f('fk_agent_message_certificate_id_certificate'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_agent_message_session_id_training_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agent_message')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_agent_message_dedupe_key'))
    )
    with op.batch_alter_table('agent_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agent_message_agent_id'), ['agent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agent_message_certificate_id'), ['certificate_id'], unique=False)
        batch_op.create_index('ix_agent_message_due', ['sent_at', 'due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_agent_message_session_id'), ['session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('agent_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agent_message_session_id'))
        batch_op.drop_index('ix_agent_message_due')
        batch_op.drop_index(batch_op.f('ix_agent_message_certificate_id'))
        batch_op.drop_index(batch_op.f('ix_agent_message_agent_id'))

    op.drop_table('agent_message')
    with op.batch_alter_table('training_session_module', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_session_module_module_id'))

    op.drop_table('training_session_module')
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrolment_session_state')
        batch_op.drop_index(batch_op.f('ix_enrolment_agent_id'))

    op.drop_table('enrolment')
    with op.batch_alter_table('conversation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_rumour_id'))
        batch_op.drop_index(batch_op.f('ix_conversation_held_on'))
        batch_op.drop_index(batch_op.f('ix_conversation_district_id'))
        batch_op.drop_index('ix_conversation_agent_held')

    op.drop_table('conversation')
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certificate_revoked_at'))
        batch_op.drop_index(batch_op.f('ix_certificate_programme_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_issued_on'))
        batch_op.drop_index(batch_op.f('ix_certificate_expires_on'))
        batch_op.drop_index('ix_certificate_agent_programme')

    op.drop_table('certificate')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_attendance_agent_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('agent_language', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agent_language_language'))

    op.drop_table('agent_language')
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.drop_index('ix_training_session_updated_at')
        batch_op.drop_index(batch_op.f('ix_training_session_trainer_id'))
        batch_op.drop_index(batch_op.f('ix_training_session_starts_at'))
        batch_op.drop_index('ix_training_session_programme_starts')
        batch_op.drop_index(batch_op.f('ix_training_session_district_id'))

    op.drop_table('training_session')
    with op.batch_alter_table('agent', schema=None) as batch_op:
        batch_op.drop_index('ix_agent_updated_at')
        batch_op.drop_index('ix_agent_status_name')
        batch_op.drop_index(batch_op.f('ix_agent_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_agent_name_key'))
        batch_op.drop_index(batch_op.f('ix_agent_last_activity_on'))
        batch_op.drop_index(batch_op.f('ix_agent_email_key'))
        batch_op.drop_index(batch_op.f('ix_agent_district_id'))

    op.drop_table('agent')
    with op.batch_alter_table('programme_module', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_module_programme_id'))

    op.drop_table('programme_module')
    op.drop_table('programme')
