"""Moodle GIFT: read a GIFT file into bank-format questions, and write them back.

The rules are Moodle's documented ones (docs.moodle.org, "GIFT format"); where they are
vague, Moodle's importer decides: questions are separated by blank lines, `//` lines are
comments, the answer block is the first `{` to the first `}` after it, and the kind is
chosen in Moodle's order (essay, numeric, multiple choice, matching, true/false, short
answer). Text outside braces with no answer block is a description.

Weights map onto the kinds as follows. A choice block with an `=` answer is single
choice: the best answer is the right one, and any other non-zero weight is reported (here
the other choices score 0). A choice block without `=` is Moodle's "multiple answers":
the positive weights are the right choices of a multiple_response question, which scores
each right tick 1/R and each wrong tick -1/W, total kept in 0..1; GIFT weights that are
not 100/R and -100/W score differently and are reported. With one 100% choice and the
others 0 it is single choice.

Other mappings: all-= answers are short_answer (100% accepted, 0% refused, other weights
reported); `=a -> b` pairs are matching (an empty item makes a distractor); `{#...}` is
numeric (a range low..high becomes its midpoint and half-width; of several answers the
best is kept and the rest reported); `{}` is essay; no braces is description. The title
becomes the id, `####` feedback the explanation, the last level of `$CATEGORY:` the first
tag and `// [tag:name]` comments further tags. Per-answer feedback has no place in the
kinds and is reported. `[html]` text is reduced to plain text (reported); `[markdown]` is
kept as typed (reported).
"""

import html
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

BLANK = "_____"  # what Moodle puts where a missing word's answer block stood
_ESCAPABLE = "~=#{}:\\"
_PHP_SPACE = " \t\r\n\0\x0b"  # what Moodle's trim() removes: blank lines are these only
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FORMAT = re.compile(r"\[(html|moodle|plain|markdown)\]")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?|-?\.\d+)%")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TAG = re.compile(r"<[^<>]*>")
_TAG_IN_COMMENT = re.compile(r"\[tag:((?:\\\]|[^\]<>\x00-\x1f])+)\]")
_MAX_TAGS = 20
_WORDS_IN_ID = 8


class _Text:
    """Text with escapes resolved, remembering which characters were escaped and where."""

    def __init__(self, chars, escaped, where):
        self.chars, self.escaped, self.where = chars, escaped, where

    def __len__(self):
        return len(self.chars)

    def __getitem__(self, part):
        return _Text(self.chars[part], self.escaped[part], self.where[part])

    def position(self, index):
        """Return (line, column) of the character at `index` (or just after the end)."""
        if not self.where:
            return None, None
        if index < len(self.where):
            return self.where[index]
        line, column = self.where[-1]
        return line, column + 1

    def find(self, sub, start=0):
        """Return the index of the first unescaped `sub` from `start`, or -1."""
        index = self.chars.find(sub, start)
        while index >= 0 and any(self.escaped[index:index + len(sub)]):
            index = self.chars.find(sub, index + 1)
        return index

    def rfind(self, sub):
        """Return the index of the last unescaped `sub`, or -1."""
        index = self.chars.rfind(sub)
        while index >= 0 and any(self.escaped[index:index + len(sub)]):
            index = self.chars.rfind(sub, 0, index + len(sub) - 1)
        return index

    def __add__(self, other):
        return _Text(self.chars + other.chars, self.escaped + other.escaped,
                     self.where + other.where)

    def startswith(self, sub):
        """Say whether the text begins with an unescaped `sub`."""
        return self.chars.startswith(sub) and not any(self.escaped[:len(sub)])

    def strip(self):
        """Drop unescaped whitespace at both ends."""
        start, end = 0, len(self.chars)
        while start < end and self.chars[start].isspace() and not self.escaped[start]:
            start += 1
        while end > start and self.chars[end - 1].isspace() and not self.escaped[end - 1]:
            end -= 1
        return self[start:end]

    def split_markers(self, markers):
        """Split before every unescaped marker character: [(head, [(marker, part)...])]."""
        cuts = [i for i, c in enumerate(self.chars) if c in markers and not self.escaped[i]]
        if not cuts:
            return self, []
        head = self[:cuts[0]]
        parts = [(self.chars[c], self[c + 1:end])
                 for c, end in zip(cuts, [*cuts[1:], len(self)], strict=True)]
        return head, parts

    def __str__(self):
        return self.chars


