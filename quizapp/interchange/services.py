"""Import question files into sets and export sets as files: verbs that flush, never commit."""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion, Source
from quizapp.domain.bankfiles import question_def
from quizapp.domain.bankwriter import WriteError
from quizapp.domain.interchange.base import ExportResult, InterchangeError, slugify
from quizapp.domain.interchange.reading import FORMATS, read_file
from quizapp.extensions import db
from quizapp.interchange.models import ImportUpload
from quizapp.timeutil import utcnow

# An upload not confirmed within this long is discarded at the next upload.
UPLOAD_KEPT = timedelta(days=1)
_SLUG_MAX = 80


class ImportProblem(Exception):
    """Why questions cannot be imported; nothing was written."""


def citable_sources(user):
    """Return {slug: Source} of the sources `user` may cite: bundled, their own, or all."""
    query = sa.select(Source)
    if user is None or not user.is_admin:
        owner = user.id if user is not None else None
        query = query.where(sa.or_(Source.owner_id.is_(None), Source.owner_id == owner))
    return {s.slug: s for s in db.session.scalars(query)}


def read_upload(data, fmt, user):
    """Read a file's bytes within the configured limits; return its Reading."""
    config = current_app.config
    return read_file(data, fmt, max_bytes=config["IMPORT_MAX_BYTES"],
                     max_questions=config["IMPORT_MAX_QUESTIONS"],
                     sources=citable_sources(user))


def _free_slug(model, wanted, limit=_SLUG_MAX):
    """Return `wanted`, or it with the first free number added, unused in `model`."""
    base, number, slug = wanted[:limit], 1, wanted[:limit]
    while db.session.scalar(sa.select(model.id).where(model.slug == slug)) is not None:
        number += 1
        suffix = f"-{number}"
        slug = base[:limit - len(suffix)].rstrip("-") + suffix
    return slug


def create_set(title, owner):
    """Add a new, unpublished set called `title` for `owner` (None: nobody's); return it."""
    title = " ".join(title.split())[:200]
    if not title:
        raise ImportProblem("Give the new set a title.")
    question_set = QuestionSet(slug=_free_slug(QuestionSet, slugify(title, "imported-set")),
                               title=title, bundled=False, published=owner is None,
                               owner_id=owner.id if owner is not None else None)
    db.session.add(question_set)
    db.session.flush()
    return question_set


def import_questions(question_set, questions, user):
    """Add checked question mappings at the end of `question_set`; return the Questions.

    Each is checked again as the bank checks it; an id another question already has gets
    a number added (ids are unique across the whole app).
    """
    sources = citable_sources(user)
    position = db.session.scalar(sa.select(sa.func.max(Question.position))
                                 .where(Question.set_id == question_set.id)) or 0
    added = []
    for item in questions:
        found, problems = question_def(item, question_set.slug, sources)
        if found is None:
            raise ImportProblem(f"question {item.get('id')}: {'; '.join(problems)}")
        position += 1
        question = Question(slug=_free_slug(Question, found.id, 120),
                            question_set=question_set, position=position)
        db.session.add(question)
        question.current_version = QuestionVersion(
            question=question, number=1, kind=found.kind, prompt=found.prompt,
            data=found.data, explanation=found.explanation, tags=list(found.tags),
            difficulty=found.difficulty, content_hash=found.content_hash,
            evidence=[Evidence(source=sources[e.source], quote=e.quote, start=e.start,
                               end=e.end) for e in found.evidence])
        db.session.flush()
        added.append(question)
    return added


def keep_upload(reading, user, filename, question_set=None, title=""):
    """Keep a readable upload until its teacher confirms it; drop stale ones; return it."""
    db.session.execute(sa.delete(ImportUpload)
                       .where(ImportUpload.created_at < utcnow() - UPLOAD_KEPT))
    upload = ImportUpload(owner_id=user.id, set_id=question_set.id if question_set else None,
                          title=title[:200], filename=filename[:200], format=reading.format,
                          questions=reading.questions, notes=reading.notes)
    db.session.add(upload)
    db.session.flush()
    return upload


def confirm_upload(upload, user):
    """Import a kept upload into its set (made now when new); return (set, questions)."""
    question_set = (db.session.get(QuestionSet, upload.set_id) if upload.set_id
                    else create_set(upload.title, user))
    added = import_questions(question_set, upload.questions, user)
    db.session.delete(upload)
    db.session.flush()
    return question_set, added


def live_questions(question_set):
    """Return the set's live questions, in order, with versions and evidence loaded."""
    return db.session.scalars(
        sa.select(Question)
        .where(Question.set_id == question_set.id, Question.retired.is_(False))
        .order_by(Question.position, Question.id)
        .options(selectinload(Question.current_version)
                 .selectinload(QuestionVersion.evidence).selectinload(Evidence.source))
    ).all()


def question_mapping(question):
    """Return a question as the bank-format mapping every format module writes."""
    version = question.current_version
    return {"id": question.slug, "kind": version.kind, "prompt": version.prompt,
            "explanation": version.explanation, "tags": list(version.tags),
            "difficulty": version.difficulty,
            "evidence": [{"source": e.source.slug, "quote": e.quote} for e in version.evidence],
            **version.data}


def export_set(question_set, fmt, questions=None):
    """Return the set written in format `fmt`, and per question what the format lost.

    `questions` (the set's mappings) may be given when writing several formats at once.
    """
    if questions is None:
        questions = [question_mapping(q) for q in live_questions(question_set)]
    if not questions:
        raise ImportProblem("This set has no questions to export.")
    try:
        if fmt == "quizapp":
            return FORMATS[fmt].write(questions, set_id=question_set.slug,
                                      title=question_set.title,
                                      description=question_set.description)
        result = FORMATS[fmt].write(questions)
    except (InterchangeError, WriteError) as error:
        raise ImportProblem(f"The set cannot be written as {fmt}: {error}") from None
    return ExportResult(result.text, list(result.losses))



def export_losses(question_set):
    """Return {format: what it would lose} for the set, reading the set once."""
    questions = [question_mapping(q) for q in live_questions(question_set)]
    return {fmt: export_set(question_set, fmt, questions).losses for fmt in FORMATS}
