"""The fields of the bank's files: one table per record, each field's type and limits.

The lengths match the database columns (quizapp/bank/models.py, quizapp/quizzes/models.py;
tests/bank/test_schema.py holds them to it), so what loads on SQLite loads on PostgreSQL.
To add a field, add one line to its table: its name and what it accepts.
"""

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from quizapp.domain.kinds import KINDS
from quizapp.domain.provenance import DEFAULT_STATUS, STATUSES

SLUG = re.compile(r"\A[a-z0-9][a-z0-9-]{0,79}\Z")  # \Z: no line break may trail
JOIN_CODE = re.compile(r"\A[A-Z0-9]{4,12}\Z")
FEEDBACK_RULES = ("immediate", "after_submit", "after_close", "never")
DATE_PRECISIONS = {1: "year", 2: "month", 3: "day"}
# Text may hold tabs and line breaks but no other control character (NUL and the rest
# break PostgreSQL or a terminal), no lone surrogate, no non-character and no bidi
# override or isolate, which make text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_UNSAFE_IN_LINE = re.compile(f"[\t\n{_UNSAFE.pattern[1:-1]}]")
MAX_NUMBER = 10**15  # far beyond any count in an article, and exact as a float


class FieldError(ValueError):
    """A field's value is not acceptable; the message says why, naming the field."""


def shown(value, limit=60):
    """Return `value` quoted for a message, cut short when long."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def type_name(value):
    """Return what a YAML value is, in words."""
    for kind, name in ((bool, "true/false"), (str, "text"), (int | float, "a number"),
                       (list, "a list"), (dict, "a mapping"), (datetime, "a date and time"),
                       (date, "a date")):
        if isinstance(value, kind):
            return name
    return "nothing" if value is None else type(value).__name__


def find_unsafe(value, line=False):
    """Return the index of the first character text must not hold, or None."""
    bad = (_UNSAFE_IN_LINE if line else _UNSAFE).search(value)
    return bad.start() if bad else None


def check_text(name, value, max_length, line=False):
    """Refuse text that is too long or holds a character text must not hold."""
    bad = find_unsafe(value, line)
    if bad is not None:
        raise FieldError(f"{name} holds the character U+{ord(value[bad]):04X}, which is "
                         "not allowed" + (" in one line of text" if line else ""))
    if len(value) > max_length:
        raise FieldError(f"{name} is longer than {max_length} characters")


def check_number(name, value):
    """Refuse a number that is not finite or beyond MAX_NUMBER."""
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError(f"{name} must be a finite number")
    if abs(value) > MAX_NUMBER:
        raise FieldError(f"{name} must be between -10^15 and 10^15")


@dataclass(frozen=True)
class Field:
    """A field that may be left out (then `default`), and whether the database keeps it."""

    required: bool = False
    default: object = None
    stored: bool = True

    def read(self, name, value):
        """Return the checked value of a field that is present; raise FieldError."""
        return value

    def missing(self, name):
        """Return the problem with leaving out a required field."""
        return f"{name} is required"

    def values(self, name, value):
        """Return {attribute: value} to store for this field (several for some)."""
        return {name: value} if self.stored else {}


@dataclass(frozen=True)
class Text(Field):
    """Text up to `max_length` characters, stripped; `line` allows no tab or line break."""

    max_length: int = 0
    line: bool = False
    default: object = ""

    def read(self, name, value):
        """Return the stripped text."""
        if not isinstance(value, str):
            raise FieldError(f"{name} must be text, not {type_name(value)}")
        value = value.strip()  # what is stored, so what must fit
        check_text(name, value, self.max_length, self.line)
        if self.required and not value:
            raise FieldError(f"{name} is required")
        return value


@dataclass(frozen=True)
class Pattern(Field):
    """Text matching `pattern` (at most `max_length` characters), described by `says`."""

    pattern: re.Pattern = SLUG
    max_length: int = 80
    says: str = "a slug (a-z, 0-9, -)"

    def read(self, name, value):
        """Return the text when it matches."""
        if not isinstance(value, str) or len(value) > self.max_length \
                or not self.pattern.match(value):
            raise FieldError(f"{name} must be {self.says}")
        return value


@dataclass(frozen=True)
class Url(Field):
    """An http(s) address up to `max_length` characters, or null."""

    max_length: int = 0

    def read(self, name, value):
        """Return the address."""
        if not (isinstance(value, str) and value.startswith(("http://", "https://"))
                and not any(c.isspace() for c in value)):
            raise FieldError(f"{name} must be an http(s) address or null")
        check_text(name, value, self.max_length, line=True)
        return value


@dataclass(frozen=True)
class OneOf(Field):
    """One of a few words."""

    options: tuple = ()

    @property
    def max_length(self):
        """Return the length of the longest word."""
        return max(map(len, self.options))

    def read(self, name, value):
        """Return the word."""
        if not isinstance(value, str) or value not in self.options:
            raise FieldError(f"{name} must be one of {', '.join(self.options)}")
        return value


@dataclass(frozen=True)
class KindName(Field):
    """The name of a registered question kind, looked up when read: kinds can be added."""

    max_length: int = 40

    def read(self, name, value):
        """Return the kind's name."""
        if not isinstance(value, str) or value not in KINDS:
            raise FieldError(f"{name} must be one of {', '.join(KINDS)}")
        return value


