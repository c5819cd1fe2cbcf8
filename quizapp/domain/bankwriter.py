"""Write question sets and sources as bank files: plain values in, file texts out.

The texts follow questions/README.md and read back through quizapp.domain.bankfiles to
the same values. They are meant to be reviewed in pull requests, so the output is stable:
keys in the order the bundled files use, long text as block scalars wrapped at a fixed
width, no anchors or aliases, UTF-8 and a newline at the end.
"""

from dataclasses import dataclass, field
from datetime import date

import yaml

from quizapp.domain.bankfiles import FRONT_MATTER
from quizapp.domain.kinds import KINDS
from quizapp.domain.provenance import DEFAULT_STATUS

# Read back with the loader the bank reader uses, so the check sees what it will see.
_READER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
WIDTH = 80
# Text longer than this (or spanning lines) is written as a block scalar.
BLOCK_OVER = 80


class WriteError(ValueError):
    """A value that the bank format cannot carry."""


@dataclass(frozen=True)
class SourceValues:
    """What a source file holds."""

    slug: str
    outlet: str
    headline: str
    body: str
    published: date | None = None
    date_precision: str = "unknown"
    stamped: date | None = None
    date_note: str = ""
    provenance: str = "unverified"
    provenance_note: str = ""
    url: str | None = None
    trimmed: str = ""


@dataclass(frozen=True)
class QuestionValues:
    """What one question of a set file holds; `data` is the kind's own fields."""

    id: str
    kind: str
    prompt: str
    data: dict
    explanation: str
    evidence: tuple[tuple[str, str], ...]  # (source slug, quote)
    tags: tuple[str, ...]
    difficulty: int


@dataclass(frozen=True)
class SetValues:
    """What a set file holds."""

    id: str
    title: str
    description: str = ""
    questions: tuple[QuestionValues, ...] = field(default_factory=tuple)


class _Flow(list):
    """A short list written on one line, as tags are in the bundled files."""


class _Dumper(yaml.SafeDumper):
    """A safe dumper that indents lists under their key and never writes aliases."""

    def ignore_aliases(self, data):
        return True

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_str(dumper, text):
    """Write long or multi-line text as a block scalar, the rest as YAML sees fit."""
    if "\n" in text or len(text) > BLOCK_OVER:
        # Folded keeps one-paragraph text wrapped; literal keeps line breaks as they are.
        style = "|" if "\n" in text else ">"
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


def _represent_flow(dumper, items):
    """Write a _Flow list on one line."""
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Flow, _represent_flow)


class _QuotedDumper(_Dumper):
    """The fallback for text no other style carries exactly: double quotes escape all."""


_QuotedDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"'))


def _dump(value):
    """Return `value` as YAML, checked to read back to the very same value."""
    for dumper in (_Dumper, _QuotedDumper):
        text = yaml.dump(value, Dumper=dumper, allow_unicode=True, sort_keys=False,
                         width=WIDTH, default_flow_style=False)
        if yaml.load(text, _READER) == _plain(value):  # noqa: S506 - a safe loader
            return text
    raise WriteError(f"cannot write {value!r} as YAML that reads back the same")


def _plain(value):
    """Return `value` with our list markers turned back into lists, for comparison."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _published(source):
    """Return `published` as precisely as the source knows it, as the reader expects."""
    if source.published is None or source.date_precision == "unknown":
        return None
    if source.date_precision == "year":
        return source.published.year
    if source.date_precision == "month":
        return source.published.strftime("%Y-%m")
    return source.published


def source_text(source):
    """Return the text of sources/<slug>.txt for `source`."""
    if "\r" in source.body:
        # Files are read with universal newlines: a carriage return would not survive.
        raise WriteError(f"source {source.slug}: the body contains a carriage return")
    if not source.body.strip() or source.body != source.body.rstrip("\n"):
        raise WriteError(f"source {source.slug}: the body is empty or ends with a line break")
    meta = {"outlet": source.outlet, "headline": source.headline,
            "published": _published(source)}
    if source.stamped is not None:
        meta["stamped"] = source.stamped
    meta |= {"date_note": source.date_note, "provenance": source.provenance,
             "provenance_note": source.provenance_note, "url": source.url,
             "trimmed": source.trimmed}
    meta = {k: v for k, v in meta.items() if v != "" or k in ("outlet", "headline")}
    return f"---\n{_dump(meta)}---\n{source.body}\n"


def _question_mapping(question):
    """Return a question as the mapping a set file holds, keys in the bundled order."""
    kind = KINDS.get(question.kind)
    known = kind.fields if kind is not None else ()
    # Every key of the data is kept (a kind may have gained fields); its own come first.
    keys = [k for k in known if k in question.data]
    keys += [k for k in question.data if k not in keys]
    return {
        "id": question.id,
        "kind": question.kind,
        "prompt": question.prompt,
        **{k: question.data[k] for k in keys},
        "explanation": question.explanation,
        "evidence": [{"source": s, "quote": q} for s, q in question.evidence],
        "tags": _Flow(question.tags),
        "difficulty": question.difficulty,
    }


def _indent(text, prefix):
    """Prefix every line but empty ones (which stay empty, as in the bundled files)."""
    return "".join(line if line == "\n" else prefix + line
                   for line in text.splitlines(keepends=True))


def set_text(question_set):
    """Return the text of sets/<id>.yaml for `question_set`, a blank line between questions."""
    head = {"id": question_set.id, "title": question_set.title}
    if question_set.description:
        head["description"] = question_set.description
    parts = [_dump(head)]
    if not question_set.questions:
        parts.append("questions: []\n")
        return "".join(parts)
    parts.append("questions:\n")
    mappings = [_question_mapping(q) for q in question_set.questions]
    text = "".join(parts) + "\n".join(_indent(_dump([m]), "  ") for m in mappings)
    if yaml.load(text, _READER) != _plain({**head, "questions": mappings}):  # noqa: S506
        raise WriteError(f"set {question_set.id}: the file would not read back the same")
    return text


def _source_meaning(text):
    """Return what a source file says, its formatting and `seed` aside; None if unreadable."""
    found = FRONT_MATTER.match(text)
    if not found:
        return None
    try:
        meta = yaml.load(found.group(1), _READER)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return None
    if not isinstance(meta, dict):
        return None
    meta.setdefault("provenance", DEFAULT_STATUS)
    # `seed` names the raw capture, which the database does not keep.
    meta = {k: v for k, v in meta.items() if k != "seed" and v not in ("", None)}
    return meta, text[found.end():].rstrip("\n")


def same_source(old_text, new_text):
    """Tell whether two source files hold the same source, however each is formatted."""
    old = _source_meaning(old_text)
    return old is not None and old == _source_meaning(new_text)
