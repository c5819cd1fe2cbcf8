"""Write a validated bank into the database: idempotent, versioned, all in one transaction."""

from collections import Counter
from dataclasses import fields

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion, Source
from quizapp.domain.bankdefs import BankError, Problem, SourceDoc
from quizapp.quizzes.models import Quiz

# Every attribute of a source read from its file has a column of the same name.
SOURCE_FIELDS = tuple(f.name for f in fields(SourceDoc) if f.name != "slug")
QUIZ_FIELDS = ("title", "description", "join_code", "question_count", "balance_tags",
               "shuffle_questions",
               "shuffle_choices", "time_limit_minutes", "attempts_allowed", "feedback",
               "opens_at", "closes_at")


def _apply(row, values, counter, label):
    """Set changed attributes on `row`; count it as updated when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        counter[f"{label} updated"] += 1
    return changed


def _upsert_by_slug(session, model, wanted, counter, label):
    """Add or update rows of `model` from {slug: values}; return every row by slug."""
    existing = {row.slug: row for row in session.scalars(sa.select(model))}
    for slug, values in wanted.items():
        row = existing.get(slug)
        if row is None:
            existing[slug] = row = model(slug=slug, **values)
            session.add(row)
            counter[f"{label} added"] += 1
        else:
            _apply(row, values, counter, label)
    return existing


def _load_sources(session, bank, counter):
    wanted = {doc.slug: {**{name: getattr(doc, name) for name in SOURCE_FIELDS},
                         "content_hash": doc.content_hash} for doc in bank.sources}
    return _upsert_by_slug(session, Source, wanted, counter, "sources")


def _teachers(session, model):
    """Return the slugs of `model` rows a teacher owns."""
    return set(session.scalars(sa.select(model.slug).where(model.owner_id.is_not(None))))


def _check_teachers_slugs(session, bank):
    """Refuse ids a teacher's source, set, question or quiz holds: the files never take
    them over (loading updates rows by id, and would rewrite a teacher's work)."""
    owned = sa.select(QuestionSet.id).where(QuestionSet.owner_id.is_not(None))
    questions = set(session.scalars(sa.select(Question.slug).where(Question.set_id.in_(owned))))
    sources, sets, quizzes = (_teachers(session, model) for model in (Source, QuestionSet, Quiz))
    problems = [Problem(f"sources/{doc.slug}.txt", None, f"source {doc.slug}",
                        "this id is taken by a teacher's source in the database: "
                        "rename the source")
                for doc in bank.sources if doc.slug in sources]
    problems += [Problem(f"sets/{s.id}.yaml", None, f"set {s.id}",
                         "this id is taken by a teacher's set in the database: rename the set")
                 for s in bank.sets if s.id in sets]
    problems += [Problem(f"sets/{q.set_id}.yaml", None, f"question {q.id}",
                         "this id is taken by a question of a teacher's set in the database: "
                         "rename the question")
                 for q in bank.questions() if q.id in questions]
    problems += [Problem(f"quizzes/{q.id}.yaml", None, f"quiz {q.id}",
                         "this id is taken by a teacher's quiz in the database: rename the quiz")
                 for q in bank.quizzes if q.id in quizzes]
    if problems:
        raise BankError(problems)


def _load_sets(session, bank, counter):
    wanted = {s.id: {"title": s.title, "description": s.description, "bundled": True}
              for s in bank.sets}
    return _upsert_by_slug(session, QuestionSet, wanted, counter, "sets")


def _new_version(question, number, qdef, sources):
    version = QuestionVersion(
        question=question, number=number, kind=qdef.kind, prompt=qdef.prompt, data=qdef.data,
        explanation=qdef.explanation, tags=list(qdef.tags), difficulty=qdef.difficulty,
        content_hash=qdef.content_hash,
    )
    version.evidence = [Evidence(source=sources[e.source], quote=e.quote, start=e.start,
                                 end=e.end) for e in qdef.evidence]
    return version


def _load_questions(session, bank, sets, sources, counter):
    existing = {q.slug: q for q in session.scalars(
        sa.select(Question).options(selectinload(Question.current_version)))}
    numbers = dict(session.execute(
        sa.select(QuestionVersion.question_id, sa.func.max(QuestionVersion.number))
        .group_by(QuestionVersion.question_id)).all())
    seen = set()
    for position, qdef in enumerate(bank.questions()):
        seen.add(qdef.id)
        question = existing.get(qdef.id)
        placement = {"question_set": sets[qdef.set_id], "position": position, "retired": False}
        if question is None:
            question = Question(slug=qdef.id, **placement)
            session.add(question)
            question.current_version = _new_version(question, 1, qdef, sources)
            counter["questions added"] += 1
            continue
        moved = _apply(question, placement, Counter(), "questions")
        if question.current_version.content_hash != qdef.content_hash:
            number = numbers.get(question.id, 0) + 1
            question.current_version = _new_version(question, number, qdef, sources)
            counter["questions updated"] += 1
        elif moved:
            counter["questions moved"] += 1
    for slug, question in existing.items():
        # Only bundled sets come from the files: a teacher's questions are never retired here.
        if (slug not in seen and not question.retired and question.question_set.bundled
                and question.question_set.owner_id is None):
            question.retired = True
            counter["questions retired"] += 1


def _check_join_codes(bank, existing):
    """Refuse a join code that a quiz outside the files already holds in the database."""
    holders = {q.join_code: q.slug for q in existing.values()}
    in_files = {q.id for q in bank.quizzes}
    problems = [Problem(f"quizzes/{q.id}.yaml", None, f"quiz {q.id}",
                        f"join code {q.join_code} is already used by quiz "
                        f"{holders[q.join_code]} in the database")
                for q in bank.quizzes if holders.get(q.join_code, q.id) not in in_files]
    if problems:
        raise BankError(problems)


def _load_quizzes(session, bank, sets, counter):
    existing = {q.slug: q for q in session.scalars(
        sa.select(Quiz).options(selectinload(Quiz.sets)))}
    _check_join_codes(bank, existing)
    for quiz_def in bank.quizzes:
        values = {name: getattr(quiz_def, name) for name in QUIZ_FIELDS}
        values["tags"] = list(quiz_def.tags)
        wanted_sets = [sets[s] for s in quiz_def.sets]
        row = existing.get(quiz_def.id)
        if row is None:
            session.add(Quiz(slug=quiz_def.id, bundled=True, sets=wanted_sets, **values))
            counter["quizzes added"] += 1
            continue
        # The relationship comes back ordered by id: compare the sets, not the lists.
        if {s.slug for s in row.sets} != set(quiz_def.sets):
            values["sets"] = wanted_sets
        _apply(row, values, counter, "quizzes")


def load_bank(session, bank):
    """Bring the database in line with `bank`; return counts of what changed.

    The caller commits; nothing is written when the bank already matches.
    """
    counter = Counter()
    _check_teachers_slugs(session, bank)
    sources = _load_sources(session, bank, counter)
    sets = _load_sets(session, bank, counter)
    session.flush()
    _load_questions(session, bank, sets, sources, counter)
    _load_quizzes(session, bank, sets, counter)
    session.flush()
    return counter
