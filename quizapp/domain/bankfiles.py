"""Read and validate the bank's files: sources, question sets and quizzes.

Everything is checked before anything is returned, and every problem is reported with
its file, line and question id, so a loader can refuse a broken bank as a whole.
The files are read as untrusted (quizapp/domain/safefiles.py, safeyaml.py) and every
field is checked against its table in quizapp/domain/bankschema.py.
See questions/README.md for the format.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from quizapp.domain import bankschema as schema
from quizapp.domain import evidence as evidence_rules
from quizapp.domain import safefiles, safeyaml
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
from quizapp.domain.safeyaml import LINE

SLUG = schema.SLUG
MIN_QUOTE = 12


@dataclass
class _Reader:
    """Collects problems while reading the files of one bank."""

    root: Path
    max_file_bytes: int = safefiles.DEFAULT_MAX_FILE_BYTES
    max_total_bytes: int = safefiles.DEFAULT_MAX_TOTAL_BYTES
    problems: list[Problem] = field(default_factory=list)
    total_bytes: int = 0

    def __post_init__(self):
        self.real_root = self.root.resolve()

    def report(self, path, line, where, message):
        name = str(path.relative_to(self.root))
        # A file name is shown as is only when it cannot garble the report.
        self.problems.append(Problem(name if name.isprintable() else ascii(name), line,
                                     where, message))

    def files(self, folder, suffix):
        """Return the files `folder`/<slug>`suffix`, reporting any other name and a bad folder."""
        try:
            paths = safefiles.list_folder(self.real_root, self.root / folder, suffix)
        except safefiles.FileProblem as problem:
            self.report(self.root / folder, None, "", problem.message)
            return []
        for path in paths:
            if not SLUG.match(path.name.removesuffix(suffix)):
                self.report(path, None, "", f"the file name must be a slug (a-z, 0-9, -) "
                            f"followed by {suffix}")
        return [p for p in paths if SLUG.match(p.name.removesuffix(suffix))]

    def read_text(self, path):
        """Return the text of a bank file, or None after reporting why it cannot be read."""
        if self.total_bytes > self.max_total_bytes:
            return None  # reported once, below
        try:
            data = safefiles.read_bytes(self.real_root, path, self.max_file_bytes)
            self.total_bytes += len(data)
            if self.total_bytes > self.max_total_bytes:
                raise safefiles.FileProblem(f"takes the bank's files past the limit of "
                                            f"{self.max_total_bytes:,} bytes in all; the "
                                            "files after it were not read")
            return safefiles.decode(data)
        except safefiles.FileProblem as problem:
            self.report(path, problem.line, "", problem.message)
            return None

    def load_yaml(self, path, text=None, first_line=1):
        """Parse YAML (`text`, else the file); `first_line` is where `text` starts in the file."""
        if text is None:
            text = self.read_text(path)
            if text is None:
                return None
        try:
            return safeyaml.parse(text, first_line)
        except safeyaml.YamlProblem as problem:
            self.report(path, problem.line, "", problem.message)
            return None


def read_bank(root, max_file_bytes=safefiles.DEFAULT_MAX_FILE_BYTES,
              max_total_bytes=safefiles.DEFAULT_MAX_TOTAL_BYTES):
    """Read and validate the bank under `root`; return a Bank or raise BankError.

    No file above `max_file_bytes` is read, nor more than `max_total_bytes` in all.
    """
    if not Path(root).is_dir():
        raise BankError([Problem(str(root), None, "", "no such folder")])
    reader = _Reader(Path(root), max_file_bytes, max_total_bytes)
    # A source refused for its own problems stays known, so quoting it is not one more.
    docs = {p.stem: read_source(reader, p) for p in reader.files("sources", ".txt")}
    sources = [s for s in docs.values() if s is not None]
    if not sources:
        reader.report(reader.root, None, "", "no sources found under sources/")
    set_docs = [(p, reader.load_yaml(p)) for p in reader.files("sets", ".yaml")]
    sets = check_questions(reader, docs, set_docs)
    quizzes = [read_quiz(reader, p) for p in reader.files("quizzes", ".yaml")]
    quizzes = [q for q in quizzes if q is not None]
    check_quizzes(reader, sets, quizzes)
    if reader.problems:
        raise BankError(reader.problems)
    return Bank(tuple(sources), tuple(sets), tuple(quizzes))



FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def _check_body(reader, path, slug, body, first_line):
    """Report a body that is empty or holds a character text must not hold, at its line."""
    if not body.strip():
        reader.report(path, first_line, slug, "the body is empty")
        return False
    try:
        schema.check_text("the body", body, len(body))
    except schema.FieldError as error:
        bad = schema.find_unsafe(body)
        reader.report(path, first_line + body.count("\n", 0, bad), slug, str(error))
        return False
    return True


def read_source(reader, path):
    """Read one source file: YAML front matter, then the verbatim body."""
    text = reader.read_text(path)
    if text is None:
        return None
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
    slug = path.stem
    values, problems = schema.read_fields(schema.SOURCE, meta, skip={LINE})
    for message in problems:
        reader.report(path, 1, slug, message)
    body = text[found.end():].rstrip("\n")
    body_line = text.count("\n", 0, found.end()) + 1
    if not _check_body(reader, path, slug, body, body_line) or problems:
        return None
    return SourceDoc(slug=slug, body=body, **values)


def _check_evidence(items, sources, problems):
    """Return the EvidenceDefs of a question's evidence list, reporting each bad item."""
    if items is None or items == []:
        return ()  # a question without evidence yet: an import, to be linked later
    if not isinstance(items, list):
        problems.append("evidence must be a list of {source, quote}")
        return ()
    if len(items) > schema.MAX_EVIDENCE:
        problems.append(f"evidence lists more than {schema.MAX_EVIDENCE} quotes")
        return ()
    found = []
    for index, item in enumerate(items, 1):
        if not isinstance(item, dict) or {k for k in item if k != LINE} != {"source", "quote"}:
            problems.append(f"evidence {index} must have exactly a source and a quote")
            continue
        values, faults = schema.read_fields(schema.EVIDENCE, item, skip={LINE})
        problems += [f"evidence {index}: {fault}" for fault in faults]
        if faults:
            continue
        source, quote = sources.get(values["source"]), item["quote"]
        if source is None and values["source"] in sources:
            continue  # the source's own problems are reported with it
        if source is None:
            problems.append(f"evidence {index}: unknown source {values['source']!r}")
        elif len(quote) < MIN_QUOTE:
            problems.append(f"evidence {index}: quote must be at least {MIN_QUOTE} characters")
        elif (offsets := evidence_rules.locate(source.body, quote)) is None:
            problems.append(f"evidence {index}: quote not found verbatim in source "
                            f"{source.slug!r}: {quote!r}")
        else:
            found.append(EvidenceDef(source.slug, quote, *offsets))
    return tuple(found)


