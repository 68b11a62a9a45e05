"""vacancy terms: hourly wage or cao, contract type, work address, and whether residents may see the business's name

Revision ID: 0013_vacancy_terms
Revises: 0012_resident_interest
Create Date: 2026-11-28 13:00:00

Existing vacancies keep empty pay and contract ("nog niet ingevuld" on the pages) and do not show the business's
name to residents before both said yes, as before.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_vacancy_terms'
down_revision = '0012_resident_interest'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hourly_wage_cents', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('cao_name', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('contract_type', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('work_address', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('name_visible', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.drop_column('name_visible')
        batch_op.drop_column('work_address')
        batch_op.drop_column('contract_type')
        batch_op.drop_column('cao_name')
        batch_op.drop_column('hourly_wage_cents')
