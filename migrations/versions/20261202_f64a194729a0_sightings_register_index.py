"""The sightings register's indexes: sightings by date and id (newest first, paged by key),
and by kind of place, by channel and the hateful ones, each in that order.

Revision ID: f64a194729a0
Revises: c2809e5ae0f2
Create Date: 2026-12-02 10:11:13.452963

"""
import sqlalchemy as sa
from alembic import op

revision = "f64a194729a0"
down_revision = "c2809e5ae0f2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("rumour_sighting", schema=None) as batch_op:
        batch_op.create_index("ix_rumour_sighting_seen_id", ["seen_on", "id"], unique=False)
        batch_op.create_index("ix_rumour_sighting_sphere_seen", ["sphere", "seen_on", "id"],
                              unique=False)
        batch_op.create_index("ix_rumour_sighting_channel_seen", ["channel", "seen_on", "id"],
                              unique=False)
        batch_op.create_index("ix_rumour_sighting_hateful_seen", ["seen_on", "id"], unique=False,
                              sqlite_where=sa.text("hateful = 1"),
                              postgresql_where=sa.text("hateful"))


def downgrade():
    with op.batch_alter_table("rumour_sighting", schema=None) as batch_op:
        batch_op.drop_index("ix_rumour_sighting_hateful_seen")
        batch_op.drop_index("ix_rumour_sighting_channel_seen")
        batch_op.drop_index("ix_rumour_sighting_sphere_seen")
        batch_op.drop_index("ix_rumour_sighting_seen_id")
