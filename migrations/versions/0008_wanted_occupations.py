"""work wanted apart from work done: jobseeker.wanted_occupations

Earlier profiles answered one question ("work done or wanted"); their column stays NULL, which the matching reads
as "not said which" (the explanation then does not claim experience). Profiles saved with the two questions keep
work done in `occupations` and work wanted here (an empty list when nothing is wanted).

Revision ID: 0008_wanted_occupations
Revises: 0007_contact_log
Create Date: 2026-11-28 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_wanted_occupations'
down_revision = '0007_contact_log'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('jobseeker', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wanted_occupations', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('jobseeker', schema=None) as batch_op:
        batch_op.drop_column('wanted_occupations')
