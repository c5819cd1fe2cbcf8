"""Answers accepted after the fact and the scores they changed

Revision ID: f7dd40b82fd4
Revises: d910120dceb5
Create Date: 2026-11-29 06:10:22.193800

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7dd40b82fd4'
down_revision = 'd910120dceb5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('answer_acceptance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('from_version_id', sa.Integer(), nullable=False),
    sa.Column('to_version_id', sa.Integer(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('accepted_by_id', sa.Integer(), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('rescored', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['accepted_by_id'], ['user_account.id'], name=op.f('fk_answer_acceptance_accepted_by_id_user_account')),
    sa.ForeignKeyConstraint(['from_version_id'], ['question_version.id'], name=op.f('fk_answer_acceptance_from_version_id_question_version')),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_answer_acceptance_question_id_question')),
    sa.ForeignKeyConstraint(['to_version_id'], ['question_version.id'], name=op.f('fk_answer_acceptance_to_version_id_question_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_acceptance'))
    )
    with op.batch_alter_table('answer_acceptance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_acceptance_question_id'), ['question_id'], unique=False)

    op.create_table('score_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('acceptance_id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('old_score', sa.Double(), nullable=False),
    sa.Column('new_score', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['acceptance_id'], ['answer_acceptance.id'], name=op.f('fk_score_change_acceptance_id_answer_acceptance')),
    sa.ForeignKeyConstraint(['response_id'], ['response.id'], name=op.f('fk_score_change_response_id_response')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_score_change'))
    )
    with op.batch_alter_table('score_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_score_change_acceptance_id'), ['acceptance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_score_change_response_id'), ['response_id'], unique=False)



def downgrade():
    with op.batch_alter_table('score_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_score_change_response_id'))
        batch_op.drop_index(batch_op.f('ix_score_change_acceptance_id'))

    op.drop_table('score_change')
    with op.batch_alter_table('answer_acceptance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_acceptance_question_id'))

    op.drop_table('answer_acceptance')