def _read(lines):
    """Return the lines (number, text) as one _Text, resolving GIFT's escapes."""
    chars, escaped, where = [], [], []
    for count, (number, line) in enumerate(lines):
        if count:
            chars.append("\n")
            escaped.append(False)
            where.append((number, 0))
        column = 0
        while column < len(line):
            char = line[column]
            following = line[column + 1] if column + 1 < len(line) else ""
            if char == "\\" and following and following in _ESCAPABLE + "n":
                chars.append("\n" if following == "n" else following)
                escaped.append(True)
                where.append((number, column + 1))
                column += 2
                continue
            chars.append(char)
            escaped.append(False)
            where.append((number, column + 1))
            column += 1
    return _Text("".join(chars), escaped, where)


def _blocks(text):
    """Yield each block as (its lines as (number, line), its comment lines)."""
    block, comments = [], []
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        stripped = line.strip(_PHP_SPACE)
        if not stripped:
            if block:
                yield block, comments
            block, comments = [], []
        elif stripped.startswith("//"):
            comments.append(stripped)
        else:
            block.append((number, line))
    if block:
        yield block, comments


def _comment_tags(comments):
    """Return the tags Moodle 3.11+ reads from [tag:name] in a question's comments."""
    found = _TAG_IN_COMMENT.findall("\n".join(comments))
    return [slugify(t.replace("\\]", "]").strip(), DEFAULT_TAG) for t in found]


def parse(text):
    """Read GIFT text into an ImportResult; raise InterchangeError when it is malformed."""
    reader = _Reader()
    for block, comments in _blocks(text.removeprefix("\ufeff")):
        reader.block(_read(block).strip(), _comment_tags(comments))
    return ImportResult(reader.questions, reader.notes)


class _Reader:
    """The state of one import: the current category, the ids taken, what was found."""

    def __init__(self):
        self.ids = IdMaker()
        self.tag = None  # no $CATEGORY: yet
        self.questions = []
        self.notes = []

    def note(self, line, message, qid=None):
        """Record a warning or loss."""
        self.notes.append(Note(message, line, qid))

    def block(self, text, tags):
        """Read one block: a category line, a question, or both."""
        if text.startswith("$CATEGORY:"):
            end = text.find("\n")
            end = len(text) if end < 0 else end
            self.category(text[len("$CATEGORY:"):end])
            text = text[end:].strip()
            if not len(text):
                return
        if not len(text):
            return
        line = text.position(0)[0]
        try:
            item = _Question(text, self).read()
            item["tags"] = list(dict.fromkeys(
                ([self.tag] if self.tag else []) + tags))[:_MAX_TAGS] or [DEFAULT_TAG]
        except _Skip as skip:
            self.note(line, skip.args[0])
            return
        self.questions.append(item)

    def category(self, text):
        """Take the category's last level as the tag of the questions that follow."""
        levels = [p.strip() for p in str(text).split("/")]
        # Moodle writes $course$/top/Name: the context and "top" are not names.
        if levels and re.fullmatch(r"\$\w+\$", levels[0]):
            levels = levels[1:]
        if levels and levels[0] == "top":
            levels = levels[1:]
        named = [p for p in levels if p]
        self.tag = slugify(named[-1], DEFAULT_TAG) if named else DEFAULT_TAG


class _Skip(Exception):  # noqa: N818 (a control-flow signal, not an error)
    """A question that cannot become any kind; it is reported and left out."""


