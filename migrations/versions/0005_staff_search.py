"""staff search: a search document on jobseekers and vacancies, and saved filter sets

Revision ID: 0005_staff_search
Revises: 0004_suggestion_version
Create Date: 2026-11-28 05:40:00

"""
from types import SimpleNamespace

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005_staff_search'
down_revision = '0004_suggestion_version'
branch_labels = None
depends_on = None

JOBSEEKER_COLUMNS = ("name", "about", "email", "occupations", "talents", "licences", "certificates", "languages",
                     "availability", "travel_mode")
VACANCY_COLUMNS = ("title", "description", "occupation_uri", "required_talents", "preferred_talents", "licences",
                   "certificates", "languages", "schedule")


def _fill(table_name, columns, document):
    """Write the search document of every existing row (new and changed rows get theirs on save)."""
    json_columns = {"occupations", "talents", "licences", "certificates", "languages", "availability",
                    "required_talents", "preferred_talents", "schedule"}
    table = sa.table(table_name, sa.column("id", sa.Integer), sa.column("search_text", sa.Text),
                     *[sa.column(c, sa.JSON if c in json_columns else sa.Text) for c in columns])
    bind = op.get_bind()
    for row in bind.execute(sa.select(table)).mappings().all():
        text = document(SimpleNamespace(**dict(row)))
        bind.execute(table.update().where(table.c.id == row["id"]).values(search_text=text))


def upgrade():
    op.create_table('saved_search',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('query', sa.String(length=2000), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_saved_search_owner_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_search'))
    )
    with op.batch_alter_table('saved_search', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_search_owner_id'), ['owner_id'], unique=False)
    with op.batch_alter_table('jobseeker', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))

    from werkstation.search_text import jobseeker_document, vacancy_document

    _fill('jobseeker', JOBSEEKER_COLUMNS, jobseeker_document)
    _fill('vacancy', VACANCY_COLUMNS, vacancy_document)


def downgrade():
    with op.batch_alter_table('vacancy', schema=None) as batch_op:
        batch_op.drop_column('search_text')
    with op.batch_alter_table('jobseeker', schema=None) as batch_op:
        batch_op.drop_column('search_text')
    with op.batch_alter_table('saved_search', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_search_owner_id'))
    op.drop_table('saved_search')
