"""Network: organisations, roles, contacts, ties, stored analytics, the support group, partner users' organisation.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 17:31:46.661795

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('network_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.Column('organisations', sa.Integer(), nullable=False),
    sa.Column('ties', sa.Integer(), nullable=False),
    sa.Column('density', sa.Double(), nullable=False),
    sa.Column('components', sa.Integer(), nullable=False),
    sa.Column('isolates', sa.Integer(), nullable=False),
    sa.Column('largest_component', sa.Integer(), nullable=False),
    sa.Column('communities', sa.Integer(), nullable=False),
    sa.Column('modularity', sa.Double(), nullable=False),
    sa.Column('duration_ms', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_snapshot'))
    )
    with op.batch_alter_table('network_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_snapshot_computed_at'), ['computed_at'], unique=False)

    op.create_table('network_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=True),
    sa.Column('computed_version', sa.Integer(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=True),
    sa.Column('claimed_until', sa.DateTime(), nullable=True),
    sa.Column('explorer_etag', sa.String(length=64), nullable=False),
    sa.Column('explorer_json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_state'))
    )
    op.create_table('support_group_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('agenda', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('minutes', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_group_meeting'))
    )
    with op.batch_alter_table('support_group_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_group_meeting_held_on'), ['held_on'], unique=False)

    op.create_table('organisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('sector', sa.String(length=40), nullable=False),
    sa.Column('district_id', sa.Integer(), nullable=True),
    sa.Column('member_since', sa.Date(), nullable=True),
    sa.Column('commitment_signed_on', sa.Date(), nullable=True),
    sa.Column('description', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['district_id'], ['district.id'], name=op.f('fk_organisation_district_id_district'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('name_key', name=op.f('uq_organisation_name_key'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_district_id'), ['district_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_sector'), ['sector'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('function', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_contact_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact'))
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('organisation_metrics',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('degree', sa.Integer(), nullable=False),
    sa.Column('weighted_degree', sa.Double(), nullable=False),
    sa.Column('betweenness', sa.Double(), nullable=False),
    sa.Column('pagerank', sa.Double(), nullable=False),
    sa.Column('community', sa.Integer(), nullable=True),
    sa.Column('core_number', sa.Integer(), nullable=False),
    sa.Column('burt_constraint', sa.Double(), nullable=True),
    sa.Column('broker', sa.Boolean(), nullable=False),
    sa.Column('x', sa.Double(), nullable=False),
    sa.Column('y', sa.Double(), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_metrics_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', name=op.f('pk_organisation_metrics'))
    )
    with op.batch_alter_table('organisation_metrics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_metrics_community'), ['community'], unique=False)

    op.create_table('organisation_role',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_organisation_role_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('organisation_id', 'role', name=op.f('pk_organisation_role'))
    )
    with op.batch_alter_table('organisation_role', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_role_role'), ['role'], unique=False)

    op.create_table('support_group_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=120), nullable=False),
    sa.Column('affiliation', sa.String(length=200), nullable=False),
    sa.Column('group_role', sa.String(length=20), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(kind = 'organisation' AND organisation_id IS NOT NULL) OR (kind = 'person' AND person_name <> '')", name=op.f('ck_support_group_member_has_identity')),
    sa.CheckConstraint("kind IN ('organisation', 'person')", name=op.f('ck_support_group_member_kind_known')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_support_group_member_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_group_member')),
    sa.UniqueConstraint('organisation_id', name=op.f('uq_support_group_member_organisation_id'))
    )
    op.create_table('tie',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('from_organisation_id', sa.Integer(), nullable=False),
    sa.Column('to_organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('weight', sa.Double(), nullable=False),
    sa.Column('since', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('origin_key', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('from_organisation_id <> to_organisation_id', name=op.f('ck_tie_not_self')),
    sa.CheckConstraint('weight > 0', name=op.f('ck_tie_weight_positive')),
    sa.ForeignKeyConstraint(['from_organisation_id'], ['organisation.id'], name=op.f('fk_tie_from_organisation_id_organisation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_organisation_id'], ['organisation.id'], name=op.f('fk_tie_to_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tie')),
    sa.UniqueConstraint('from_organisation_id', 'to_organisation_id', 'kind', 'origin_key', name='uq_tie_pair_kind_origin')
    )
    with op.batch_alter_table('tie', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tie_from_organisation_id'), ['from_organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_tie_origin_key'), ['origin_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_tie_to_organisation_id'), ['to_organisation_id'], unique=False)

    op.create_table('support_group_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['support_group_meeting.id'], name=op.f('fk_support_group_decision_meeting_id_support_group_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['support_group_member.id'], name=op.f('fk_support_group_decision_owner_id_support_group_member'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_support_group_decision'))
    )
    with op.batch_alter_table('support_group_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_support_group_decision_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_group_decision_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_group_decision_owner_id'), ['owner_id'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_user_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_user_organisation_id_organisation'), 'organisation', ['organisation_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_organisation_id_organisation'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_user_organisation_id'))
        batch_op.drop_column('organisation_id')

    with op.batch_alter_table('support_group_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_group_decision_owner_id'))
        batch_op.drop_index(batch_op.f('ix_support_group_decision_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_support_group_decision_due_on'))

    op.drop_table('support_group_decision')
    with op.batch_alter_table('tie', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tie_to_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_tie_origin_key'))
        batch_op.drop_index(batch_op.f('ix_tie_from_organisation_id'))

    op.drop_table('tie')
    op.drop_table('support_group_member')
    with op.batch_alter_table('organisation_role', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_role_role'))

    op.drop_table('organisation_role')
    with op.batch_alter_table('organisation_metrics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_metrics_community'))

    op.drop_table('organisation_metrics')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_organisation_id'))

    op.drop_table('contact')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisation_sector'))
        batch_op.drop_index(batch_op.f('ix_organisation_district_id'))

    op.drop_table('organisation')
    with op.batch_alter_table('support_group_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_group_meeting_held_on'))

    op.drop_table('support_group_meeting')
    op.drop_table('network_state')
    with op.batch_alter_table('network_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_snapshot_computed_at'))

    op.drop_table('network_snapshot')
