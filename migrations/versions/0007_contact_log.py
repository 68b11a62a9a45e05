"""contact log: staff notes about calls, visits and agreements, and tasks with a date and an owner

Revision ID: 0007_contact_log
Revises: 0006_totp_last_step
Create Date: 2026-11-28 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_contact_log'
down_revision = '0006_totp_last_step'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('contact_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jobseeker_id', sa.Integer(), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_contact_note_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_contact_note_business_id_business'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['jobseeker_id'], ['jobseeker.id'], name=op.f('fk_contact_note_jobseeker_id_jobseeker'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_note'))
    )
    with op.batch_alter_table('contact_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_note_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_note_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_contact_note_jobseeker_id'), ['jobseeker_id'], unique=False)

    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('jobseeker_id', sa.Integer(), nullable=True),
    sa.Column('business_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['business_id'], ['business.id'], name=op.f('fk_task_business_id_business'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_task_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['done_by_id'], ['user.id'], name=op.f('fk_task_done_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['jobseeker_id'], ['jobseeker.id'], name=op.f('fk_task_jobseeker_id_jobseeker'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_task_owner_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_task'))
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_business_id'), ['business_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_jobseeker_id'), ['jobseeker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_owner_id'), ['owner_id'], unique=False)


def downgrade():
    op.drop_table('task')
    op.drop_table('contact_note')