def question_def(raw, set_id, sources, check_id=None):
    """Check one question mapping; return (its QuestionDef or None, [problem messages]).

    `sources` maps source ids to what has a `slug` and a `body`; `check_id(qid)` may
    return a problem with an id that is sound on its own (used twice, say).
    """
    qid = raw.get("id")
    common = {k: v for k, v in raw.items() if k in schema.QUESTION}
    values, problems = schema.read_fields(schema.QUESTION, common)
    evidence = _check_evidence(raw.get("evidence"), sources, problems)
    if "id" in values and check_id is not None and (problem := check_id(qid)):
        problems.append(problem)
    kind = KINDS.get(values.get("kind"))
    data = {k: v for k, v in safeyaml.strip_lines(raw).items() if k not in schema.QUESTION}
    if kind is not None:
        unknown = [f"unknown field {schema.shown(k)} for {kind.name}" for k in data
                   if k not in kind.fields]
        # A misspelt field would only make the kind's own check report it missing.
        problems += unknown or schema.check_kind_data(data) or kind.check(data)
    if problems:
        return None, problems
    return QuestionDef(id=qid, set_id=set_id, kind=kind.name, prompt=values["prompt"],
                       data=data, explanation=values["explanation"], evidence=evidence,
                       tags=values["tags"], difficulty=values["difficulty"]), []


def _read_question(reader, path, raw, set_id, sources, seen):
    """Validate one question mapping of a set file and return its QuestionDef, or None."""
    if not isinstance(raw, dict):
        reader.report(path, None, "", "each question must be a mapping")
        return None
    qid = raw.get("id")
    shown = qid if isinstance(qid, str) and qid.isprintable() and len(qid) <= 120 else None
    where = f"question {shown}" if shown else "question without a usable id"

    def check_id(qid):
        if qid in seen:
            return f"id is already used in {seen[qid]}"
        seen[qid] = str(path.relative_to(reader.root))
        return None

    found, problems = question_def(raw, set_id, sources, check_id)
    for message in problems:
        reader.report(path, raw.get(LINE), where, message)
    return found


def check_questions(reader, sources, set_docs):
    """Validate every set file and return the SetDefs."""
    sets, seen = [], {}
    for path, doc in set_docs:
        if doc is None:
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("questions"), list):
            reader.report(path, 1, "", "a set file is a mapping with id, title and questions")
            continue
        values, problems = schema.read_fields(schema.SET, doc, skip={LINE})
        if values.get("id") != path.stem:
            problems = [p for p in problems if not p.startswith("id ")]
            problems.append(f"id must be a slug equal to the file name {path.stem!r}")
        if len(doc["questions"]) > schema.MAX_QUESTIONS_PER_SET:
            problems.append(f"a set holds at most {schema.MAX_QUESTIONS_PER_SET} questions")
        for message in problems:
            reader.report(path, 1, "", message)
        questions = [_read_question(reader, path, raw, path.stem, sources, seen)
                     for raw in doc["questions"][:schema.MAX_QUESTIONS_PER_SET]]
        if not problems:
            sets.append(SetDef(path.stem, values["title"], values["description"],
                               tuple(q for q in questions if q is not None)))
    return sets


def read_quiz(reader, path):
    """Read and check one quiz file on its own; return its QuizDef or None."""
    doc = reader.load_yaml(path)
    if not isinstance(doc, dict):
        if doc is not None:
            reader.report(path, 1, "", "a quiz file is a mapping")
        return None
    values, problems = schema.read_fields(schema.QUIZ, doc, skip={LINE})
    if values.get("id") != path.stem:
        problems = [p for p in problems if not p.startswith("id ")]
        problems.append(f"id must equal the file name {path.stem!r}")
    for message in problems:
        reader.report(path, doc.get(LINE), f"quiz {path.stem}", message)
    if problems:
        return None
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
        # Only questions that count for a mark can be drawn by number (not descriptions).
        pool = [q for s in quiz.sets if s in set_ids for q in set_ids[s].questions
                if (not quiz.tags or set(quiz.tags) & set(q.tags)) and KINDS[q.kind].marks]
        if not pool:
            reader.report(path, None, where, "its sets and tags offer no question")
        elif quiz.question_count and quiz.question_count > len(pool):
            reader.report(path, None, where, f"asks for {quiz.question_count} questions but its "
                          f"sets and tags offer {len(pool)}")
        if quiz.opens_at and quiz.closes_at and quiz.closes_at <= quiz.opens_at:
            reader.report(path, None, where, "closes_at must come after opens_at")
