"""Sightings by rumour, hateful or not, sphere, channel and date: where a rumour was first met
through each sphere and channel is read one index probe at a time.

Revision ID: 5a7e3c91d2b4
Revises: 4958e56c62c6
Create Date: 2026-12-02 15:20:00.000000

"""
from alembic import op

revision = "5a7e3c91d2b4"
down_revision = "4958e56c62c6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("rumour_sighting", schema=None) as batch_op:
        batch_op.create_index("ix_rumour_sighting_rumour_place",
                              ["rumour_id", "hateful", "sphere", "channel", "seen_on"],
                              unique=False)


def downgrade():
    with op.batch_alter_table("rumour_sighting", schema=None) as batch_op:
        batch_op.drop_index("ix_rumour_sighting_rumour_place")
