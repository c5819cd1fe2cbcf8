"""What a set page lists: each live question's place, kind, tags and difficulty, filtered."""

import random
from dataclasses import dataclass

from quizapp.domain.kinds import get_kind


@dataclass(frozen=True)
class QuestionRow:
    """One line of a set page."""

    position: int
    question_id: int
    kind_label: str
    prompt: str
    tags: list[str]
    difficulty: int
    has_evidence: bool


def question_rows(questions):
    """Return a row for each question (live, in order), numbered from 1."""
    return [QuestionRow(position=n, question_id=q.id,
                        kind_label=get_kind(q.current_version.kind).label,
                        prompt=q.current_version.prompt, tags=list(q.current_version.tags),
                        difficulty=q.current_version.difficulty,
                        has_evidence=bool(q.current_version.evidence))
            for n, q in enumerate(questions, 1)]


def tags_of(questions):
    """Return every tag the questions use, sorted."""
    return sorted({tag for q in questions for tag in q.current_version.tags})


def keep(questions, kind="", tag="", difficulty=""):
    """Return the questions of `kind`, tagged `tag` and of `difficulty` ("" matches any)."""
    return [q for q in questions
            if (not kind or q.current_version.kind == kind)
            and (not tag or tag in q.current_version.tags)
            and (not difficulty or str(q.current_version.difficulty) == difficulty)]


@dataclass
class PreviewResponse:
    """Stands in for a learner's response, so the learner's templates show a preview."""

    question_version: object
    layout: dict
    answer: object = None
    position: int = 1
    locked: bool = False
    score: float | None = None


def preview_layout(question):
    """Return the layout a learner could be shown, the same on every load of the preview."""
    # Seeded by the question, not secret: it only orders choices the teacher wrote.
    rng = random.Random(question.id)  # noqa: S311
    version = question.current_version
    return get_kind(version.kind).layout(version.data, rng, False)
