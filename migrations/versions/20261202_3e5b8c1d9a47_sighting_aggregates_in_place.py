"""Rumours: the sighting totals are kept week by week and in place. Writers list the weeks
they change (``rumour_sighting_change``) and the job takes in only those; a rumour's page
reads its months and districts from ``rumour_sighting_week_district``; the theme and
district totals get a unique key (the job updates them with INSERT ... ON CONFLICT); the
rumour-and-district index also holds the date, so that the list's district filter probes
it once per rumour.

Every week that has sightings is listed as changed: the job's first run fills the new
totals, and until then a rumour's page counts from the sightings.

Revision ID: 3e5b8c1d9a47
Revises: e3b8a1f20c47
Create Date: 2026-12-02 15:40:00.000000

"""
import sqlalchemy as sa
from alembic import op

revision = "3e5b8c1d9a47"
down_revision = "e3b8a1f20c47"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rumour_sighting_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rumour_sighting_change")),
    )
    with op.batch_alter_table("rumour_sighting_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rumour_sighting_change_week_start"), ["week_start"],
                              unique=False)
    op.create_table(
        "rumour_sighting_week_district",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rumour_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("month_start", sa.Date(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=True),
        sa.Column("sightings", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["district_id"], ["district.id"],
                                name=op.f("fk_rumour_sighting_week_district_district_id_district"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["rumour_id"], ["rumour.id"],
                                name=op.f("fk_rumour_sighting_week_district_rumour_id_rumour"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rumour_sighting_week_district")),
    )
    with op.batch_alter_table("rumour_sighting_week_district", schema=None) as batch_op:
        batch_op.create_index("ix_rumour_sighting_week_district_week", ["week_start"],
                              unique=False)
        batch_op.create_index("uq_rumour_sighting_week_district_key",
                              ["rumour_id", "week_start", "month_start",
                               sa.text("coalesce(district_id, 0)")], unique=True)
    with op.batch_alter_table("rumour_sighting_week_area", schema=None) as batch_op:
        batch_op.create_index("uq_rumour_sighting_week_area_key",
                              ["week_start", sa.text("coalesce(theme_id, 0)"),
                               sa.text("coalesce(district_id, 0)")], unique=True)
    with op.batch_alter_table("rumour_sighting", schema=None) as batch_op:
        batch_op.drop_index("ix_rumour_sighting_rumour_district")
        batch_op.create_index("ix_rumour_sighting_rumour_district",
                              ["rumour_id", "district_id", "seen_on"], unique=False)
    op.execute("INSERT INTO rumour_sighting_change (week_start) "
               "SELECT DISTINCT week_start FROM rumour_sighting")


def downgrade():
    with op.batch_alter_table("rumour_sighting", schema=None) as batch_op:
        batch_op.drop_index("ix_rumour_sighting_rumour_district")
        batch_op.create_index("ix_rumour_sighting_rumour_district", ["rumour_id", "district_id"],
                              unique=False)
    with op.batch_alter_table("rumour_sighting_week_area", schema=None) as batch_op:
        batch_op.drop_index("uq_rumour_sighting_week_area_key")
    with op.batch_alter_table("rumour_sighting_week_district", schema=None) as batch_op:
        batch_op.drop_index("uq_rumour_sighting_week_district_key")
        batch_op.drop_index("ix_rumour_sighting_week_district_week")
    op.drop_table("rumour_sighting_week_district")
    with op.batch_alter_table("rumour_sighting_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rumour_sighting_change_week_start"))
    op.drop_table("rumour_sighting_change")
