"""A CSV layout for question sets: one row per question, a header row first.

Columns (names in any case and any order; only `kind` and `prompt` are required):

- `id`: the question id (a slug); left empty, one is made from the prompt.
- `kind`: single_choice, multiple_response, true_false, short_answer, matching,
  numeric, ordering, essay or description.
- `prompt`: the question.
- `option_1`, `option_2`, ...: the choices; the accepted answers of a short answer;
  the items of an ordering, in the right order; the items of a matching.
- `match_1`, `match_2`, ...: matching: the partner of `option_N`; a `match_N` with no
  `option_N` is a distractor.
- `refuse_1`, `refuse_2`, ...: short answer: answers to mark wrong.
- `answer`: single choice: the number of the right option (`2`); multiple response:
  the numbers of the right options separated by `;` (`1;3`); true/false: `true` or
  `false`; numeric: the number.
- `tolerance`, `unit`: numeric: the tolerance (default 0) and the unit.
- `grader_note`: essay: a note for the teacher who marks it.
- `explanation`: why the answer is right.
- `tags`: separated by `;` (or `,` or spaces); each is made a slug (`Géographie` is kept
  as `geographie`, and the import says so); default `imported`.
- `difficulty`: 1, 2 or 3; default 2.

Numbers use `.` as the decimal point; a `,` is read as one when there is no `.` (as
spreadsheets in many languages write `3,5`); no thousands separators. Options may leave
gaps (only the filled ones count, numbered by their column). A filled column the row's
kind does not use is reported, not silently dropped.

The file is UTF-8 (a byte-order mark is accepted); the separator is the one of comma,
semicolon and tab that the header row uses most, and fields are quoted with `"` as
spreadsheets write them. Errors carry the line (where the row starts) and the column
(the field's position in the row). Evidence has no column: an export says so.
"""

import csv
import io
import math
import re

from quizapp.domain.interchange.base import (
    DEFAULT_DIFFICULTY,
    DEFAULT_TAG,
    ExportResult,
    IdMaker,
    ImportResult,
    InterchangeError,
    Note,
    question,
    slugify,
)
from quizapp.domain.kinds import KINDS

KIND_NAMES = ("single_choice", "multiple_response", "true_false", "short_answer",
              "matching", "numeric", "ordering", "essay", "description")
SINGLE = ("id", "kind", "prompt", "answer", "tolerance", "unit", "grader_note",
          "explanation", "tags", "difficulty")
NUMBERED = ("option", "match", "refuse")
# The columns each kind reads besides id, kind, prompt, explanation, tags and difficulty.
USES = {
    "single_choice": {"option", "answer"},
    "multiple_response": {"option", "answer"},
    "true_false": {"answer"},
    "short_answer": {"option", "refuse"},
    "matching": {"option", "match"},
    "numeric": {"answer", "tolerance", "unit"},
    "ordering": {"option"},
    "essay": {"grader_note"},
    "description": set(),
}
_COMMON = {"id", "kind", "prompt", "explanation", "tags", "difficulty"}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NUMBER = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")


def _delimiter(text):
    """Return the separator the header row uses most: comma, semicolon or tab."""
    header = text.split("\n", 1)[0]
    return max(",;\t", key=header.count)


def _columns(header):
    """Return {column name or (base, n): field index}, raising on bad or repeated names."""
    columns = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        base, _, number = name.rpartition("_")
        if base in NUMBERED and re.fullmatch(r"[1-9][0-9]{0,3}", number):
            key = (base, int(number))
        elif name in SINGLE:
            key = name
        elif not name:
            continue
        else:
            raise InterchangeError(f"unknown column {raw.strip()!r}", line=1, column=index + 1)
        if key in columns:
            raise InterchangeError(f"column {raw.strip()!r} appears twice", line=1,
                                   column=index + 1)
        columns[key] = index
    for needed in ("kind", "prompt"):
        if needed not in columns:
            raise InterchangeError(f"the header has no {needed!r} column", line=1)
    return columns


