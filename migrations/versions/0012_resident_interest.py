"""suggestion interest: a resident says "Ik heb interesse" or "Niet voor mij" about a fitting vacancy

Revision ID: 0012_resident_interest
Revises: 0011_wants_more_hours
Create Date: 2026-11-28 10:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_resident_interest'
down_revision = '0011_wants_more_hours'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interest', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('interest_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('interest_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.drop_column('interest_at')
        batch_op.drop_column('interest_reason')
        batch_op.drop_column('interest')
