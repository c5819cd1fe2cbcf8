"""Read and validate the bank's files: sources, question sets and quizzes.

Everything is checked before anything is returned, and every problem is reported with
its file, line and question id, so a loader can refuse a broken bank as a whole.
See questions/README.md for the format.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml

from quizapp.domain import evidence as evidence_rules
from quizapp.domain.bankdefs import (
    Bank,
    BankError,
    EvidenceDef,
    Problem,
    QuestionDef,
    QuizDef,
    SetDef,
    SourceDoc,
)
from quizapp.domain.kinds import KINDS
from quizapp.domain.provenance import DEFAULT_STATUS, STATUSES

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
JOIN_CODE = re.compile(r"^[A-Z0-9]{4,12}$")
FEEDBACK_RULES = ("immediate", "after_submit", "after_close", "never")
DATE_PRECISIONS = {1: "year", 2: "month", 3: "day"}
COMMON_QUESTION_KEYS = {"id", "kind", "prompt", "explanation", "evidence", "tags", "difficulty"}
MAX_PROMPT = 1000
MAX_EXPLANATION = 3000
MIN_QUOTE = 12
LINE = "__line__"


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A YAML loader that remembers the line each mapping starts on."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


def _strip_lines(value):
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


@dataclass
class _Reader:
    """Collects problems while reading the files of one bank."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def report(self, path, line, where, message):
        self.problems.append(Problem(str(path.relative_to(self.root)), line, where, message))

    def load_yaml(self, path, text=None, first_line=1):
        """Parse YAML (`text`, else the file); `first_line` is where `text` starts in the file."""
        try:
            return yaml.load(text if text is not None else path.read_text("utf-8"), _LineLoader)  # noqa: S506 - a SafeLoader subclass
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + first_line if mark else None
            self.report(path, line, "", f"not valid YAML: {error}")
            return None


def read_bank(root):
    """Read and validate the bank under `root`; return a Bank or raise BankError."""
    reader = _Reader(Path(root))
    if not reader.root.is_dir():
        raise BankError([Problem(str(root), None, "", "no such folder")])
    sources = [read_source(reader, p) for p in sorted(reader.root.glob("sources/*.txt"))]
    sources = [s for s in sources if s is not None]
    if not sources:
        reader.report(reader.root, None, "", "no sources found under sources/")
    set_docs = [(p, reader.load_yaml(p)) for p in sorted(reader.root.glob("sets/*.yaml"))]
    sets = check_questions(reader, {s.slug: s for s in sources}, set_docs)
    quizzes = [read_quiz(reader, p) for p in sorted(reader.root.glob("quizzes/*.yaml"))]
    quizzes = [q for q in quizzes if q is not None]
    check_quizzes(reader, sets, quizzes)
    if reader.problems:
        raise BankError(reader.problems)
    return Bank(tuple(sources), tuple(sets), tuple(quizzes))



FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
SOURCE_KEYS = {"outlet", "headline", "published", "date_note", "url", "trimmed", "seed",
               "provenance", "provenance_note", "stamped"}


def _parse_published(value):
    """Return (date or None, precision) for 2019, "2019-02", 2019-02-14 or null."""
    if value is None:
        return None, "unknown"
    if isinstance(value, date):
        return value, "day"
    parts = str(value).split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
        raise ValueError("published must be YYYY, YYYY-MM, YYYY-MM-DD or null")
    numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
    return date(*numbers), DATE_PRECISIONS[len(parts)]


