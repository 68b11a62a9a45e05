"""suggestion ids are never given out twice on SQLite (AUTOINCREMENT)

Revision ID: 0014_suggestion_fresh_ids
Revises: 0013_vacancy_terms
Create Date: 2026-11-28 20:15:00

Without AUTOINCREMENT SQLite gives a new row the highest id in use plus one, so the id of the newest suggestion,
once removed (re-scoring, a pause), went to the next one: an old link then opened another pair's suggestion. The
table is rebuilt with AUTOINCREMENT (batch mode; rows and ids are kept). PostgreSQL never reuses a sequence's
values: nothing to do there.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014_suggestion_fresh_ids'
down_revision = '0013_vacancy_terms'
branch_labels = None
depends_on = None


def _rebuild(autoincrement):
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.batch_alter_table('suggestion', schema=None, recreate='always',
                              table_kwargs={'sqlite_autoincrement': autoincrement}):
        pass


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