class _Question:
    """One question block being read."""

    def __init__(self, text, reader):
        self.text, self.reader = text, reader
        self.line = text.position(0)[0]
        self.format = "moodle"
        self.notes = []

    def fail(self, message, text=None, index=0):
        """Raise the parser's error at `index` of `text` (the block's start by default)."""
        line, column = (text or self.text).position(index)
        raise InterchangeError(message, line, column)

    def plain(self, text, own_format=False):
        """Return a piece of text as plain text, removing HTML when the format is HTML."""
        value, form = str(text.strip()), self.format
        match = _FORMAT.match(value) if own_format else None
        if match:  # Moodle lets an answer or feedback name its own format
            value, form = value[match.end():].strip(), match.group(1)
        if form == "html":
            stripped = html.unescape(_TAG.sub("", value.replace("<br>", "\n")))
            if stripped != value:
                self.notes.append("HTML formatting removed: the text is kept as plain text")
            value = stripped.strip()
        return value

    def read(self):
        """Return the question dict, or raise _Skip or InterchangeError."""
        text, title = self.text, None
        if text.startswith("::"):
            end = text.find("::", 2)
            if end < 0:
                # Moodle reads on without a title.
                self.notes.append("the title has no closing ::, so the text is read "
                                  "without a title")
                text = text[2:]
            else:
                title = str(text[2:end].strip())
                text = text[end + 2:].strip()
        match = _FORMAT.match(text.chars)
        if match:
            self.format = match.group(1)
            text = text[match.end():]
            if self.format == "markdown":
                self.notes.append("Markdown is kept as plain text, not rendered")
        opening, closing = text.find("{"), text.find("}")
        if opening < 0 and closing < 0:
            kind, explanation, fields, prompt = "description", "", {}, self.plain(text)
        else:
            if closing < 0:
                self.fail("the answers starting here have no closing }", text, opening)
            if opening < 0 or closing < opening:
                self.fail("unbalanced braces: this } closes no {", text, closing)
            after = text[closing + 1:]
            if after.find("{") >= 0 or after.find("}") >= 0:
                self.notes.append("only the first { } block is read as answers: "
                                  "the braces after it are kept as text")
            if len(after.strip()):  # a missing word: Moodle puts a blank where it was
                blank = _Text(BLANK, [True] * len(BLANK),
                              [text.position(opening)] * len(BLANK))
                prompt = self.plain(text[:opening] + blank + after)
            else:
                prompt = self.plain(text[:opening])
            kind, explanation, fields = self.answers(text[opening + 1:closing])
        if not prompt.strip():
            self.fail("the question has no text")
        qid = self.reader.ids.make(title or " ".join(prompt.split()[:_WORDS_IN_ID]))
        for message in dict.fromkeys(self.notes):
            self.reader.note(self.line, message, qid)
        return question(kind, prompt, qid, explanation=explanation, **fields)

    def answers(self, block):
        """Return (kind, explanation, fields) from the text between the braces."""
        explanation = ""
        general = block.rfind("####")
        if general >= 0:
            explanation = self.plain(block[general + 4:], own_format=True)
            block = block[:general]
        block = block.strip()
        if not len(block):
            return "essay", explanation, {}
        if block.startswith("#"):
            return ("numeric", explanation, self.numeric(block[1:]))
        if block.find("~") >= 0:
            kind, fields = self.choices(block)
            return kind, explanation, fields
        if block.find("=") >= 0 and block.find("->") >= 0:
            return "matching", explanation, self.matching(block)
        head = block[:block.find("#")] if block.find("#") > 0 else block
        verdict = str(head.strip())
        if verdict in ("T", "TRUE", "F", "FALSE"):  # Moodle: capitals only
            if str(block[len(head):]).strip("#" + _PHP_SPACE):
                self.notes.append("per-answer feedback is not kept")
            return "true_false", explanation, {"answer": verdict.startswith("T")}
        return "short_answer", explanation, self.short(block)

    def answer(self, part, default, weighted=True):
        """Return (weight, text, had_feedback) of one answer after its = or ~ marker."""
        weight, part = default, part.strip()
        match = _WEIGHT.match(part.chars) if weighted else None
        if match and not any(part.escaped[:match.end()]):
            weight = float(match.group(1))
            if not -100 <= weight <= 100:
                self.fail("a weight must be between -100% and 100%", part, 0)
            part = part[match.end():]
        feedback, said = part.find("#"), False
        if feedback >= 0:
            # Moodle's own export writes a bare # after answers that have no feedback.
            said = bool(str(part[feedback:]).strip("#" + _PHP_SPACE))
            part = part[:feedback]
        return weight, self.plain(part, own_format=True), said

    def marked(self, block):
        """Split a choice block into (marker, weight, text) answers as Moodle does."""
        head, parts = block.split_markers("=~")
        if len(head.strip()):  # Moodle reads text before the first marker as a choice
            parts = [("~", head), *parts]
        found = []
        for marker, part in parts:
            # After =, Moodle reads no weight: the choice is right and its text is as typed.
            weight, text, feedback = self.answer(part, 100.0 if marker == "=" else 0.0,
                                                 weighted=marker == "~")
            if feedback:
                self.notes.append("per-answer feedback is not kept")
            if not text.strip():
                self.fail("an answer is empty", part, 0)
            found.append((marker, weight, text))
        return found

    def choices(self, block):
        """Map a ~ block to single choice or multiple response by Moodle's weights."""
        answers = self.marked(block)
        choices = [text for _, _, text in answers]
        weights = [weight for _, weight, _ in answers]
        if any(marker == "=" for marker, _, _ in answers):
            best = max(range(len(answers)), key=lambda i: (weights[i], -i))
            others = [f"{choices[i]!r} ({_percent(w)})" for i, w in enumerate(weights)
                      if i != best and w != 0]
            if weights[best] != 100 or others:
                self.notes.append(
                    f"weights are not kept: only {choices[best]!r} scores, and 1 mark; "
                    f"Moodle gives {_percent(weights[best])} for it"
                    + (f" and {', '.join(others)}" if others else ""))
            return "single_choice", {"choices": choices, "answer": choices[best]}
        right = [c for c, w in zip(choices, weights, strict=True) if w > 0]
        wrong = [w for w in weights if w <= 0]
        if not right:
            raise _Skip("not imported: no choice has a positive weight, so none is right")
        if len(right) == len(choices):
            raise _Skip("not imported: every choice has a positive weight, and a multiple "
                        "response question needs a wrong choice")
        if len(right) == 1 and max(weights) == 100 and not any(wrong):
            return "single_choice", {"choices": choices, "answer": right[0]}
        gains = [w for w in weights if w > 0]
        if not (all(_close(w, 100 / len(gains)) for w in gains)
                and all(_close(w, -100 / len(wrong)) for w in wrong)):
            self.notes.append(
                "weights differ from the partial credit used here (each right choice "
                f"{_percent(100 / len(gains))}, each wrong one {_percent(-100 / len(wrong))}); "
                f"Moodle's weights were {', '.join(map(_percent, weights))}")
        return "multiple_response", {"choices": choices, "answer": right}

    def matching(self, block):
        """Read =item -> match pairs; an empty item makes its match a distractor."""
        head, parts = block.split_markers("=")
        if len(head.strip()):  # Moodle reads text before the first = as a pair too
            parts = [("=", head), *parts]
        pairs, extra = [], []
        for _, part in parts:
            arrow = part.find("->")
            if arrow < 0:
                self.fail("a matching pair needs -> between the item and its match", part, 0)
            item = self.plain(part[:arrow], own_format=True)
            match = self.plain(part[arrow + 2:], own_format=True)
            if not match.strip():
                self.fail("a matching pair has no match after ->", part, arrow)
            if item.strip():
                pairs.append({"item": item, "match": match})
            else:
                extra.append(match)
        return {"pairs": pairs, **({"extra_matches": extra} if extra else {})}

    def short(self, block):
        """Read short answers: 100% accepted, 0% refused, other weights reported."""
        head, parts = block.split_markers("=")
        if len(head.strip()):
            parts = [("=", head), *parts]
        accepted, refused = [], []
        for _, part in parts:
            weight, text, feedback = self.answer(part, 100.0)
            if feedback:
                self.notes.append("per-answer feedback is not kept")
            if not text.strip():
                self.fail("an answer is empty", part, 0)
            if "*" in text:
                self.notes.append(f"{text!r}: * is a wildcard in Moodle; here it is "
                                  "matched as typed")
            if weight == 100:
                accepted.append(text)
            elif weight <= 0:
                refused.append(text)
                if weight < 0:
                    self.notes.append(f"{text!r} costs {_percent(weight)} in Moodle; "
                                      "here it scores 0")
            else:
                self.notes.append(f"{text!r} earns {_percent(weight)} in Moodle; "
                                  "here it is not accepted")
        if not accepted:
            raise _Skip("not imported: no answer is worth 100%")
        return {"accepted": accepted, **({"refuse": refused} if refused else {})}

    def numeric(self, block):
        """Read numeric answers; the best becomes the answer, the others are reported."""
        wrong = block.find("~")
        if wrong >= 0:  # Moodle: ~ starts the feedback for any other answer
            self.notes.append("the feedback for wrong answers is not kept")
            block = block[:wrong]
        head, parts = block.split_markers("=")
        if len(head.strip()):
            parts = [("=", head), *parts]
        found = []
        for _, part in parts:
            weight, _, feedback = self.answer(part, 100.0)
            if feedback:
                self.notes.append("per-answer feedback is not kept")
            fields = self.number_answer(part)
            if fields is None:
                self.notes.append(f"the answer * (any number, {_percent(weight)}) is not "
                                  "kept: here a numeric answer is one number")
            else:
                found.append((weight, fields))
        if not found:
            raise _Skip("not imported: the question has no numeric answer")
        weight, best = max(found, key=lambda pair: pair[0])
        rest = [f"{_describe(f)} ({_percent(w)})" for w, f in found if f is not best]
        if weight != 100 or rest:
            self.notes.append(
                f"only {_describe(best)} is kept, worth the whole mark; Moodle gives "
                f"{_percent(weight)} for it" + (f" and {', '.join(rest)}" if rest else ""))
        return best

    def number_answer(self, part):
        """Return {answer, tolerance?} from `n`, `n:tolerance` or `low..high`."""
        part = part.strip()
        match = _WEIGHT.match(part.chars)
        if match:
            part = part[match.end():]
        feedback = part.find("#")
        if feedback >= 0:
            part = part[:feedback]
        part = part.strip()
        text = str(part)
        if text == "*":
            return None
        if part.find("..") > 0:
            low, high = (self.number(part, p) for p in text.split("..", 1))
            if low > high:
                self.fail("a range must go from the lower number to the higher", part, 0)
            return {"answer": (low + high) / 2, "tolerance": (high - low) / 2}
        if part.find(":") > 0:
            value, tolerance = (self.number(part, p) for p in text.split(":", 1))
            if tolerance < 0:
                self.fail("a tolerance cannot be negative", part, text.index(":") + 1)
            return {"answer": value, "tolerance": tolerance}
        return {"answer": self.number(part, text)}

    def number(self, part, text):
        """Return the number `text` (a piece of `part`), int when written without a point."""
        text = text.strip()
        if not _NUMBER.fullmatch(text):
            self.fail(f"{text!r} is not a number", part, max(str(part).find(text), 0))
        value = float(text)
        if not math.isfinite(value) or abs(value) > 1e15:
            self.fail(f"{text!r} is too large", part, 0)
        if re.fullmatch(r"[-+]?\d+", text):
            return int(text)
        return value


