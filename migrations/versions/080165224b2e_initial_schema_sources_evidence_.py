"""Initial schema: sources, evidence, question sets, versioned questions, quizzes, attempts, responses

Revision ID: 080165224b2e
Revises:
Create Date: 2026-11-21 20:06:15.843250

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '080165224b2e'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('question_set',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('bundled', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_set')),
    sa.UniqueConstraint('slug', name=op.f('uq_question_set_slug'))
    )
    op.create_table('quiz',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('question_count', sa.Integer(), nullable=True),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('shuffle_questions', sa.Boolean(), nullable=False),
    sa.Column('shuffle_choices', sa.Boolean(), nullable=False),
    sa.Column('time_limit_minutes', sa.Integer(), nullable=True),
    sa.Column('attempts_allowed', sa.Integer(), nullable=True),
    sa.Column('feedback', sa.String(length=20), nullable=False),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('bundled', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quiz')),
    sa.UniqueConstraint('join_code', name=op.f('uq_quiz_join_code')),
    sa.UniqueConstraint('slug', name=op.f('uq_quiz_slug'))
    )
    op.create_table('source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('outlet', sa.String(length=120), nullable=False),
    sa.Column('headline', sa.String(length=300), nullable=False),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('date_precision', sa.String(length=10), nullable=False),
    sa.Column('date_note', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('trimmed', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source')),
    sa.UniqueConstraint('slug', name=op.f('uq_source_slug'))
    )
    op.create_table('attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=36), nullable=False),
    sa.Column('start_token', sa.String(length=36), nullable=False),
    sa.Column('quiz_id', sa.Integer(), nullable=False),
    sa.Column('learner_key', sa.String(length=36), nullable=False),
    sa.Column('display_name', sa.String(length=60), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('score', sa.Double(), nullable=True),
    sa.Column('max_score', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['quiz_id'], ['quiz.id'], name=op.f('fk_attempt_quiz_id_quiz')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempt')),
    sa.UniqueConstraint('public_id', name=op.f('uq_attempt_public_id')),
    sa.UniqueConstraint('start_token', name=op.f('uq_attempt_start_token'))
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attempt_learner_key'), ['learner_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_attempt_quiz_id'), ['quiz_id'], unique=False)

    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('current_version_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_question_set_id_question_set')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question')),
    sa.UniqueConstraint('slug', name='uq_question_slug')
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_set_id'), ['set_id'], unique=False)

    op.create_table('quiz_set',
    sa.Column('quiz_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['quiz_id'], ['quiz.id'], name=op.f('fk_quiz_set_quiz_id_quiz')),
    sa.ForeignKeyConstraint(['set_id'], ['question_set.id'], name=op.f('fk_quiz_set_set_id_question_set')),
    sa.PrimaryKeyConstraint('quiz_id', 'set_id', name=op.f('pk_quiz_set'))
    )
    op.create_table('question_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('prompt', sa.Text(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('difficulty', sa.SmallInteger(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], name=op.f('fk_question_version_question_id_question')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_version')),
    sa.UniqueConstraint('question_id', 'number', name=op.f('uq_question_version_question_id'))
    )
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_version_question_id'), ['question_id'], unique=False)

    # question.current_version_id and question_version.question_id point at each other:
    # the first of the two foreign keys can only be added once both tables exist.
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_question_current_version', 'question_version',
                                    ['current_version_id'], ['id'])

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_version_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_version_id'], ['question_version.id'], name=op.f('fk_evidence_question_version_id_question_version')),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_evidence_source_id_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_question_version_id'), ['question_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_source_id'), ['source_id'], unique=False)

    op.create_table('response',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question_version_id', sa.Integer(), nullable=False),
    sa.Column('layout', sa.JSON(), nullable=False),
    sa.Column('answer', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('score', sa.Double(), nullable=True),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_response_attempt_id_attempt')),
    sa.ForeignKeyConstraint(['question_version_id'], ['question_version.id'], name=op.f('fk_response_question_version_id_question_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_response')),
    sa.UniqueConstraint('attempt_id', 'position', name=op.f('uq_response_attempt_id'))
    )


def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_constraint('fk_question_current_version', type_='foreignkey')
    op.drop_table('response')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_source_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_question_version_id'))

    op.drop_table('evidence')
    with op.batch_alter_table('question_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_version_question_id'))

    op.drop_table('question_version')
    op.drop_table('quiz_set')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_set_id'))

    op.drop_table('question')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attempt_quiz_id'))
        batch_op.drop_index(batch_op.f('ix_attempt_learner_key'))

    op.drop_table('attempt')
    op.drop_table('source')
    op.drop_table('quiz')
    op.drop_table('question_set')