@dataclass(frozen=True)
class Whole(Field):
    """A whole number from `low` to `high` (within the database column), described by `says`."""

    low: int = 0
    high: int = 0
    says: str = ""

    def read(self, name, value):
        """Return the number."""
        if isinstance(value, bool) or not isinstance(value, int) \
                or not self.low <= value <= self.high:
            raise FieldError(self.missing(name))
        return value

    def missing(self, name):
        """Say what the number must be."""
        says = self.says or f"a whole number from {self.low} to {self.high}"
        return f"{name} must be {says}" + ("" if self.required else ", or left out")


@dataclass(frozen=True)
class Flag(Field):
    """true or false."""

    default: object = True

    def read(self, name, value):
        """Return the flag."""
        if not isinstance(value, bool):
            raise FieldError(f"{name} must be true or false")
        return value


@dataclass(frozen=True)
class SlugList(Field):
    """A list of `low` to `high` slugs, described by `says`."""

    low: int = 0
    high: int = 0
    says: str = ""
    default: object = ()

    def read(self, name, value):
        """Return the slugs as a tuple."""
        if not (isinstance(value, list) and self.low <= len(value) <= self.high
                and all(isinstance(v, str) and SLUG.match(v) for v in value)):
            raise FieldError(self.missing(name))
        return tuple(value)

    def missing(self, name):
        """Say what the list must hold."""
        return f"{name} must {self.says} (at most {self.high}, each a slug: a-z, 0-9, -)"


@dataclass(frozen=True)
class ZonedDateTime(Field):
    """A date and time with its zone, e.g. 2026-09-01T08:00:00Z."""

    def read(self, name, value):
        """Return the datetime, in UTC."""
        try:
            if isinstance(value, datetime) and value.tzinfo:
                return value.astimezone(UTC)
        except OverflowError:
            pass
        raise FieldError(f"{name} must be a date and time with its zone, e.g. "
                         "2026-09-01T08:00:00Z")


@dataclass(frozen=True)
class Day(Field):
    """A full date, YYYY-MM-DD."""

    def read(self, name, value):
        """Return the date."""
        if not isinstance(value, date) or isinstance(value, datetime):
            raise FieldError(f"{name} must be a full date, YYYY-MM-DD"
                             + ("" if self.required else ", or left out"))
        return value


@dataclass(frozen=True)
class PublishedDate(Field):
    """2019, "2019-02", 2019-02-14 or null: stored as a date and its precision."""

    default: object = (None, "unknown")

    def read(self, name, value):
        """Return (date or None, precision)."""
        if isinstance(value, date) and not isinstance(value, datetime):
            return value, "day"
        parts = str(value).split("-") if isinstance(value, int | str) else []
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() and len(p) <= 4 for p in parts):
            raise FieldError(f"{name} must be YYYY, YYYY-MM, YYYY-MM-DD or null")
        try:
            day = date(*[int(p) for p in parts] + [1] * (3 - len(parts)))
        except ValueError as error:
            raise FieldError(f"{name} {value!r} is not a real date: {error}") from None
        return day, DATE_PRECISIONS[len(parts)]

    def values(self, name, value):
        """Store the date and its precision."""
        return {name: value[0], "date_precision": value[1]}


