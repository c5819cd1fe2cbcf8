"""Reading a question editor's form into a kind's definition, and evidence quotes into offsets.

An editor form arrives as a mapping of field name to the list of values posted under it
(as `QuestionKind.read` takes a learner's form). A list the teacher writes (choices,
pairs, items...) is posted as one value per row under the same name, blank rows
included, so that a row keeps its place when the form comes back with messages. Rows
left empty are dropped: emptying a row removes it. The editor remembers which row each
kept entry came from, so a problem with entry 3 of the definition is shown beside the
row the teacher typed it in.
"""

from dataclasses import dataclass, field

from quizapp.domain.evidence import locate

# A quote shorter than this could stand for many passages (as the bank files require).
MIN_QUOTE = 12
MAX_QUOTE = 3000


@dataclass
class Edited:
    """A definition read from an editor form: the data, where its rows came from, problems.

    `rows` maps a definition field ("choices") to the form row of each of its entries;
    `problems` are FieldErrors only the form can have (a number that is not one, a right
    answer nobody marked), found before the kind checks the definition.
    """

    data: dict
    rows: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


def values(form, name):
    """Return every value posted under `name`, stripped."""
    return [value.strip() for value in form.get(name) or []]


def first(form, name):
    """Return the first value posted under `name`, stripped, or ""."""
    found = values(form, name)
    return found[0] if found else ""


def kept_rows(form, *names):
    """Return (row, cells) for each row of the columns `names` with anything typed in it."""
    columns = [values(form, name) for name in names]
    count = max(map(len, columns), default=0)
    rows = []
    for row in range(count):
        cells = [column[row] if row < len(column) else "" for column in columns]
        if any(cells):
            rows.append((row, cells))
    return rows


def marked(form, name, rows):
    """Return the positions (in `rows`) of the rows whose number was posted under `name`."""
    wanted = set(values(form, name))
    return [index for index, (row, _cells) in enumerate(rows) if str(row) in wanted]


def text_list(form, name):
    """Return the texts of a one-column list and the rows they came from."""
    rows = kept_rows(form, name)
    return [cells[0] for _row, cells in rows], [row for row, _cells in rows]


@dataclass(frozen=True)
class Placed:
    """Where a quote stands in a source body, or why it cannot be placed."""

    start: int | None = None
    end: int | None = None
    problem: str = ""


def place_quote(body, quote, hint=None):
    """Return where `quote` stands in `body`: verbatim, and only once unless `hint` says where.

    `hint` is a (start, end) a reader's selection gave; when the body holds the quote
    there, that passage is the one meant, however often the words recur.
    """
    if len(quote) < MIN_QUOTE:
        return Placed(problem=f"A quote must be at least {MIN_QUOTE} characters long.")
    if len(quote) > MAX_QUOTE:
        return Placed(problem=f"A quote may be at most {MAX_QUOTE} characters long.")
    if hint is not None and body[hint[0]:hint[1]] == quote:
        return Placed(*hint)
    found = locate(body, quote)
    if found is None:
        return Placed(problem="This quote is not in the source, word for word. Copy it from "
                      "the source text exactly, or select it there.")
    if body.find(quote, found[0] + 1) >= 0:
        return Placed(problem="These words appear more than once in the source: quote a "
                      "longer passage so that it points at one place.")
    return Placed(*found)
