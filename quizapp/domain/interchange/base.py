"""What every format module shares: the question dict, results, notes and the error.

A question is the dict a bank set file holds (questions/README.md): id, kind, prompt,
explanation, tags, difficulty, evidence (empty for imports) and the kind's own fields,
named as quizapp/domain/kinds.py names them. Two kinds are added by issue 10:
"essay" (optional field `grader_note`) and "description" (no scoring fields).
"""

import re
import unicodedata
from dataclasses import dataclass, field

# What an imported question gets when its file says nothing of them.
DEFAULT_DIFFICULTY = 2
DEFAULT_TAG = "imported"
_SLUG_MAX = 80


class InterchangeError(ValueError):
    """A file that cannot be read in its format; nothing of it is imported."""

    def __init__(self, message, line=None, column=None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def __str__(self):
        where = ""
        if self.line is not None:
            where = f"line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
            where += ": "
        return where + self.message


@dataclass(frozen=True)
class Note:
    """A warning or loss about one question (or the file when `question` is None)."""

    message: str
    line: int | None = None
    question: str | None = None

    def __str__(self):
        where = f"line {self.line}: " if self.line is not None else ""
        who = f"{self.question}: " if self.question else ""
        return where + who + self.message


@dataclass
class ImportResult:
    """The questions read from a file, and what could not be carried over."""

    questions: list[dict] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    # The line each question starts on, where the format module records it.
    lines: list[int | None] = field(default_factory=list)

    def counts(self):
        """Return how many questions of each kind were read."""
        counts = {}
        for item in self.questions:
            counts[item["kind"]] = counts.get(item["kind"], 0) + 1
        return counts


@dataclass
class ExportResult:
    """The text written, and per question what the format could not carry."""

    text: str
    losses: list[Note] = field(default_factory=list)


def question(kind, prompt, qid, *, explanation="", tags=None, difficulty=None, **fields):
    """Return a bank-format question dict with an import's defaults filled in."""
    return {
        "id": qid,
        "kind": kind,
        "prompt": prompt,
        "explanation": explanation,
        "tags": list(tags) if tags else [DEFAULT_TAG],
        "difficulty": difficulty or DEFAULT_DIFFICULTY,
        "evidence": [],
        **fields,
    }


def slugify(text, fallback="question"):
    """Return a slug (a-z, 0-9, -) made from `text`, or `fallback` when nothing is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:_SLUG_MAX - 8].strip("-")
    return slug or fallback


class IdMaker:
    """Make question ids unique within one import: `slug`, `slug-2`, `slug-3`..."""

    def __init__(self):
        self.taken = set()
        self.last = {}  # the last number tried per base, so many repeats stay linear

    def make(self, text, fallback="question"):
        """Return a fresh id made from `text`."""
        base = slugify(text, fallback)
        qid, number = base, self.last.get(base, 1)
        while qid in self.taken:
            number += 1
            qid = f"{base}-{number}"
        self.last[base] = number
        self.taken.add(qid)
        return qid