def read_source(reader, path):
    """Read one source file: YAML front matter, then the verbatim body."""
    text = path.read_text("utf-8")
    found = FRONT_MATTER.match(text)
    if not found:
        reader.report(path, 1, "", "a source file starts with --- front matter ---")
        return None
    reported = len(reader.problems)
    meta = reader.load_yaml(path, found.group(1), first_line=2)  # after the opening ---
    if not isinstance(meta, dict):
        if len(reader.problems) == reported:
            reader.report(path, 1, "", "the front matter must be a mapping")
        return None
    slug, problems = path.stem, []
    if not SLUG.match(slug):
        problems.append(f"file name {slug!r} must be a slug (a-z, 0-9, -)")
    problems += [f"unknown field {k!r}" for k in meta if k not in SOURCE_KEYS | {LINE}]
    for key in ("outlet", "headline"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            problems.append(f"{key} is required")
    try:
        published, precision = _parse_published(meta.get("published"))
    except ValueError as error:
        problems.append(str(error))
        published, precision = None, "unknown"
    provenance = meta.get("provenance", DEFAULT_STATUS)
    if provenance not in STATUSES:
        problems.append(f"provenance must be one of {', '.join(STATUSES)}")
    stamped = meta.get("stamped")
    if stamped is not None and (not isinstance(stamped, date) or isinstance(stamped, datetime)):
        problems.append("stamped must be a full date, YYYY-MM-DD, or left out")
    url = meta.get("url")
    if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
        problems.append("url must be an http(s) address or null")
    body = text[found.end():].rstrip("\n")
    if not body.strip():
        problems.append("the body is empty")
    for message in problems:
        reader.report(path, 1, slug, message)
    if problems:
        return None
    return SourceDoc(slug=slug, outlet=meta["outlet"].strip(), headline=meta["headline"].strip(),
                     published=published, date_precision=precision,
                     date_note=str(meta.get("date_note") or "").strip(), url=url,
                     trimmed=str(meta.get("trimmed") or "").strip(), body=body,
                     provenance=provenance, stamped=stamped,
                     provenance_note=str(meta.get("provenance_note") or "").strip())


def _check_common(raw, sources):
    """Return the problems with the fields every question has, and its evidence."""
    problems, evidence = [], []
    if raw.get("kind") not in KINDS:
        problems.append(f"kind must be one of {', '.join(KINDS)}")
    for key, limit in (("prompt", MAX_PROMPT), ("explanation", MAX_EXPLANATION)):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{key} is required")
        elif len(value) > limit:
            problems.append(f"{key} is longer than {limit} characters")
    tags = raw.get("tags")
    if not (isinstance(tags, list) and tags and all(isinstance(t, str) and SLUG.match(t)
                                                    for t in tags)):
        problems.append("tags must list at least one tag (a-z, 0-9, -)")
    difficulty = raw.get("difficulty")
    if isinstance(difficulty, bool) or difficulty not in (1, 2, 3):
        problems.append("difficulty must be 1, 2 or 3")
    items = raw.get("evidence")
    if not isinstance(items, list) or not items:
        problems.append("evidence must list at least one {source, quote}")
        items = []
    for index, item in enumerate(items, 1):
        found = _check_evidence(item, sources, index, problems)
        if found is not None:
            evidence.append(found)
    return problems, tuple(evidence)


def _check_evidence(item, sources, index, problems):
    """Return the EvidenceDef for one evidence item, or None after reporting why not."""
    if not isinstance(item, dict) or {k for k in item if k != LINE} != {"source", "quote"}:
        problems.append(f"evidence {index} must have exactly a source and a quote")
        return None
    source, quote = sources.get(item["source"]), item["quote"]
    if source is None:
        problems.append(f"evidence {index}: unknown source {item['source']!r}")
        return None
    if not isinstance(quote, str) or len(quote) < MIN_QUOTE:
        problems.append(f"evidence {index}: quote must be at least {MIN_QUOTE} characters")
        return None
    offsets = evidence_rules.locate(source.body, quote)
    if offsets is None:
        problems.append(f"evidence {index}: quote not found verbatim in source "
                        f"{source.slug!r}: {quote!r}")
        return None
    return EvidenceDef(source.slug, quote, *offsets)


def _read_question(reader, path, raw, set_id, sources, seen):
    """Validate one question mapping and return its QuestionDef, or None."""
    line = raw.get(LINE) if isinstance(raw, dict) else None
    if not isinstance(raw, dict):
        reader.report(path, None, "", "each question must be a mapping")
        return None
    qid = raw.get("id")
    where = f"question {qid}" if isinstance(qid, str) else "question without an id"
    problems, evidence = _check_common(raw, sources)
    if not isinstance(qid, str) or not SLUG.match(qid):
        problems.append("id is required and must be a slug (a-z, 0-9, -)")
    elif qid in seen:
        problems.append(f"id is already used in {seen[qid]}")
    else:
        seen[qid] = str(path.relative_to(reader.root))
    kind = KINDS.get(raw.get("kind"))
    data = {k: v for k, v in _strip_lines(raw).items() if k not in COMMON_QUESTION_KEYS}
    if kind is not None:
        unknown = [f"unknown field {k!r} for {kind.name}" for k in data if k not in kind.fields]
        # A misspelt field would only make the kind's own check report it missing.
        problems += unknown or kind.check(data)
    for message in problems:
        reader.report(path, line, where, message)
    if problems:
        return None
    return QuestionDef(id=qid, set_id=set_id, kind=kind.name, prompt=raw["prompt"].strip(),
                       data=data, explanation=raw["explanation"].strip(), evidence=evidence,
                       tags=tuple(raw["tags"]), difficulty=raw["difficulty"])


SET_KEYS = {"id", "title", "description", "questions"}


def check_questions(reader, sources, set_docs):
    """Validate every set file and return the SetDefs."""
    sets, seen = [], {}
    for path, doc in set_docs:
        if doc is None:
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("questions"), list):
            reader.report(path, 1, "", "a set file is a mapping with id, title and questions")
            continue
        for key in doc:
            if key not in SET_KEYS | {LINE}:
                reader.report(path, 1, "", f"unknown field {key!r}")
        set_id = doc.get("id")
        if not isinstance(set_id, str) or not SLUG.match(set_id) or set_id != path.stem:
            reader.report(path, 1, "", f"id must be a slug equal to the file name {path.stem!r}")
        if not isinstance(doc.get("title"), str) or not doc["title"].strip():
            reader.report(path, 1, "", "title is required")
        questions = [_read_question(reader, path, raw, path.stem, sources, seen)
                     for raw in doc["questions"]]
        sets.append(SetDef(path.stem, str(doc.get("title", "")).strip(),
                           str(doc.get("description") or "").strip(),
                           tuple(q for q in questions if q is not None)))
    return sets


