"""Ownership of sources, sets and quizzes; classes, rosters and quiz assignments

Revision ID: d910120dceb5
Revises: 0f8f360287d4
Create Date: 2026-11-29 05:57:53.356910

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd910120dceb5'
down_revision = '0f8f360287d4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('school_class',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_school_class_owner_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_class')),
    sa.UniqueConstraint('join_code', name=op.f('uq_school_class_join_code'))
    )
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_class_owner_id'), ['owner_id'], unique=False)

    op.create_table('quiz_class',
    sa.Column('quiz_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_quiz_class_class_id_school_class')),
    sa.ForeignKeyConstraint(['quiz_id'], ['quiz.id'], name=op.f('fk_quiz_class_quiz_id_quiz')),
    sa.PrimaryKeyConstraint('quiz_id', 'class_id', name=op.f('pk_quiz_class'))
    )
    op.create_table('roster_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=False),
    sa.Column('learner_key', sa.String(length=36), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('joined_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_roster_entry_class_id_school_class')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['roster_entry.id'], name=op.f('fk_roster_entry_merged_into_id_roster_entry')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_roster_entry_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_entry'))
    )
    with op.batch_alter_table('roster_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roster_entry_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_entry_learner_key'), ['learner_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_roster_entry_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('roster_entry_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_attempt_roster_entry_id'), ['roster_entry_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_attempt_roster_entry_id_roster_entry'), 'roster_entry', ['roster_entry_id'], ['id'])

    with op.batch_alter_table('question_set', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('published', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.create_index(batch_op.f('ix_question_set_owner_id'), ['owner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_question_set_owner_id_user_account'), 'user_account', ['owner_id'], ['id'])

    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('listed', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('grading', sa.String(length=10), nullable=False, server_default='best'))
        batch_op.create_index(batch_op.f('ix_quiz_owner_id'), ['owner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_quiz_owner_id_user_account'), 'user_account', ['owner_id'], ['id'])

    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_source_owner_id'), ['owner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_source_owner_id_user_account'), 'user_account', ['owner_id'], ['id'])



def downgrade():
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_source_owner_id_user_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_source_owner_id'))
        batch_op.drop_column('owner_id')

    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_quiz_owner_id_user_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_quiz_owner_id'))
        batch_op.drop_column('grading')
        batch_op.drop_column('listed')
        batch_op.drop_column('owner_id')

    with op.batch_alter_table('question_set', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_question_set_owner_id_user_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_question_set_owner_id'))
        batch_op.drop_column('published')
        batch_op.drop_column('owner_id')

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attempt_roster_entry_id_roster_entry'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_attempt_roster_entry_id'))
        batch_op.drop_column('roster_entry_id')

    with op.batch_alter_table('roster_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roster_entry_user_id'))
        batch_op.drop_index(batch_op.f('ix_roster_entry_learner_key'))
        batch_op.drop_index(batch_op.f('ix_roster_entry_class_id'))

    op.drop_table('roster_entry')
    op.drop_table('quiz_class')
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_class_owner_id'))

    op.drop_table('school_class')
