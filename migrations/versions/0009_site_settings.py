"""site settings: the district's postcodes, the cooperative's details and retention, set by an administrator

Revision ID: 0009_site_settings
Revises: 0008_wanted_occupations
Create Date: 2026-11-28 06:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_site_settings'
down_revision = '0008_wanted_occupations'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('site_setting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_site_setting_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_setting')),
    sa.UniqueConstraint('key', name=op.f('uq_site_setting_key'))
    )


def downgrade():
    op.drop_table('site_setting')
