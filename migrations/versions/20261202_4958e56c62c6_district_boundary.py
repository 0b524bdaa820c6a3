"""Core: an optional boundary per district (a GeoJSON Polygon or MultiPolygon imported by an
administrator), so that the dashboards can draw sightings and partners on a map of the city.

Revision ID: 4958e56c62c6
Revises: a7e3c91d5b20
Create Date: 2026-12-02 12:52:33.615438

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '4958e56c62c6'
down_revision = 'a7e3c91d5b20'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.add_column(sa.Column('boundary', sa.JSON(none_as_null=True), nullable=True))


def downgrade():
    with op.batch_alter_table('district', schema=None) as batch_op:
        batch_op.drop_column('boundary')
