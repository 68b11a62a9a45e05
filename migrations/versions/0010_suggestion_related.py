"""suggestion related: related work or an asked talent, so the lists show related people first

Existing suggestions get the value from their stored explanation (the same rule as the matching bridge).

Revision ID: 0010_suggestion_related
Revises: 0009_site_settings
Create Date: 2026-11-28 06:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_suggestion_related'
down_revision = '0009_site_settings'
branch_labels = None
depends_on = None

RELATED_OCCUPATION = ("occupation.same", "occupation.related", "occupation.unit_group", "occupation.minor_group")
TALENT_HELD = ("talents.required.all", "talents.required.partial", "talents.preferred.all",
               "talents.preferred.partial")
NOTHING_ASKED = ("occupation.no_requirement", "talents.required.no_requirement", "talents.preferred.no_requirement")


def related(explanation):
    codes = {part.get("code") for part in (explanation or {}).get("parts") or []}
    if codes & set(RELATED_OCCUPATION + TALENT_HELD):
        return True
    return set(NOTHING_ASKED) <= codes


def upgrade():
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.add_column(sa.Column('related', sa.Boolean(), server_default=sa.true(), nullable=False))
    suggestion = sa.table('suggestion', sa.column('id', sa.Integer), sa.column('explanation', sa.JSON),
                          sa.column('related', sa.Boolean))
    bind = op.get_bind()
    unrelated = [row.id for row in bind.execute(sa.select(suggestion.c.id, suggestion.c.explanation))
                 if not related(row.explanation)]
    for start in range(0, len(unrelated), 500):
        bind.execute(suggestion.update().where(suggestion.c.id.in_(unrelated[start:start + 500]))
                     .values(related=False))


def downgrade():
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.drop_column('related')
