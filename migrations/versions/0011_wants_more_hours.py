"""jobseeker wants_more_hours: a person at work who said they want more hours is proposed again for their rest

Revision ID: 0011_wants_more_hours
Revises: 0010_suggestion_related
Create Date: 2026-11-28 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_wants_more_hours'
down_revision = '0010_suggestion_related'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('jobseeker', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wants_more_hours', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('jobseeker', schema=None) as batch_op:
        batch_op.drop_column('wants_more_hours')
