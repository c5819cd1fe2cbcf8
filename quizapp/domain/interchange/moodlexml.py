"""Moodle XML: read a <quiz> file into bank questions and write questions back.

Reading follows what Moodle's own importer (question/format/xml) makes of a file:

- `multichoice` with `<single>true</single>` is single_choice (one answer at 100%);
  with `<single>false</single>` it is multiple_response, the answers with a positive
  fraction being the right ones. Quizapp scores by its own partial-credit rule (each
  right choice 1/R, each wrong one -1/W); where Moodle's weights differ from that rule,
  or a single-answer choice gives partial credit, a note says so.
- `truefalse`, `matching` (a subquestion with no text is a distractor), `numerical`
  (the first 100% answer, its tolerance and the unit with multiplier 1), `essay`
  (graderinfo becomes `grader_note`) and `description` map directly.
- `shortanswer`: 100% answers are accepted, 0% answers are refused, partly right
  answers and `*` wildcards are reported and left out (`\\*` is a literal asterisk).
- A `category` sets the tag of the questions after it: its last level, as a slug
  (`$course$/top/History/WW2` tags them `ww2`; Moodle's `top` and `Default for ...`
  give none); `<tags>` add more tags. The set's name is the caller's to choose.
- Every Quizapp question has one mark: a `defaultgrade` other than 1 is reported
  (but for descriptions, which Moodle marks 0).
- Text in html (or Moodle auto-format holding tags) is turned into plain text: line
  breaks and paragraphs are kept, other formatting is reported as lost, as are images,
  attached files, per-answer feedback, hints and combined feedback. Plain text and
  markdown are kept as written.
- `generalfeedback` becomes the explanation.
- cloze (`multianswer`), calculated, drag-and-drop, gapselect, random and any other
  type are reported per question as unsupported and not imported.

A file with a DTD (so any entity, external or not) is refused before it is read, as is
anything that is not well-formed XML; errors carry the line and column.

Writing gives each question `format="plain_text"` texts, so they read back exactly.
Ordering questions have no core Moodle type and are not written; evidence is kept as an
XML comment inside the question (Moodle ignores it) and reported as lost, as is a
difficulty other than the default. The first tag of each question becomes its category.
"""

import html
import math
import re
from html.parser import HTMLParser
from xml.parsers import expat
from xml.sax.saxutils import escape

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from quizapp.domain import textmatch
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

UNSUPPORTED = {
    "multianswer": "cloze (embedded answers)",
    "calculated": "calculated",
    "calculatedsimple": "simple calculated",
    "calculatedmulti": "calculated multichoice",
    "ddwtos": "drag and drop into text",
    "gapselect": "select missing words",
    "ddimageortext": "drag and drop onto image",
    "ddmarker": "drag and drop markers",
    "randomsamatch": "random short-answer matching",
    "random": "random",
    "ordering": "ordering (a plugin type)",
}
_MAX_TAGS = 20
# Moodle writes fractions with 7 digits (33.33333): weights this close count as equal.
_FRACTION_SLACK = 0.01
_KEPT_TAGS = {"p", "br", "div", "span"}
_BLOCK_TAGS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


class Node:
    """One XML element with the line and column it starts at."""

    def __init__(self, tag, attrib, line, column):
        self.tag, self.attrib, self.line, self.column = tag, attrib, line, column
        self.children, self.parts = [], []

    @property
    def text(self):
        """Return the element's own character data."""
        return "".join(self.parts)

    def find(self, tag):
        """Return the first child named `tag`, or None."""
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag):
        """Return the children named `tag`."""
        return [c for c in self.children if c.tag == tag]

    def value(self, *path, default=""):
        """Return the text at the child path, stripped, or `default`."""
        node = self
        for tag in path:
            node = node.find(tag)
            if node is None:
                return default
        return node.text.strip()


def _tree(text):
    """Return the root Node of `text`, refusing DTDs and anything not well-formed."""
    text = text.removeprefix("\ufeff")
    try:
        # The defused parser is the gate: it refuses any DTD, hence every entity.
        defusedxml.ElementTree.fromstring(text, forbid_dtd=True)
    except DefusedXmlException:
        raise InterchangeError(
            "the file declares a DTD or entities, which Moodle XML never needs: refused",
            line=_doctype_line(text)) from None
    except defusedxml.ElementTree.ParseError as error:
        line, column = error.position
        raise InterchangeError(f"not well-formed XML ({_expat_reason(error)})",
                               line=line, column=column + 1) from None
    except (ValueError, UnicodeError) as error:
        raise InterchangeError(f"the file cannot be read as XML: {error}") from None
    return _build(text)