class _Row:
    """One row with its line, read through the header's columns."""

    def __init__(self, cells, columns, line):
        self.cells, self.columns, self.line = cells, columns, line

    def get(self, key):
        index = self.columns.get(key)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def numbered(self, base):
        """Return [(n, text)] of the filled `base_n` cells, by n."""
        keys = sorted(k for k in self.columns if isinstance(k, tuple) and k[0] == base)
        return [(k[1], self.get(k)) for k in keys if self.get(k)]

    def error(self, message, key=None):
        index = self.columns.get(key) if key is not None else None
        raise InterchangeError(message, line=self.line,
                               column=index + 1 if index is not None else None)


def _number(row, key):
    text = row.get(key)
    if "," in text and "." not in text and text.count(",") == 1:
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        row.error(f"{key} {row.get(key)!r} is not a number", key)
    value = float(text)
    if not math.isfinite(value) or abs(value) > 1e15:
        row.error(f"{key} {row.get(key)!r} is out of range", key)
    return int(text) if re.fullmatch(r"[-+]?[0-9]+", text) else value


def _option_numbers(row, options):
    """Return the options the answer column names by number."""
    picked = []
    for part in re.split(r"[;,\s]+", row.get("answer")):
        if not part:
            continue
        if not re.fullmatch(r"[0-9]{1,4}", part) or int(part) not in options:
            row.error(f"answer {part!r} is not the number of a filled option", "answer")
        picked.append(options[int(part)])
    if not picked:
        row.error("answer is empty: give the number of the right option", "answer")
    return picked


def _fields(row, kind):
    """Return the kind-specific fields of one row."""
    options = dict(row.numbered("option"))
    if kind in ("single_choice", "multiple_response"):
        picked = _option_numbers(row, options)
        if kind == "single_choice":
            if len(picked) != 1:
                row.error("a single choice question has one right option", "answer")
            return {"choices": list(options.values()), "answer": picked[0]}
        return {"choices": list(options.values()),
                "answer": [c for c in options.values() if c in picked]}
    if kind == "true_false":
        verdict = row.get("answer").lower()
        if verdict not in ("true", "false"):
            row.error("answer must be true or false", "answer")
        return {"answer": verdict == "true"}
    if kind == "short_answer":
        fields = {"accepted": list(options.values())}
        refused = [text for _, text in row.numbered("refuse")]
        return fields | ({"refuse": refused} if refused else {})
    if kind == "matching":
        return _matching(row, options)
    if kind == "numeric":
        fields = {"answer": _number(row, "answer")}
        if row.get("tolerance"):
            fields["tolerance"] = _number(row, "tolerance")
        if row.get("unit"):
            fields["unit"] = row.get("unit")
        return fields
    if kind == "ordering":
        return {"items": list(options.values())}
    if kind == "essay" and row.get("grader_note"):
        return {"grader_note": row.get("grader_note")}
    return {}


def _matching(row, options):
    matches = dict(row.numbered("match"))
    missing = [n for n in options if n not in matches]
    if missing:
        row.error(f"option_{missing[0]} has no match_{missing[0]}", ("option", missing[0]))
    pairs = [{"item": item, "match": matches[n]} for n, item in options.items()]
    extra = [m for n, m in matches.items() if n not in options]
    return {"pairs": pairs} | ({"extra_matches": extra} if extra else {})


def _unused(row, kind):
    """Return the filled columns the row's kind does not read."""
    uses = USES[kind] | _COMMON
    names = []
    for key in row.columns:
        base = key[0] if isinstance(key, tuple) else key
        if base not in uses and row.get(key):
            names.append(f"{key[0]}_{key[1]}" if isinstance(key, tuple) else key)
    return names


def _question(row, ids, notes):
    """Return the question one row holds."""
    kind = row.get("kind").lower()
    if kind not in KIND_NAMES:
        row.error(f"kind {row.get('kind')!r} is not one of {', '.join(KIND_NAMES)}", "kind")
    prompt = row.get("prompt")
    if not prompt:
        row.error("the prompt is empty", "prompt")
    qid = row.get("id")
    if qid and (not _SLUG.match(qid) or qid in ids.taken):
        row.error(f"id {qid!r} is not a slug or is used twice", "id")
    if qid:
        ids.taken.add(qid)
    else:
        qid = ids.make(prompt)
    difficulty = DEFAULT_DIFFICULTY
    if row.get("difficulty"):
        if row.get("difficulty") not in ("1", "2", "3"):
            row.error("difficulty must be 1, 2 or 3", "difficulty")
        difficulty = int(row.get("difficulty"))
    tags = _tags(row, notes)
    item = question(kind, prompt, qid, explanation=row.get("explanation"),
                    tags=list(dict.fromkeys(tags)) or [DEFAULT_TAG], difficulty=difficulty,
                    **_fields(row, kind))
    problems = KINDS[kind].check(item) if kind in KINDS else []
    if problems:
        row.error("; ".join(problems))
    for name in _unused(row, kind):
        notes.append(Note(f"column {name} is not used by {kind} questions: ignored",
                          line=row.line, question=qid))
    return item