def read_fields(schema, doc, skip=()):
    """Check `doc` against `schema`; return ({attribute: value}, [problem messages])."""
    values, problems = {}, []
    problems += [f"unknown field {shown(k)}" for k in doc if k not in schema and k not in skip]
    for name, field in schema.items():
        value = doc.get(name)
        if value is None:
            if field.required:
                problems.append(field.missing(name))
                continue
            value = field.default
        else:
            try:
                value = field.read(name, value)
            except FieldError as error:
                problems.append(str(error))
                continue
        values.update(field.values(name, value))
    return values, problems


# Front matter of sources/<slug>.txt; the body follows it.
SOURCE = {
    "outlet": Text(max_length=120, line=True, required=True),
    "headline": Text(max_length=300, line=True, required=True),
    "published": PublishedDate(),
    "date_note": Text(max_length=5000),
    "url": Url(max_length=500),
    "trimmed": Text(max_length=5000),
    "seed": Text(max_length=200, line=True, stored=False),
    "provenance": OneOf(options=STATUSES, default=DEFAULT_STATUS),
    "provenance_note": Text(max_length=5000),
    "stamped": Day(),
}

# sets/<id>.yaml; its questions follow QUESTION.
SET = {
    "id": Pattern(required=True),
    "title": Text(max_length=200, line=True, required=True),
    "description": Text(max_length=5000),
    "questions": Field(required=True),  # checked question by question
}
MAX_QUESTIONS_PER_SET = 1000

# The fields every question has; the rest belong to its kind (quizapp/domain/kinds.py).
QUESTION = {
    "id": Pattern(required=True),
    "kind": KindName(required=True),
    "prompt": Text(max_length=1000, required=True),
    # Both may be empty in a teacher's set (an imported file carries neither); the
    # bundled bank's own tests require them of every bundled question.
    "explanation": Text(max_length=3000),
    "evidence": Field(),  # checked item by item against EVIDENCE
    "tags": SlugList(low=1, high=20, says="list at least one tag", required=True),
    "difficulty": Whole(low=1, high=3, says="1, 2 or 3", required=True),
}
EVIDENCE = {
    "source": Pattern(required=True, says="a source id"),
    "quote": Text(max_length=3000, required=True),
}
MAX_EVIDENCE = 20
# Every text inside a kind's own fields (choices, answers, pairs...), and their lists.
MAX_KIND_TEXT = 1000
MAX_KIND_ITEMS = 50

def check_kind_data(value, name=""):
    """Return the problems with the texts, numbers and lists inside a kind's fields."""
    if isinstance(value, str):
        try:
            check_text(name, value, MAX_KIND_TEXT)
        except FieldError as error:
            return [str(error)]
        return []
    if isinstance(value, bool) or value is None:
        return []
    if isinstance(value, int | float):
        try:
            check_number(name, value)
        except FieldError as error:
            return [str(error)]
        return []
    if isinstance(value, list | dict) and len(value) > MAX_KIND_ITEMS:
        return [f"{name} holds more than {MAX_KIND_ITEMS} entries"]
    if isinstance(value, list):
        return [p for i, v in enumerate(value, 1) for p in check_kind_data(v, f"{name} {i}")]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return [f"{name} must have text keys"]
        return [p for k, v in value.items()
                for p in check_kind_data(v, f"{name} {k if k.isidentifier() else repr(k)}"
                                         .strip())]
    return [f"{name} must be text, a number or true/false, not {type_name(value)}"]


# quizzes/<id>.yaml
QUIZ = {
    "id": Pattern(required=True),
    "title": Text(max_length=200, line=True, required=True),
    "description": Text(max_length=5000),
    "sets": SlugList(low=1, high=50, says="list at least one question set id",
                     required=True),
    "join_code": Pattern(pattern=JOIN_CODE, max_length=12, required=True,
                         says="4 to 12 capital letters or digits"),
    "question_count": Whole(low=1, high=1000),
    "balance_tags": Flag(default=False),
    "tags": SlugList(low=0, high=20, says="list tags"),
    "shuffle_questions": Flag(),
    "shuffle_choices": Flag(),
    "time_limit_minutes": Whole(low=1, high=7 * 24 * 60),
    "attempts_allowed": Whole(low=1, high=1000),
    "feedback": OneOf(options=FEEDBACK_RULES, default="after_submit"),
    "opens_at": ZonedDateTime(),
    "closes_at": ZonedDateTime(),
}