QUIZ_DEFAULTS = QuizDef(id="", title="", description="", sets=(), join_code="")
QUIZ_KEYS = set(QUIZ_DEFAULTS.__dict__)


def _optional_positive(value):
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0)


def read_quiz(reader, path):
    """Read and check one quiz file on its own; return its QuizDef or None."""
    doc = reader.load_yaml(path)
    if not isinstance(doc, dict):
        if doc is not None:
            reader.report(path, 1, "", "a quiz file is a mapping")
        return None
    problems = [f"unknown field {k!r}" for k in doc if k not in QUIZ_KEYS | {LINE}]
    if doc.get("id") != path.stem:
        problems.append(f"id must equal the file name {path.stem!r}")
    if not isinstance(doc.get("title"), str) or not doc["title"].strip():
        problems.append("title is required")
    if not isinstance(doc.get("sets"), list) or not doc["sets"]:
        problems.append("sets must list at least one question set id")
    if not isinstance(doc.get("join_code"), str) or not JOIN_CODE.match(doc["join_code"]):
        problems.append("join_code must be 4 to 12 capital letters or digits")
    for key in ("question_count", "time_limit_minutes", "attempts_allowed"):
        if not _optional_positive(doc.get(key)):
            problems.append(f"{key} must be a whole number above 0, or left out")
    if doc.get("feedback", "after_submit") not in FEEDBACK_RULES:
        problems.append(f"feedback must be one of {', '.join(FEEDBACK_RULES)}")
    for key in ("opens_at", "closes_at"):
        value = doc.get(key)
        if value is not None and not (isinstance(value, datetime) and value.tzinfo):
            problems.append(f"{key} must be a date and time with its zone, e.g. "
                            "2026-09-01T08:00:00Z")
    for key in ("shuffle_questions", "shuffle_choices"):
        if not isinstance(doc.get(key, True), bool):
            problems.append(f"{key} must be true or false")
    for message in problems:
        reader.report(path, doc.get(LINE), f"quiz {path.stem}", message)
    if problems:
        return None
    values = {k: v for k, v in _strip_lines(doc).items() if k != LINE}
    values["sets"] = tuple(values["sets"])
    values["tags"] = tuple(values.get("tags") or ())
    values["description"] = str(values.get("description") or "").strip()
    return QuizDef(**values)


def check_quizzes(reader, sets, quizzes):
    """Check what quizzes need from each other and from the sets."""
    set_ids = {s.id: s for s in sets}
    codes = {}
    for quiz in quizzes:
        path = reader.root / "quizzes" / f"{quiz.id}.yaml"
        where = f"quiz {quiz.id}"
        for missing in [s for s in quiz.sets if s not in set_ids]:
            reader.report(path, None, where, f"unknown question set {missing!r}")
        if quiz.join_code in codes:
            reader.report(path, None, where,
                          f"join code already used by quiz {codes[quiz.join_code]}")
        codes.setdefault(quiz.join_code, quiz.id)
        pool = [q for s in quiz.sets if s in set_ids for q in set_ids[s].questions
                if not quiz.tags or set(quiz.tags) & set(q.tags)]
        if not pool:
            reader.report(path, None, where, "its sets and tags offer no question")
        elif quiz.question_count and quiz.question_count > len(pool):
            reader.report(path, None, where, f"asks for {quiz.question_count} questions but its "
                          f"sets and tags offer {len(pool)}")
        if quiz.opens_at and quiz.closes_at and quiz.closes_at <= quiz.opens_at:
            reader.report(path, None, where, "closes_at must come after opens_at")
