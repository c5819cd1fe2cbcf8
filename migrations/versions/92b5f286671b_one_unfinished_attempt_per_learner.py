"""One unfinished attempt per learner and quiz (partial unique index); attempt.last_saved_at

Revision ID: 92b5f286671b
Revises: dae7e9feb750
Create Date: 2026-11-29 03:31:57.680182

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '92b5f286671b'
down_revision = 'dae7e9feb750'
branch_labels = None
depends_on = None

INDEX = 'uq_attempt_unsubmitted_quiz_id_learner_key'
UNSUBMITTED = sa.text('submitted_at IS NULL')

attempt = sa.table(
    'attempt', sa.column('id'), sa.column('quiz_id'), sa.column('learner_key'),
    sa.column('started_at'), sa.column('submitted_at', sa.DateTime(timezone=True)),
    sa.column('score'))
response = sa.table(
    'response', sa.column('id'), sa.column('attempt_id'), sa.column('question_version_id'),
    sa.column('answer', sa.JSON), sa.column('answered_at'), sa.column('score'))
version = sa.table('question_version', sa.column('id'), sa.column('kind'),
                   sa.column('data', sa.JSON))


def upgrade():
    close_duplicate_attempts(op.get_bind())
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_saved_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(INDEX, ['quiz_id', 'learner_key'], unique=True,
                              sqlite_where=UNSUBMITTED, postgresql_where=UNSUBMITTED)


def downgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index(INDEX, sqlite_where=UNSUBMITTED, postgresql_where=UNSUBMITTED)
        batch_op.drop_column('last_saved_at')


def close_duplicate_attempts(bind):
    """Leave one unsubmitted attempt per learner and quiz, so the unique index can be built.

    Raced starts made duplicates before this revision. The newest stays open (it is the one
    a learner resumes); an older one without answers is deleted; an older one with answers
    is handed in and scored, as a deadline would do.
    """
    rows = bind.execute(
        sa.select(attempt.c.id, attempt.c.quiz_id, attempt.c.learner_key)
        .where(attempt.c.submitted_at.is_(None))
        .order_by(attempt.c.quiz_id, attempt.c.learner_key,
                  attempt.c.started_at.desc(), attempt.c.id.desc())
    ).all()
    kept = set()
    for attempt_id, quiz_id, learner_key in rows:
        if (quiz_id, learner_key) in kept:
            hand_in_or_delete(bind, attempt_id)
        kept.add((quiz_id, learner_key))


def hand_in_or_delete(bind, attempt_id):
    """Score an attempt that has answers; delete one that has none."""
    # Imported here so a fresh install never depends on the scoring code of the day.
    from quizapp.domain.kinds import get_kind

    answers = bind.execute(
        sa.select(response.c.id, response.c.answer, response.c.answered_at,
                  version.c.kind, version.c.data)
        .join(version, version.c.id == response.c.question_version_id)
        .where(response.c.attempt_id == attempt_id)
    ).all()
    if all(row.answered_at is None for row in answers):
        bind.execute(response.delete().where(response.c.attempt_id == attempt_id))
        bind.execute(attempt.delete().where(attempt.c.id == attempt_id))
        return
    total = 0
    for row in answers:
        score = get_kind(row.kind).score(row.data, row.answer)
        bind.execute(response.update().where(response.c.id == row.id).values(score=score))
        total += score
    bind.execute(attempt.update().where(attempt.c.id == attempt_id)
                 .values(submitted_at=datetime.now(timezone.utc), score=total))