def _close(a, b):
    # Moodle stores weights with 7 significant digits (33.33333 for a third).
    return abs(a - b) < 0.01


def _percent(weight):
    return f"{weight:g}%"


def _describe(fields):
    tolerance = fields.get("tolerance", 0)
    return f"{fields['answer']:g}" + (f" ± {tolerance:g}" if tolerance else "")


# ---------------------------------------------------------------- writing


def escape(text):
    """Return text with GIFT's special characters escaped and line breaks as \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    out = "".join("\\" + c if c in _ESCAPABLE else c for c in text)
    return out.replace("\n", "\\n")


def _number(value):
    return repr(float(value)) if isinstance(value, float) else str(value)


def _piece(text):
    """Return an answer or feedback escaped, marked [plain] if it starts like a format."""
    return ("[plain]" if _FORMAT.match(text) else "") + escape(text)


def _weighted(marker, weight, text):
    # A text that starts with %n% would be read as a weight: give the weight explicitly.
    if weight is not None or _WEIGHT.match(text):
        default = 100 if marker == "=" else 0
        return f"{marker}%{(weight if weight is not None else default):.7g}%{_piece(text)}"
    return f"{marker}{_piece(text)}"


def _single_choice(item):
    # Moodle reads no weight after = in a choice block, so the right one needs none.
    return " ".join("=" + _piece(c) if c == item["answer"] else _weighted("~", None, c)
                    for c in item["choices"])


def _multiple_response(item):
    right = set(item["answer"])
    gain = 100 / len(right)
    cost = -100 / max(len(item["choices"]) - len(right), 1)
    return " ".join(_weighted("~", gain if c in right else cost, c) for c in item["choices"])


def _short_answer(item):
    return " ".join([_weighted("=", None, a) for a in item["accepted"]]
                    + [_weighted("=", 0, r) for r in item.get("refuse", [])])


def _matching(item):
    return " ".join([f"={_piece(p['item'])} -> {_piece(p['match'])}" for p in item["pairs"]]
                    + [f"= -> {_piece(m)}" for m in item.get("extra_matches", [])])


def _numeric(item):
    value = "#" + _number(item["answer"])
    if "tolerance" in item:
        value += ":" + _number(item["tolerance"])
    return value


# What GIFT writes between the braces, per kind; a kind not listed (essay) has empty braces.
_ANSWER_WRITERS = {
    "single_choice": _single_choice,
    "multiple_response": _multiple_response,
    "true_false": lambda item: "TRUE" if item["answer"] else "FALSE",
    "short_answer": _short_answer,
    "matching": _matching,
    "numeric": _numeric,
}


def _answers(item):
    """Return the text between the braces for one question, or None for none."""
    writer = _ANSWER_WRITERS.get(item["kind"])
    return writer(item) if writer else ""


def _losses(item, losses):
    """Record what GIFT has no place for in this question."""
    qid = item.get("id")

    def lose(message):
        losses.append(Note(message, question=qid))

    if item.get("evidence"):
        lose("evidence is not exported: GIFT has no place for source passages")
    if item.get("difficulty", DEFAULT_DIFFICULTY) != DEFAULT_DIFFICULTY:
        lose(f"difficulty {item['difficulty']} is not exported: GIFT has no difficulty")
    if item.get("unit"):
        lose(f"the unit {item['unit']!r} is not exported: GIFT numbers have no unit")
    if item.get("grader_note"):
        lose("the grader note is not exported: GIFT essays have none")
    if item["kind"] == "description" and item.get("explanation"):
        lose("the explanation is not exported: a GIFT description has no feedback")
    if item["kind"] == "matching":
        for pair in item["pairs"]:
            if "->" in pair["item"]:
                lose(f"the item {pair['item']!r} contains ->, which GIFT reads as the "
                     "arrow to its match")
    if item["kind"] == "short_answer":
        for answer in item["accepted"] + item.get("refuse", []):
            if "->" in answer:
                lose(f"the answer {answer!r} contains ->, which makes GIFT read the "
                     "question as matching")


_WRITTEN = ("single_choice", "multiple_response", "true_false", "short_answer", "matching",
            "numeric", "essay", "description")


def write(questions):
    """Write bank-format questions as GIFT text, reporting what GIFT cannot carry."""
    lines, losses, category = [], [], None
    for item in questions:
        if item["kind"] not in _WRITTEN:
            losses.append(Note(f"not exported: GIFT has no {item['kind']} questions",
                               question=item.get("id")))
            continue
        _losses(item, losses)
        tag = (item.get("tags") or [DEFAULT_TAG])[0]
        if tag != category:
            lines += [f"$CATEGORY: $course$/top/{tag}", ""]
            category = tag
        prompt = escape(item["prompt"])
        if _FORMAT.match(prompt):
            prompt = "[plain]" + prompt
        # The first tag is the category; Moodle 3.11+ reads the others from a comment.
        others = "".join(f" [tag:{t}]" for t in (item.get("tags") or [])[1:])
        text = (f"//{others}\n" if others else "") + f"::{escape(item['id'])}::{prompt}"
        if item["kind"] != "description":
            block = _answers(item)
            if item.get("explanation"):
                block += " ####" + _piece(item["explanation"])
            text += " {" + block + "}"
        lines += [text, ""]
    return ExportResult("\n".join(lines), losses)
