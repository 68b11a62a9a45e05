"""suggestion version: a decision is refused when someone else decided since the page was loaded

Revision ID: 0004_suggestion_version
Revises: 0003_accounts_kennismaking
Create Date: 2026-11-28 02:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_suggestion_version'
down_revision = '0003_accounts_kennismaking'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.drop_column('version')
