"""Teachers, their own sets and the quiz form, for the quiz tests."""

import sqlalchemy as sa

from quizapp.bank.models import Question, QuestionSet, QuestionVersion
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz


def own_set(owner_id, title="My set", published=False, copies_of="test-set", tags=None):
    """Commit a teacher's set holding a copy of every question of the bundled `copies_of`."""
    bundled = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == copies_of))
    mine = QuestionSet(slug=f"own-{owner_id}-{title.lower().replace(' ', '-')}", title=title,
                       owner_id=owner_id, bundled=False, published=published)
    db.session.add(mine)
    for position, question in enumerate(bundled.questions):
        old = question.current_version
        copy = Question(slug=f"{mine.slug}-{position}", question_set=mine, position=position)
        copy.current_version = QuestionVersion(
            question=copy, number=1, kind=old.kind, prompt=old.prompt, data=old.data,
            explanation=old.explanation, tags=tags or list(old.tags),
            difficulty=old.difficulty, content_hash=old.content_hash)
        db.session.add(copy)
    db.session.commit()
    return mine


def quiz_form(*sets, **overrides):
    """Return a valid quiz form over `sets`, with overrides (None leaves a field out)."""
    form = {"title": "Week 3: Huawei", "description": "", "sets": [s.id for s in sets],
            "grading": "best", "feedback": "after_submit", "shuffle_questions": "y",
            "shuffle_choices": "y"}
    form.update(overrides)
    return {k: v for k, v in form.items() if v is not None}


def quiz_rows():
    """Return every quiz with its settings and sets, to show nothing changed."""
    db.session.expire_all()
    return [(q.slug, q.title, q.join_code, q.question_count, q.closes_at, q.feedback,
             q.listed, q.time_limit_minutes, sorted(s.slug for s in q.sets))
            for q in db.session.scalars(sa.select(Quiz).order_by(Quiz.id))]


def bundled_set(name="test-set"):
    """Return the bundled set `name`."""
    return db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == name))
