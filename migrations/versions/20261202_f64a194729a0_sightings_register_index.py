"""The sightings register's index: sightings by date and id, newest first, paged by key.

Revision ID: f64a194729a0
Revises: 72ec43de1458
Create Date: 2026-12-02 10:11:13.452963

"""
from alembic import op

revision = "f64a194729a0"
down_revision = "72ec43de1458"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("rumour_sighting", schema=None) as batch_op:
        batch_op.create_index("ix_rumour_sighting_seen_id", ["seen_on", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("rumour_sighting", schema=None) as batch_op:
        batch_op.drop_index("ix_rumour_sighting_seen_id")
