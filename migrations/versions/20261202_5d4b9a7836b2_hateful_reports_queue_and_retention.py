"""Rumours: hateful reports. What coordinators did about each (referred to the authorities'
reporting platform, removed, no action), when a report was handled and when the retention
rule erased its words, and which rumours a hateful report worded (their wording stays with
coordinators until triage).

Revision ID: 5d4b9a7836b2
Revises: bdd018969863
Create Date: 2026-12-02 11:45:22.944008

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5d4b9a7836b2'
down_revision = 'bdd018969863'
branch_labels = None
depends_on = None

OPEN = {"sqlite_where": sa.text('hateful = 1 AND hateful_handled_at IS NULL'),
        "postgresql_where": sa.text('hateful AND hateful_handled_at IS NULL')}


def upgrade():
    op.create_table(
        'rumour_hateful_action',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('sighting_id', sa.Integer(), nullable=False),
        sa.Column('outcome', sa.String(length=12), nullable=False),
        sa.Column('referred_on', sa.Date(), nullable=True),
        sa.Column('reference', sa.String(length=120), nullable=False),
        sa.Column('note', sa.String(length=500), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.CheckConstraint("outcome IN ('referred', 'removed', 'no_action')",
                           name=op.f('ck_rumour_hateful_action_outcome_known')),
        sa.ForeignKeyConstraint(['sighting_id'], ['rumour_sighting.id'],
                                name=op.f('fk_rumour_hateful_action_sighting_id_rumour_sighting'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'],
                                name=op.f('fk_rumour_hateful_action_user_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rumour_hateful_action')),
    )
    with op.batch_alter_table('rumour_hateful_action', schema=None) as batch_op:
        batch_op.create_index('ix_rumour_hateful_action_sighting', ['sighting_id', 'at'],
                              unique=False)

    # Rumours already recorded were worded before this rule: none is withheld.
    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hateful_origin', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))

    with op.batch_alter_table('rumour_sighting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hateful_handled_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('verbatim_erased_on', sa.Date(), nullable=True))
        batch_op.create_index('ix_rumour_sighting_hateful_open', ['seen_on', 'id'],
                              unique=False, **OPEN)


def downgrade():
    with op.batch_alter_table('rumour_sighting', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_sighting_hateful_open', **OPEN)
        batch_op.drop_column('verbatim_erased_on')
        batch_op.drop_column('hateful_handled_at')

    with op.batch_alter_table('rumour', schema=None) as batch_op:
        batch_op.drop_column('hateful_origin')

    with op.batch_alter_table('rumour_hateful_action', schema=None) as batch_op:
        batch_op.drop_index('ix_rumour_hateful_action_sighting')

    op.drop_table('rumour_hateful_action')
