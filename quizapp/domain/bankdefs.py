"""The bank as plain values: sources, question sets, quizzes, and the problems found."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the bank, and where."""

    file: str
    line: int | None
    where: str
    message: str

    def __str__(self):
        place = f"{self.file}:{self.line}" if self.line else self.file
        prefix = f"{place}: {self.where}" if self.where else place
        return f"{prefix}: {self.message}"


class BankError(Exception):
    """The bank cannot be loaded; `problems` says every reason."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s) in the bank")
        self.problems = list(problems)


@dataclass(frozen=True)
class SourceDoc:
    """A source article as read from its file."""

    slug: str
    outlet: str
    headline: str
    published: date | None
    date_precision: str
    date_note: str
    url: str | None
    trimmed: str
    body: str
    provenance: str = "unverified"
    provenance_note: str = ""
    stamped: date | None = None

    @property
    def content_hash(self):
        """Return a hash of everything that describes the source."""
        return _hash({k: str(v) for k, v in self.__dict__.items()})


@dataclass(frozen=True)
class EvidenceDef:
    """A quote and where it stands in its source."""

    source: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class QuestionDef:
    """A question as read from a set file."""

    id: str
    set_id: str
    kind: str
    prompt: str
    data: dict
    explanation: str
    evidence: tuple[EvidenceDef, ...]
    tags: tuple[str, ...]
    difficulty: int

    @property
    def content_hash(self):
        """Return a hash of the wording, so a reload knows whether the question changed."""
        return _hash({
            "kind": self.kind, "prompt": self.prompt, "data": self.data,
            "explanation": self.explanation, "tags": list(self.tags),
            "difficulty": self.difficulty,
            "evidence": [[e.source, e.quote, e.start, e.end] for e in self.evidence],
        })


@dataclass(frozen=True)
class SetDef:
    """A question set: its questions in file order."""

    id: str
    title: str
    description: str
    questions: tuple[QuestionDef, ...]


@dataclass(frozen=True)
class QuizDef:
    """A quiz configuration as read from its file."""

    id: str
    title: str
    description: str
    sets: tuple[str, ...]
    join_code: str
    question_count: int | None = None
    balance_tags: bool = False
    tags: tuple[str, ...] = ()
    shuffle_questions: bool = True
    shuffle_choices: bool = True
    time_limit_minutes: int | None = None
    attempts_allowed: int | None = None
    feedback: str = "after_submit"
    opens_at: datetime | None = None
    closes_at: datetime | None = None


@dataclass(frozen=True)
class Bank:
    """A whole validated bank."""

    sources: tuple[SourceDoc, ...]
    sets: tuple[SetDef, ...]
    quizzes: tuple[QuizDef, ...]

    def questions(self):
        """Return every question of every set."""
        return [q for s in self.sets for q in s.questions]


def _hash(value):
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()
