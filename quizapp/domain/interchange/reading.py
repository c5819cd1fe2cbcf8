"""From an uploaded file's bytes to questions ready to import, or the reasons it is refused.

The same steps for the command line and the browser: the size limit first, then the
encoding, the format's parser, the question limit, and every question checked as the
bank checks it (quizapp.domain.bankfiles.question_def), so nothing reaches the database
that `bank load` would refuse. Any problem refuses the whole file: nothing of it is
imported.
"""

from dataclasses import dataclass, field

from quizapp.domain.bankfiles import question_def
from quizapp.domain.interchange import aiken, csvlayout, gift, moodlexml, quizappformat
from quizapp.domain.interchange.base import InterchangeError
from quizapp.domain.interchange.encoding import decode

FORMATS = {"gift": gift, "aiken": aiken, "moodlexml": moodlexml, "csv": csvlayout,
           "quizapp": quizappformat}
LABELS = {"gift": "Moodle GIFT", "aiken": "Aiken", "moodlexml": "Moodle XML",
          "csv": "CSV (one row per question)", "quizapp": "Quizapp set file (YAML)"}
# What a downloaded file is called and sent as.
FILE_TYPES = {"gift": (".gift.txt", "text/plain"), "aiken": (".aiken.txt", "text/plain"),
              "moodlexml": (".xml", "application/xml"), "csv": (".csv", "text/csv"),
              "quizapp": (".yaml", "application/yaml")}
_BY_SUFFIX = {".gift": "gift", ".xml": "moodlexml", ".csv": "csv", ".yaml": "quizapp",
              ".yml": "quizapp"}


def guess_format(filename):
    """Return the format a file name implies, or None (a .txt may be GIFT or Aiken)."""
    name = filename.lower()
    if name.endswith(".gift.txt"):
        return "gift"
    if name.endswith(".aiken.txt"):
        return "aiken"
    return next((f for suffix, f in _BY_SUFFIX.items() if name.endswith(suffix)), None)


@dataclass
class Reading:
    """What a file holds: questions when it can be imported, else the errors."""

    format: str
    questions: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def counts(self):
        """Return how many questions of each kind the file holds, most first."""
        counts = {}
        for item in self.questions:
            counts[item["kind"]] = counts.get(item["kind"], 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def ok(self):
        """Tell whether the file can be imported."""
        return not self.errors and bool(self.questions)


def _where(result, index, item):
    line = result.lines[index] if index < len(result.lines) else None
    qid = item.get("id")
    who = f"question {qid}" if isinstance(qid, str) and qid.isprintable() and len(qid) < 120 \
        else f"question {index + 1}"
    return (f"line {line}: " if line else "") + who


def _check(result, sources, reading):
    """Check each question as the bank does; keep the sound ones, report the rest."""
    seen = set()
    for index, item in enumerate(result.questions):
        def check_id(qid):
            if qid in seen:
                return "id is used by another question of the file"
            seen.add(qid)
            return None

        found, problems = question_def(item, "import", sources, check_id)
        reading.errors += [f"{_where(result, index, item)}: {p}" for p in problems]
        if found is not None:
            reading.questions.append(item)


def read_file(data, fmt, *, max_bytes, max_questions, sources=None):
    """Read an uploaded file's bytes in format `fmt`; return a Reading (never raise).

    `sources` maps the source ids evidence may name to sources (with slug and body).
    """
    reading = Reading(fmt)
    if fmt not in FORMATS:
        reading.errors.append(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
        return reading
    if len(data) > max_bytes:
        reading.errors.append(f"the file is {len(data):,} bytes: the most an import may take "
                              f"is {max_bytes:,}")
        return reading
    try:
        text, notes = decode(data)
        # Windows line ends inside a quoted CSV cell would reach a prompt as U+000D,
        # which no bank text may hold; every format reads plain line feeds the same.
        result = FORMATS[fmt].parse(text.replace("\r\n", "\n").replace("\r", "\n"))
    except InterchangeError as error:
        reading.errors.append(str(error))
        return reading
    except RecursionError:
        reading.errors.append("the file is nested too deeply to read")
        return reading
    reading.notes = [str(n) for n in notes + result.notes]
    if len(result.questions) > max_questions:
        reading.errors.append(f"the file holds {len(result.questions):,} questions: the most "
                              f"one import may take is {max_questions:,}")
        return reading
    if not result.questions:
        reading.errors.append(f"no question was found: is this a {LABELS[fmt]} file?")
        return reading
    _check(result, sources or {}, reading)
    if reading.errors:
        reading.questions = []
    return reading


__all__ = ["FILE_TYPES", "FORMATS", "LABELS", "Reading", "guess_format", "read_file"]