def _doctype_line(text):
    index = text.find("<!")
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _expat_reason(error):
    return re.sub(r":? ?line \d+, column \d+$", "", str(error)) or "syntax error"


def _build(text):
    parser = expat.ParserCreate()
    stack, root = [], []

    def start(tag, attrib):
        node = Node(tag, attrib, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)
        (stack[-1].children if stack else root).append(node)
        stack.append(node)

    def data(chunk):
        if stack:
            stack[-1].parts.append(chunk)

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda tag: stack.pop()
    parser.CharacterDataHandler = data
    try:
        parser.Parse(text, True)
    except (expat.ExpatError, ValueError) as error:  # the gate should have caught it
        raise InterchangeError(f"not well-formed XML ({error})") from None
    return root[0]


class _HtmlText(HTMLParser):
    """Turn HTML into plain text, noting which formatting and images are dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.dropped, self.images, self.hidden = [], set(), 0, 0

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag in ("script", "style"):
            self.hidden += 1
        if tag == "img":
            self.images += 1
        elif tag not in _KEPT_TAGS:
            self.dropped.add(tag)

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag in ("script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:  # a script or style is not text a learner reads
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(source):
    """Return (plain text, tags dropped, images dropped) for an HTML fragment."""
    reader = _HtmlText()
    reader.feed(source)
    reader.close()
    lines = [line.strip() for line in "".join(reader.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text, reader.dropped, reader.images


class _Reader:
    """The state of one import: the category tag, the ids taken, the notes."""

    def __init__(self):
        self.result = ImportResult()
        self.ids = IdMaker()
        self.tag = None

    def note(self, node, message, qid=None):
        self.result.notes.append(Note(message, line=node.line, question=qid))

    def text(self, node, qid, what, default_format="moodle_auto_format"):
        """Return the plain text of a <text>-holding node, noting what is lost."""
        if node is None:
            return ""
        raw = node.value("text")
        if node.findall("file"):
            self.note(node, f"{what}: attached files are not imported", qid)
        form = node.attrib.get("format", default_format)
        if form in ("plain_text", "markdown"):
            return raw
        if form != "html" and "<" not in raw:
            return html.unescape(raw)  # Moodle auto-format: text that may hold entities
        text, dropped, images = html_to_text(raw)
        if images:
            self.note(node, f"{what}: {images} image(s) not imported", qid)
        if dropped:
            tags = ", ".join(sorted(dropped))
            self.note(node, f"{what}: formatting lost ({tags})", qid)
        return text

    def question(self, node):
        """Read one <question> element."""
        qtype = node.attrib.get("type", "")
        if qtype == "category":
            self.category(node.value("category", "text"))
            return
        name = node.value("name", "text")
        if qtype in UNSUPPORTED or qtype not in READERS:
            label = UNSUPPORTED.get(qtype, qtype or "(no type)")
            self.note(node, f"{name or 'a question'}: {label} questions are not "
                            "supported: not imported")
            return
        qid = self.ids.make(name or node.value("questiontext", "text"))
        prompt = self.text(node.find("questiontext"), qid, "question text", "html")
        if not prompt:
            raise InterchangeError(f"question {name!r} has no question text",
                                   line=node.line, column=node.column)
        self.losses(node, qid)
        fields = READERS[qtype](self, node, qid)
        if fields is None:
            return
        kind = fields.pop("kind")
        explanation = self.text(node.find("generalfeedback"), qid, "general feedback")
        holder = node.find("tags")
        tags = ([slugify(t.value("text"), "") for t in holder.findall("tag")]
                if holder is not None else [])
        tags = list(dict.fromkeys([t for t in [self.tag, *tags] if t]))[:_MAX_TAGS]
        item = question(kind, prompt, qid, explanation=explanation,
                        tags=tags or [DEFAULT_TAG], **fields)
        problems = KINDS[kind].check(item) if kind in KINDS else []
        if problems:
            self.note(node, "not imported: " + "; ".join(problems), qid)
            return
        self.result.questions.append(item)

    def category(self, path):
        """Take the last named level of a category path as the tag that follows."""
        levels = [p for p in path.split("/") if p.strip() and not p.startswith("$")]
        # Moodle's own "top" level and "Default for <course>" categories name no topic.
        levels = [p for p in levels if p.strip().lower() != "top"
                  and not p.strip().lower().startswith("default for ")]
        self.tag = (slugify(levels[-1], "") or None) if levels else None

    def losses(self, node, qid):
        """Note the parts of any question that Quizapp does not keep."""
        grade = node.value("defaultgrade", default="1")
        # Moodle gives descriptions a mark of 0: they are not scored here either.
        if node.attrib.get("type") != "description" and not _same_number(grade, 1):
            self.note(node, f"the default mark {grade} is not kept: every Quizapp question "
                            "has one mark", qid)
        if node.findall("hint"):
            self.note(node, "hints are not imported", qid)
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            if node.value(tag, "text"):
                self.note(node, f"{tag} is not imported", qid)
        if any(a.value("feedback", "text") for a in node.findall("answer")):
            self.note(node, "per-answer feedback is not imported", qid)

    def answers(self, node):
        """Return (text node, fraction in percent) for each <answer>."""
        found = []
        for answer in node.findall("answer"):
            raw = answer.attrib.get("fraction", "0")
            try:
                fraction = float(raw)
            except ValueError:
                fraction = math.nan
            if not math.isfinite(fraction):
                raise InterchangeError(f"fraction {raw!r} is not a number",
                                       line=answer.line, column=answer.column)
            found.append((answer, fraction))
        if not found:
            raise InterchangeError("the question has no <answer>",
                                   line=node.line, column=node.column)
        return found


def _multichoice(reader, node, qid):
    answers = reader.answers(node)
    choices = [reader.text(a, qid, "a choice", "html") for a, _ in answers]
    # As Moodle's importer: a missing <single> means single; only "false", "0" or empty
    # mean multiple.
    if node.value("single", default="true") not in ("false", "0", ""):
        right = [c for c, (_, f) in zip(choices, answers, strict=True) if f >= 100 - 1e-6]
        if len(right) != 1:
            reader.note(node, f"not imported: a single-answer question needs exactly one "
                              f"answer at 100%, it has {len(right)}", qid)
            return None
        partial = [c for c, (_, f) in zip(choices, answers, strict=True) if 0 < f < 100]
        negative = [c for c, (_, f) in zip(choices, answers, strict=True) if f < 0]
        if partial or negative:
            reader.note(node, "Moodle's partial or negative credit on "
                        f"{', '.join(map(repr, partial + negative))} is not kept: Quizapp "
                        "scores 1 for the right choice, else 0", qid)
        return {"kind": "single_choice", "choices": choices, "answer": right[0]}
    weights = [f for _, f in answers]
    right = [c for c, f in zip(choices, weights, strict=True) if f > 0]
    if right:
        rule = [100 / len(right) if f > 0 else -100 / max(1, len(weights) - len(right))
                for f in weights]
        if any(abs(f - r) > _FRACTION_SLACK for f, r in zip(weights, rule, strict=True)):
            reader.note(node, "Moodle's weights (" + ", ".join(f"{f:g}%" for f in weights)
                        + ") differ from Quizapp's partial credit rule (each right choice "
                        "1/R, each wrong one -1/W): scored by Quizapp's rule", qid)
    return {"kind": "multiple_response", "choices": choices, "answer": right}


def _truefalse(reader, node, qid):
    # As Moodle's importer: the verdict comes from the fraction of the answer "true" (or
    # "false"); an answer that is neither is taken as true if first, false otherwise.
    verdict = None
    for index, (answer, fraction) in enumerate(reader.answers(node)):
        text = answer.value("text")
        if text not in ("true", "false"):
            text = "true" if index == 0 else "false"
            reader.note(answer, f"answer {answer.value('text')!r} is neither true nor false: "
                                f"read as {text} by its position, as Moodle does", qid)
        full = abs(fraction - 100) < 1e-6
        verdict = full if text == "true" else not full
    return {"kind": "true_false", "answer": verdict}


def _wildcard(text):
    return re.search(r"(?<!\\)\*", text) is not None


def _shortanswer(reader, node, qid):
    accepted, refused = [], []
    if node.value("usecase") not in ("", "0"):
        reader.note(node, "case-sensitive matching is not kept: Quizapp ignores case", qid)
    for answer, fraction in reader.answers(node):
        text = answer.value("text")  # Moodle compares short answers as typed, no HTML
        if _wildcard(text):
            reader.note(answer, f"answer {text!r} uses the * wildcard: not imported", qid)
        elif fraction >= 100 - 1e-6:
            accepted.append(text.replace("\\*", "*"))
        elif fraction <= 0:
            refused.append(text.replace("\\*", "*"))
        else:
            reader.note(answer, f"answer {text!r} earned {fraction:g}%: Quizapp has no "
                                "partial credit for short answers: not imported", qid)
    kept = [r for r in refused if not any(textmatch.same(r, a) for a in accepted)]
    if len(kept) < len(refused):
        reader.note(node, "wrong answers that read like a right one are not kept", qid)
    fields = {"kind": "short_answer", "accepted": accepted}
    if kept:
        fields["refuse"] = kept
    return fields


def _matching(reader, node, qid):
    pairs, extra = [], []
    for sub in node.findall("subquestion"):
        item = reader.text(sub, qid, "a subquestion", "html")
        match = sub.value("answer", "text")
        if item:
            pairs.append({"item": item, "match": match})
        elif match:
            extra.append(match)
    fields = {"kind": "matching", "pairs": pairs}
    if extra:
        fields["extra_matches"] = extra
    return fields


def _number(text):
    """Return the number in `text`, an int when it is whole and exact as a float."""
    value = float(text)
    if re.fullmatch(r"[-+]?\d+", text.strip()) and abs(value) < 2**53:
        return int(text)
    return value


def _numerical(reader, node, qid):
    best, rest = None, 0
    for answer, fraction in reader.answers(node):
        raw = answer.value("text")
        if fraction >= 100 - 1e-6 and best is None and raw != "*":
            best = answer
        else:
            rest += 1
    if best is None:
        reader.note(node, "not imported: no numeric answer at 100%", qid)
        return None
    if rest:
        reader.note(node, f"{rest} other answer(s) not imported: Quizapp keeps one "
                          "number and its tolerance", qid)
    try:
        fields = {"kind": "numeric", "answer": _number(best.value("text"))}
        tolerance = abs(_number(best.value("tolerance", default="0") or "0"))
    except ValueError:
        raise InterchangeError("a numeric answer or tolerance is not a number",
                               line=best.line, column=best.column) from None
    if not all(map(math.isfinite, (fields["answer"], tolerance))):
        raise InterchangeError("a numeric answer or tolerance is not finite",
                               line=best.line, column=best.column)
    if tolerance:
        fields["tolerance"] = tolerance
    holder = node.find("units")
    units = holder.findall("unit") if holder is not None else []
    base = [u.value("unit_name") for u in units
            if _same_number(u.value("multiplier", default="1"), 1)]
    if base and base[0]:
        fields["unit"] = base[0]
    if len(units) > len(base[:1]):
        reader.note(node, "units with other multipliers are not imported", qid)
    return fields


def _same_number(text, number):
    try:
        return float(text) == number
    except ValueError:
        return False


def _essay(reader, node, qid):
    fields = {"kind": "essay"}
    note = reader.text(node.find("graderinfo"), qid, "grader information")
    if note:
        fields["grader_note"] = note
    if node.value("responsetemplate", "text"):
        reader.note(node, "the response template is not imported", qid)
    return fields


READERS = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "matching": _matching,
    "numerical": _numerical,
    "essay": _essay,
    "description": lambda reader, node, qid: {"kind": "description"},
}


def parse(text):
    """Read a Moodle XML file; raise InterchangeError when it is not one."""
    root = _tree(text)
    if root.tag != "quiz":
        raise InterchangeError(f"the root element is <{root.tag}>, not <quiz>",
                               line=root.line, column=root.column)
    reader = _Reader()
    for node in root.children:
        if node.tag != "question":
            reader.note(node, f"<{node.tag}> outside a question is ignored")
            continue
        reader.question(node)
    return reader.result


# Writing.

def _text(value, indent="      "):
    # A raw carriage return would be read back as a line feed.
    return f"{indent}<text>{escape(value, {chr(13): '&#13;'})}</text>"


def _block(tag, value, indent="    ", plain=True):
    form = ' format="plain_text"' if plain else ""
    return [f"{indent}<{tag}{form}>", _text(value, indent + "  "), f"{indent}</{tag}>"]


def _fraction(value):
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _answer(fraction, value, extra=(), plain=True):
    form = ' format="plain_text"' if plain else ""
    return ([f'    <answer fraction="{_fraction(fraction)}"{form}>', _text(value), *extra,
             "    </answer>"])


def _write_choice(item):
    if item["kind"] == "single_choice":
        lines = ["    <single>true</single>"]
        for choice in item["choices"]:
            lines += _answer(100 if choice == item["answer"] else 0, choice)
        return lines
    right = set(item["answer"])
    wrong = len(item["choices"]) - len(right)
    lines = ["    <single>false</single>"]
    for choice in item["choices"]:
        lines += _answer(100 / len(right) if choice in right else -100 / wrong, choice)
    return lines


def _write_short(item):
    lines = ["    <usecase>0</usecase>"]
    for fraction, key in ((100, "accepted"), (0, "refuse")):
        for answer in item.get(key, []):
            lines += _answer(fraction, answer.replace("*", "\\*"), plain=False)
    return lines


def _write_matching(item):
    lines = []
    subs = [(p["item"], p["match"]) for p in item["pairs"]]
    subs += [("", extra) for extra in item.get("extra_matches", [])]
    for sub, match in subs:
        lines += ['    <subquestion format="plain_text">', _text(sub),
                  "      <answer>", _text(match, "        "), "      </answer>",
                  "    </subquestion>"]
    return lines


def _write_numeric(item):
    tolerance = f"      <tolerance>{item.get('tolerance', 0)!r}</tolerance>"
    lines = _answer(100, repr(item["answer"]), [tolerance], plain=False)
    if item.get("unit"):
        lines += ["    <units>", "      <unit>", "        <multiplier>1</multiplier>",
                  f"        <unit_name>{escape(item['unit'], {chr(13): '&#13;'})}</unit_name>",
                  "      </unit>", "    </units>",
                  "    <unitgradingtype>0</unitgradingtype>", "    <showunits>3</showunits>"]
    return lines


def _write_essay(item):
    return ["    <responseformat>editor</responseformat>",
            *_block("graderinfo", item.get("grader_note", ""))]


WRITERS = {
    "single_choice": ("multichoice", _write_choice),
    "multiple_response": ("multichoice", _write_choice),
    "true_false": ("truefalse", lambda item: [
        *_answer(100 if item["answer"] else 0, "true", plain=False),
        *_answer(0 if item["answer"] else 100, "false", plain=False)]),
    "short_answer": ("shortanswer", _write_short),
    "matching": ("matching", _write_matching),
    "numeric": ("numerical", _write_numeric),
    "essay": ("essay", _write_essay),
    "description": ("description", lambda item: []),
}


def _comment(value):
    # "--" may not appear inside an XML comment.
    return re.sub(r"-(?=-)", "- ", value).rstrip("-")


def _write_question(item, lose):
    qtype, body = WRITERS[item["kind"]]
    lines = [f'  <question type="{qtype}">']
    for evidence in item.get("evidence") or []:
        quote = _comment(f'evidence: {evidence.get("source")}: "{evidence.get("quote")}"')
        lines.append(f"    <!-- {quote} -->")
    if item.get("evidence"):
        lose("the evidence is kept only as an XML comment, which Moodle drops")
    if item.get("difficulty", DEFAULT_DIFFICULTY) != DEFAULT_DIFFICULTY:
        lose(f"difficulty {item['difficulty']} is not exported: Moodle has none")
    lines += _block("name", item["id"], plain=False)
    lines += _block("questiontext", item["prompt"])
    lines += _block("generalfeedback", item.get("explanation") or "")
    lines += body(item)
    tags = item.get("tags") or []
    if tags:
        lines.append("    <tags>")
        lines += [f"      <tag>{_text(tag, '')}</tag>" for tag in tags]
        lines.append("    </tags>")
    lines.append("  </question>")
    return lines


def write(questions):
    """Write questions as a Moodle XML file, reporting what it cannot carry."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    losses, category = [], None
    for item in questions:
        qid = item.get("id")

        def lose(message, qid=qid):
            losses.append(Note(message, question=qid))

        if item["kind"] not in WRITERS:
            lose(f"{item['kind']} questions have no Moodle XML type: not exported")
            continue
        tag = (item.get("tags") or [DEFAULT_TAG])[0]
        if tag != category:
            lines += ['  <question type="category">', "    <category>",
                      _text(f"$course$/top/{tag}"), "    </category>", "  </question>"]
            category = tag
        lines += _write_question(item, lose)
    lines.append("</quiz>")
    return ExportResult("\n".join(lines) + "\n", losses)
