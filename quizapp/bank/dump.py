"""The loaded bank as plain JSON-ready values (the shape is documented in README.md)."""

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion
from quizapp.domain.kinds import get_kind
from quizapp.domain.provenance import provenance_label


def current_questions(session):
    """Return the live questions with their current version, evidence and set loaded."""
    return session.scalars(
        sa.select(Question)
        .join(Question.question_set)
        .where(Question.retired.is_(False))
        .order_by(QuestionSet.slug, Question.position)
        .options(
            selectinload(Question.question_set),
            selectinload(Question.current_version)
            .selectinload(QuestionVersion.evidence)
            .selectinload(Evidence.source),
        )
    ).all()


def question_record(question):
    """Return one question as the dump shows it."""
    version = question.current_version
    kind = get_kind(version.kind)
    choices, answer = kind.public(version.data)
    return {
        "id": question.slug,
        "set": question.question_set.slug,
        "kind": version.kind,
        "prompt": version.prompt,
        "choices": choices,
        "answer": answer,
        "refuse": kind.refused(version.data),
        "explanation": version.explanation,
        "evidence": [
            {"source": e.source.slug, "quote": e.quote, "start": e.start, "end": e.end,
             "outlet": e.source.outlet, "provenance": e.source.provenance,
             "label": provenance_label(e.source.outlet, e.source.provenance)}
            for e in version.evidence
        ],
        # Marked for teachers: an imported question waits for a passage to be attached.
        "no_evidence_yet": version.no_evidence_yet,
        "tags": list(version.tags),
        "difficulty": version.difficulty,
        "version": version.number,
    }


def dump_bank(session):
    """Return every live question as a record."""
    return [question_record(q) for q in current_questions(session)]