def _tags(row, notes):
    """Return the row's tags as slugs, noting each one written otherwise (`Géographie`)."""
    tags = []
    for written in (t for t in re.split(r"[;,\s]+", row.get("tags")) if t):
        tag = slugify(written, fallback="")
        if not tag:
            row.error(f"tag {written!r} has no letters or digits", "tags")
        if tag != written:
            notes.append(Note(f"tag {written!r} is kept as {tag!r}", row.line))
        tags.append(tag)
    return tags


def parse(text):
    """Read a CSV file in the layout above; raise InterchangeError on the first problem."""
    text = text.removeprefix("\ufeff")
    # Strict: a quote never closed must not swallow the rest of the file into one field.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    result, ids, line = ImportResult(), IdMaker(), 1
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise InterchangeError("the file has no header row", line=1)
        columns = _columns(header)
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                result.questions.append(_question(_Row(cells, columns, line), ids,
                                                  result.notes))
            line = reader.line_num + 1
    except csv.Error as error:
        # The row that could not be read starts at `line`.
        raise InterchangeError(f"not readable as CSV ({error})", line=line) from None
    return result


def _cells(item, counts):
    """Return {column: text} for one question."""
    kind = item["kind"]
    cells = {"id": item["id"], "kind": kind, "prompt": item["prompt"],
             "explanation": item.get("explanation") or "",
             "tags": ";".join(item.get("tags") or []),
             "difficulty": str(item.get("difficulty", DEFAULT_DIFFICULTY))}
    options, matches, refused = [], [], []
    if kind in ("single_choice", "multiple_response"):
        options = item["choices"]
        right = [item["answer"]] if kind == "single_choice" else item["answer"]
        cells["answer"] = ";".join(str(options.index(r) + 1) for r in right)
    elif kind == "true_false":
        cells["answer"] = "true" if item["answer"] else "false"
    elif kind == "short_answer":
        options, refused = item["accepted"], item.get("refuse", [])
    elif kind == "matching":
        options = [p["item"] for p in item["pairs"]]
        matches = [p["match"] for p in item["pairs"]] + list(item.get("extra_matches", []))
    elif kind == "numeric":
        cells["answer"] = repr(item["answer"])
        if "tolerance" in item:
            cells["tolerance"] = repr(item["tolerance"])
        cells["unit"] = item.get("unit", "")
    elif kind == "ordering":
        options = item["items"]
    elif kind == "essay":
        cells["grader_note"] = item.get("grader_note", "")
    for base, values in (("option", options), ("match", matches), ("refuse", refused)):
        counts[base] = max(counts.get(base, 0), len(values))
        cells |= {f"{base}_{n}": v for n, v in enumerate(values, 1)}
    return cells


def write(questions):
    """Write questions as CSV in the layout above, reporting what it cannot carry."""
    rows, losses, counts = [], [], {}
    for item in questions:
        if item["kind"] not in KIND_NAMES:
            losses.append(Note(f"{item['kind']} questions have no CSV layout: not exported",
                               question=item.get("id")))
            continue
        if item.get("evidence"):
            losses.append(Note("the evidence is not exported: the CSV layout has no column "
                               "for it", question=item.get("id")))
        rows.append(_cells(item, counts))
    header = ["id", "kind", "prompt"]
    header += [f"option_{n}" for n in range(1, counts.get("option", 0) + 1)]
    header += [f"match_{n}" for n in range(1, counts.get("match", 0) + 1)]
    header += ["answer", "tolerance", "unit"]
    header += [f"refuse_{n}" for n in range(1, counts.get("refuse", 0) + 1)]
    header += ["grader_note", "explanation", "tags", "difficulty"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[row.get(name, "") for name in header] for row in rows])
    return ExportResult(out.getvalue(), losses)
