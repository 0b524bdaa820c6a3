"""Network: each organisation's metrics kept month by month (the trend on its page), and
the support group's attendance at meetings, meeting times and invitations sent by e-mail
(members get an address of their own).

Revision ID: bdd018969863
Revises: 031c54c660f1
Create Date: 2026-12-02 11:42:22.592843

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'bdd018969863'
down_revision = '031c54c660f1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'organisation_metrics_month',
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('degree', sa.Integer(), nullable=False),
        sa.Column('weighted_degree', sa.Double(), nullable=False),
        sa.Column('betweenness', sa.Double(), nullable=False),
        sa.Column('pagerank', sa.Double(), nullable=False),
        sa.Column('community', sa.Integer(), nullable=True),
        sa.Column('core_number', sa.Integer(), nullable=False),
        sa.Column('burt_constraint', sa.Double(), nullable=True),
        sa.Column('broker', sa.Boolean(), nullable=False),
        sa.Column('computed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisation.id'],
            name=op.f('fk_organisation_metrics_month_organisation_id_organisation'),
            ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('organisation_id', 'month',
                                name=op.f('pk_organisation_metrics_month')),
    )
    with op.batch_alter_table('organisation_metrics_month') as batch_op:
        batch_op.create_index('ix_organisation_metrics_month_month', ['month'], unique=False)

    op.create_table(
        'support_group_attendance',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.CheckConstraint("status IN ('present', 'excused', 'absent')",
                           name=op.f('ck_support_group_attendance_status_known')),
        sa.ForeignKeyConstraint(
            ['meeting_id'], ['support_group_meeting.id'],
            name=op.f('fk_support_group_attendance_meeting_id_support_group_meeting'),
            ondelete='CASCADE'),
        sa.ForeignKeyConstraint(
            ['member_id'], ['support_group_member.id'],
            name=op.f('fk_support_group_attendance_member_id_support_group_member'),
            ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_support_group_attendance')),
        sa.UniqueConstraint('meeting_id', 'member_id',
                            name=op.f('uq_support_group_attendance_meeting_id_member_id')),
    )
    with op.batch_alter_table('support_group_attendance') as batch_op:
        batch_op.create_index(batch_op.f('ix_support_group_attendance_meeting_id'),
                              ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_support_group_attendance_member_id'),
                              ['member_id'], unique=False)

    with op.batch_alter_table('support_group_meeting') as batch_op:
        batch_op.add_column(sa.Column('starts_at', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('ends_at', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('invitation_sent_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('invitations_sent', sa.Integer(), nullable=False,
                                      server_default='0'))
    with op.batch_alter_table('support_group_meeting') as batch_op:
        batch_op.alter_column('invitations_sent', server_default=None)

    with op.batch_alter_table('support_group_member') as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('support_group_member') as batch_op:
        batch_op.alter_column('email', server_default=None)


def downgrade():
    with op.batch_alter_table('support_group_member') as batch_op:
        batch_op.drop_column('email')
    with op.batch_alter_table('support_group_meeting') as batch_op:
        batch_op.drop_column('invitations_sent')
        batch_op.drop_column('invitation_sent_at')
        batch_op.drop_column('ends_at')
        batch_op.drop_column('starts_at')
    op.drop_table('support_group_attendance')
    op.drop_table('organisation_metrics_month')
