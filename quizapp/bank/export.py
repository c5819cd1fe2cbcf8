"""Read one question set and the sources it cites out of the database, as bank files."""

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion
from quizapp.domain.bankwriter import (
    QuestionValues,
    SetValues,
    SourceValues,
    same_source,
    set_text,
    source_text,
)


class ExportError(Exception):
    """Why a set cannot be exported; nothing was written."""


def _source_values(source):
    return SourceValues(
        slug=source.slug, outlet=source.outlet, headline=source.headline, body=source.body,
        published=source.published, date_precision=source.date_precision,
        stamped=source.stamped, date_note=source.date_note, provenance=source.provenance,
        provenance_note=source.provenance_note, url=source.url, trimmed=source.trimmed)


def _question_values(question):
    version = question.current_version
    return QuestionValues(
        id=question.slug, kind=version.kind, prompt=version.prompt, data=dict(version.data),
        explanation=version.explanation,
        evidence=tuple((e.source.slug, e.quote) for e in version.evidence),
        tags=tuple(version.tags), difficulty=version.difficulty)


def _moved_evidence(questions):
    """Return a warning for each passage that loading would find at another offset.

    The bank format keeps quotes, not offsets, and a loader takes a quote's first
    occurrence: a passage picked further on would be highlighted in the wrong place.
    """
    return [f"question {q.slug}: evidence {n} is found earlier in source {e.source.slug} "
            f"(at {e.source.body.find(e.quote)}, not {e.start}); a load will point there"
            for q in questions for n, e in enumerate(q.current_version.evidence, 1)
            if e.source.body.find(e.quote) != e.start]


def set_files(session, slug):
    """Return ({relative path: text}, warnings) for the set `slug` and the sources it cites.

    Only live questions are written, each as its current version.
    """
    question_set = session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == slug))
    if question_set is None:
        raise ExportError(f"There is no question set {slug!r}.")
    questions = session.scalars(
        sa.select(Question)
        .where(Question.set_id == question_set.id, Question.retired.is_(False))
        .order_by(Question.position, Question.id)
        .options(selectinload(Question.current_version)
                 .selectinload(QuestionVersion.evidence)
                 .selectinload(Evidence.source))
    ).all()
    if not questions:
        raise ExportError(f"The question set {slug!r} has no live question to export.")
    sources = {e.source.slug: e.source for q in questions for e in q.current_version.evidence}
    files = {Path("sources", f"{s}.txt"): source_text(_source_values(sources[s]))
             for s in sorted(sources)}
    files[Path("sets", f"{slug}.yaml")] = set_text(SetValues(
        id=slug, title=question_set.title, description=question_set.description,
        questions=tuple(_question_values(q) for q in questions)))
    return files, _moved_evidence(questions)


def _holds(path, text):
    """Tell whether the file at `path` already says what `text` says."""
    if not path.is_file():
        return False
    old = path.read_text("utf-8", errors="replace")
    return old == text or (path.parent.name == "sources" and same_source(old, text))


def write_files(root, files, force=False):
    """Write `files` under `root`; return (written, unchanged) relative paths.

    Without `force`, an existing file with other content stops everything before
    anything is written, so an export never silently replaces someone's edits.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise ExportError(f"{root} exists and is not a folder.")
    unchanged = [p for p, text in files.items() if _holds(root / p, text)]
    differing = [p for p in files if (root / p).exists() and p not in unchanged]
    if differing and not force:
        names = ", ".join(str(p) for p in differing)
        raise ExportError(f"These files exist with other content: {names}. "
                          "Use --force to overwrite them.")
    written = []
    for path, text in files.items():
        if path in unchanged:
            continue
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, "utf-8", newline="\n")
        written.append(path)
    return written, unchanged
