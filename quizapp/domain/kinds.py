"""Question kinds: one class each, found by name in a registry.

A kind knows how to check a definition, lay a question out for one learner, read that
learner's answer from a submitted form and score it. Scores are fractions in [0, 1];
the rules are documented on each class and in questions/README.md.
"""

import math
import re
from decimal import Decimal
from typing import ClassVar

from quizapp.domain import editing, textmatch
from quizapp.domain.editing import Edited

KINDS = {}
# Limits on what a definition lists, so every option fits a phone screen and a select.
MAX_TEXT = 300
MAX_ENTRIES = 20


class AnswerError(ValueError):
    """A submitted answer the learner must correct; its message is shown to them."""


class FieldError(str):
    """A problem with a definition: its message, and the field (and entry) it is about.

    It is a message first, so bank file reports show it as text; an editor form reads
    `field` and `index` (0-based, None for the whole field) to show it beside its input.
    """

    def __new__(cls, field, message, index=None):
        """Return the message, labelled with its field and entry."""
        error = super().__new__(cls, message)
        error.field = field
        error.index = index
        return error


def register(cls):
    """Add a kind class to the registry under its name."""
    KINDS[cls.name] = cls()
    return cls


def get_kind(name):
    """Return the kind registered under `name`."""
    return KINDS[name]


def _is_text_list(value, min_len):
    return (
        isinstance(value, list)
        and len(value) >= min_len
        and all(isinstance(v, str) and v.strip() for v in value)
    )


def _repeat_at(values):
    """Return the index of the first value that repeats an earlier one, folded, or None."""
    seen = set()
    for index, value in enumerate(values):
        folded = textmatch.normalise(value)
        if folded in seen:
            return index
        seen.add(folded)
    return None


def _check_texts(field, values, least, wrong, noun, max_length=MAX_TEXT):
    """Return the problems with a list of texts: its shape, then each entry."""
    if not isinstance(values, list) or len(values) < least:
        return [FieldError(field, wrong)]
    if len(values) > MAX_ENTRIES:
        return [FieldError(field, f"{field} may list at most {MAX_ENTRIES} entries")]
    problems = []
    for index, value in enumerate(values):
        if not isinstance(value, str):
            problems.append(FieldError(field, f"{noun} {index + 1} must be text", index))
        elif not value.strip():
            problems.append(FieldError(field, f"{noun} {index + 1} is empty", index))
        elif len(value) > max_length:
            problems.append(FieldError(
                field, f"{noun} {index + 1} is longer than {max_length} characters", index))
    return problems


def _check_repeats(field, values, noun):
    """Return a problem naming the first value that repeats another, ignoring case."""
    index = _repeat_at(values)
    if index is None:
        return []
    return [FieldError(field, f"{noun} {values[index]!r} appears twice", index)]


class QuestionKind:
    """Base class: the shared parts of every kind."""

    name: ClassVar[str]
    label: ClassVar[str]
    fields: ClassVar[tuple[str, ...]]
    # The marks the question counts for in an attempt's maximum (0: shown, never scored).
    marks: ClassVar[int] = 1
    # Whether the learner gives an answer at all (a description asks for none).
    takes_answer: ClassVar[bool] = True
    # Whether a teacher marks the answer: score() then returns None for an answer given.
    marked_by_teacher: ClassVar[bool] = False

    def template(self, role):
        """Return the name of this kind's template for `role` ("input", "answer", "editor")."""
        # Found by name, so adding a kind never means editing a shared template.
        return f"kinds/{self.name}/{role}.html"

    def check(self, data):
        """Return the problems with a definition as FieldErrors (empty when it is sound).

        The one validation of a kind, whether the definition comes from a bank file or
        from a form.
        """
        raise NotImplementedError

    def layout(self, data, rng, shuffle):
        """Return what one learner is shown: the order of choices or items."""
        return {}

    def read(self, data, layout, form):
        """Return the answer in `form` (a mapping of name to list of values), or None."""
        raise NotImplementedError

    def score(self, data, answer):
        """Return the fraction of the mark `answer` earns, from 0 to 1 (None: not scored)."""
        raise NotImplementedError

    def key(self, data):
        """Return the answer that scores 1."""
        raise NotImplementedError

    def named_answers(self, data):
        """Return the answers that are names a reader could spot in a text (none by default)."""
        return []

    def describe(self, data, answer):
        """Return an answer as lines of text a person can read."""
        if answer is None:
            return []
        return [str(answer)]

    def public(self, data):
        """Return (choices, answer) as the bank dump shows them."""
        return None, self.key(data)

    def refused(self, data):
        """Return the typed answers listed as wrong, or None for kinds nobody types."""
        return None

    def tally(self, data, answer):
        """Return what an answer counts as in item analysis: (key, label) pairs.

        Answers with the same key are counted together and shown by the first label seen.
        By default the whole answer is one entry; kinds override this to count each chosen
        option apart, or typed answers that read the same together.
        """
        if answer is None:
            return []
        label = " / ".join(self.describe(data, answer))
        return [(label, label)]

    def accept(self, data, answer):
        """Return the definition with `answer` accepted as right, or None when it cannot be."""
        return None

    def editor_values(self, data):
        """Return a definition as its editor form shows it: {name: [values]}.

        The names are those the kind's editor template posts; read_editor reads them back.
        """
        raise NotImplementedError

    def read_editor(self, form):
        """Return the definition an editor form (name to list of values) describes, as Edited.

        Only what a form can get wrong and a definition cannot say (a number that is not
        one, no right answer marked) is reported here; `check` judges the definition.
        """
        raise NotImplementedError


def _first(form, name):
    values = form.get(name) or []
    return values[0].strip() if values else ""


def _chosen(form, name):
    # An option comes back exactly as offered, so it is compared unstripped.
    value = (form.get(name) or [""])[0]
    return value if value.strip() else ""


class _ChoiceKind(QuestionKind):
    """Shared by single choice and multiple response."""

    fields = ("choices", "answer")

    def _check_choices(self, data):
        choices = data.get("choices")
        problems = _check_texts("choices", choices, 2,
                                "choices must be a list of at least two non-empty texts",
                                "choice")
        return problems or _check_repeats("choices", choices, "choice")

    def layout(self, data, rng, shuffle):
        """Return the choices in the order this learner sees them."""
        choices = list(data["choices"])
        if shuffle:
            rng.shuffle(choices)
        return {"choices": choices}

    def public(self, data):
        """Return the choices and the key as the dump shows them."""
        return list(data["choices"]), self.key(data)

    def editor_values(self, data):
        """Show one row per choice, the right ones marked by their row number."""
        right = self._right(data)
        return {"choice": list(data["choices"]),
                "right": [str(i) for i, choice in enumerate(data["choices"]) if choice in right]}

    def read_editor(self, form):
        """Read the choice rows and the rows marked right."""
        rows = editing.kept_rows(form, "choice")
        choices = [cells[0] for _row, cells in rows]
        right = [choices[i] for i in editing.marked(form, "right", rows)]
        edited = Edited({"choices": choices}, {"choices": [row for row, _cells in rows]})
        if not right:
            edited.problems.append(FieldError("answer", self.unmarked))
        edited.data["answer"] = self._answer(right)
        return edited


@register
class SingleChoice(_ChoiceKind):
    """One right choice among several. Scores 1 for it, 0 otherwise."""

    name = "single_choice"
    label = "Single choice"
    unmarked = "Mark the right choice."

    def check(self, data):
        """Check the choices and that the answer is one of them."""
        problems = self._check_choices(data)
        if not problems and data.get("answer") not in data["choices"]:
            problems.append(FieldError(
                "answer", f"answer {data.get('answer')!r} is not one of the choices"))
        return problems

    def read(self, data, layout, form):
        """Return the chosen text."""
        chosen = _chosen(form, "answer")
        if not chosen:
            return None
        if chosen not in data["choices"]:
            raise AnswerError("Choose one of the options shown.")
        return chosen

    def score(self, data, answer):
        """Score 1 for the right choice."""
        return 1.0 if answer == data["answer"] else 0.0

    def key(self, data):
        """Return the right choice."""
        return data["answer"]

    def named_answers(self, data):
        """Return the right choice."""
        return [data["answer"]]

    def _right(self, data):
        return [data["answer"]]

    def _answer(self, right):
        return right[0] if right else None


@register
class MultipleResponse(_ChoiceKind):
    """Select all that apply, with partial credit.

    Each right choice selected earns 1/R (R right choices), each wrong choice selected
    costs 1/W (W wrong choices); the total never goes below 0. The order in which the
    boxes were ticked never matters.
    """

    name = "multiple_response"
    label = "Multiple response"
    unmarked = "Tick the choices that are right."

    def check(self, data):
        """Check the choices and that the answers are some, not all, of them."""
        problems = self._check_choices(data)
        if problems:
            return problems
        answer = data.get("answer")
        if not _is_text_list(answer, 1):
            return [FieldError("answer", "answer must be a list of the right choices")]
        problems += [FieldError("answer", f"answer {a!r} is not one of the choices", index)
                     for index, a in enumerate(answer) if a not in data["choices"]]
        if len(set(answer)) != len(answer):
            problems.append(FieldError("answer", "answer lists a choice twice"))
        if set(answer) >= set(data["choices"]):
            problems.append(FieldError("answer", "every choice is right: add a wrong one"))
        return problems

    def read(self, data, layout, form):
        """Return the ticked choices in the order the definition lists them."""
        ticked = {v for v in form.get("answer") or [] if v}
        if not ticked:
            return None
        if not ticked <= set(data["choices"]):
            raise AnswerError("Choose among the options shown.")
        return [c for c in data["choices"] if c in ticked]

    def score(self, data, answer):
        """Add 1/R per right choice ticked, take 1/W per wrong one, never below 0."""
        if not answer:
            return 0.0
        right = set(data["answer"])
        wrong = set(data["choices"]) - right
        ticked = set(answer)
        gained = len(ticked & right) / len(right)
        lost = len(ticked & wrong) / len(wrong) if wrong else 0.0
        return max(0.0, min(1.0, gained - lost))

    def key(self, data):
        """Return the right choices."""
        return list(data["answer"])

    def describe(self, data, answer):
        """List the ticked choices."""
        return list(answer or [])

    def tally(self, data, answer):
        """Count each ticked choice apart, so every wrong choice shows how often it drew."""
        return [(choice, choice) for choice in answer or []]

    def _right(self, data):
        return list(data["answer"])

    def _answer(self, right):
        return right


@register
class TrueFalse(QuestionKind):
    """A statement that is true or false. Scores 1 when the learner's verdict is right."""

    name = "true_false"
    label = "True or false"
    fields = ("answer",)

    def check(self, data):
        """Check the answer is true or false."""
        if not isinstance(data.get("answer"), bool):
            return [FieldError("answer", "answer must be true or false")]
        return []

    def read(self, data, layout, form):
        """Return True or False."""
        value = _first(form, "answer")
        if not value:
            return None
        if value not in ("true", "false"):
            raise AnswerError("Choose True or False.")
        return value == "true"

    def score(self, data, answer):
        """Score 1 for the right verdict."""
        return 1.0 if answer is data["answer"] else 0.0

    def key(self, data):
        """Return the right verdict."""
        return data["answer"]

    def describe(self, data, answer):
        """Say True or False."""
        return [] if answer is None else ["True" if answer else "False"]

    def public(self, data):
        """Show the two verdicts as the choices."""
        return [True, False], data["answer"]

    def editor_values(self, data):
        """Show the verdict as the radio button's value."""
        return {"answer": ["true" if data["answer"] else "false"]}

    def read_editor(self, form):
        """Read the chosen verdict; none chosen leaves it missing for `check` to say."""
        return Edited({"answer": {"true": True, "false": False}.get(editing.first(form, "answer"))})


@register
class Matching(QuestionKind):
    """Match each item (a quote, say) to its partner (its speaker).

    Each item matched rightly earns 1/N of the mark (N items); items left unmatched or
    matched wrongly earn nothing. Extra partners that match no item may be listed as
    distractors, and one partner may serve several items.
    """

    name = "matching"
    label = "Matching"
    fields = ("pairs", "extra_matches")

    def check(self, data):
        """Check there are at least two pairs and no item repeats."""
        pairs = data.get("pairs")
        if not isinstance(pairs, list) or len(pairs) < 2:
            return [FieldError("pairs", "pairs must list at least two {item, match} pairs")]
        if len(pairs) > MAX_ENTRIES:
            return [FieldError("pairs", f"pairs may list at most {MAX_ENTRIES} entries")]
        problems = [self._check_pair(index, pair) for index, pair in enumerate(pairs)]
        problems = [p for p in problems if p is not None]
        if problems:
            return problems
        problems += _check_repeats("pairs", [p["item"] for p in pairs], "item")
        extra = data.get("extra_matches", [])
        extra_problems = _check_texts("extra_matches", extra, 0,
                                      "extra_matches must be a list of texts", "extra match")
        if extra_problems:
            return problems + extra_problems
        matches = list(dict.fromkeys(p["match"] for p in pairs))
        # Partners that differ only in case or punctuation would look alike in the list.
        at = _repeat_at(matches + extra)
        if at is not None and at < len(matches):
            index = next(i for i, p in enumerate(pairs) if p["match"] == matches[at])
            problems.append(FieldError("pairs", f"match {matches[at]!r} is written two ways",
                                       index))
        elif at is not None:
            problems.append(FieldError("extra_matches",
                                       "an extra match repeats one of the matches",
                                       at - len(matches)))
        return problems

    def _check_pair(self, index, pair):
        """Return the problem with one {item, match} pair, or None."""
        if not (isinstance(pair, dict) and set(pair) == {"item", "match"}
                and all(isinstance(v, str) and v.strip() for v in pair.values())):
            return FieldError("pairs", f"pair {index + 1} must have exactly a non-empty item "
                              "and match", index)
        if max(len(pair["item"]), len(pair["match"])) > MAX_TEXT:
            return FieldError("pairs", f"pair {index + 1} is longer than {MAX_TEXT} characters",
                              index)
        return None

    def _options(self, data):
        matches = list(dict.fromkeys(p["match"] for p in data["pairs"]))
        return matches + list(data.get("extra_matches", []))

    def layout(self, data, rng, shuffle):
        """Return the items in this learner's order and the partners alphabetically."""
        items = [p["item"] for p in data["pairs"]]
        if shuffle:
            rng.shuffle(items)
        return {"items": items, "options": sorted(self._options(data), key=str.casefold)}

    def read(self, data, layout, form):
        """Return {item: chosen partner} for the items given a partner."""
        options = set(self._options(data))
        answer = {}
        for index, item in enumerate(layout["items"]):
            chosen = _chosen(form, f"match-{index}")
            if not chosen:
                continue
            if chosen not in options:
                raise AnswerError("Choose a match from the list for each item.")
            answer[item] = chosen
        return answer or None

    def score(self, data, answer):
        """Earn 1/N per item matched rightly."""
        if not answer:
            return 0.0
        right = sum(1 for p in data["pairs"] if answer.get(p["item"]) == p["match"])
        return right / len(data["pairs"])

    def key(self, data):
        """Return every item with its partner."""
        return {p["item"]: p["match"] for p in data["pairs"]}

    def describe(self, data, answer):
        """List each item with the partner given to it."""
        answer = answer or {}
        return [f"{p['item']} → {answer.get(p['item'], '(no match)')}" for p in data["pairs"]]

    def public(self, data):
        """Show the partners (matches and distractors) as the choices."""
        return sorted(self._options(data), key=str.casefold), self.key(data)

    def editor_values(self, data):
        """Show one row per pair (item and match) and one per extra match."""
        return {"item": [p["item"] for p in data["pairs"]],
                "match": [p["match"] for p in data["pairs"]],
                "extra": list(data.get("extra_matches", []))}

    def read_editor(self, form):
        """Read the pair rows (a half left empty stays empty, for `check` to point at)."""
        rows = editing.kept_rows(form, "item", "match")
        extra, extra_rows = editing.text_list(form, "extra")
        data = {"pairs": [{"item": item, "match": match} for _row, (item, match) in rows]}
        if extra:
            data["extra_matches"] = extra
        return Edited(data, {"pairs": [row for row, _cells in rows],
                             "extra_matches": extra_rows})


@register
class ShortAnswer(QuestionKind):
    """A typed answer, compared forgivingly with the accepted ones and the refused ones.

    Case, punctuation, accents, spacing, leading articles and titles, number words and
    the order of a list never matter; small typos are forgiven per word, never in short
    words, acronyms or digits, and never towards a refused answer (textmatch.judge has
    the rule). Scores 1 or 0.
    """

    name = "short_answer"
    label = "Short answer"
    fields = ("accepted", "refuse")
    max_length = 200

    def check(self, data):
        """Check the accepted and refused answers: some accepted, none twice or both."""
        accepted, refused = data.get("accepted"), data.get("refuse", [])
        # An answer longer than a learner may type could never be matched.
        problems = _check_texts("accepted", accepted, 1,
                                "accepted must be a list of at least one accepted answer",
                                "accepted answer", self.max_length)
        problems += _check_texts("refuse", refused, 0,
                                 "refuse must be a list of answers to mark wrong",
                                 "refused answer", self.max_length)
        if problems:
            return problems
        for field, noun, answers in (("accepted", "accepted answer", accepted),
                                     ("refuse", "refused answer", refused)):
            # An answer that folds to nothing (only punctuation) could never be matched.
            blank = [i for i, a in enumerate(answers) if not textmatch.normalise(a)]
            if blank:
                return [FieldError(field, f"{noun} {answers[blank[0]]!r} has no letters or "
                                   "digits", blank[0])]
            problems += _check_repeats(field, answers, noun)
        if problems:
            return problems
        return [FieldError("refuse", f"refused answer {r!r} is the accepted answer {a!r}", i)
                for i, r in enumerate(refused) for a in accepted if textmatch.same(r, a)]

    def read(self, data, layout, form):
        """Return the typed text."""
        typed = " ".join(_first(form, "answer").split())
        if len(typed) > self.max_length:
            raise AnswerError("That answer is too long: keep it under 200 characters.")
        return typed or None

    def score(self, data, answer):
        """Score 1 when the text matches an accepted answer."""
        if not answer:
            return 0.0
        return 1.0 if textmatch.judge(answer, data["accepted"], data.get("refuse", ())) else 0.0

    def key(self, data):
        """Return the first accepted answer."""
        return data["accepted"][0]

    def named_answers(self, data):
        """Return every accepted answer."""
        return list(data["accepted"])

    def public(self, data):
        """Show every accepted answer."""
        return None, list(data["accepted"])

    def refused(self, data):
        """Return the answers listed as wrong."""
        return list(data.get("refuse", []))

    def tally(self, data, answer):
        """Count typed answers that differ only in case, accents or punctuation together."""
        if not answer:
            return []
        return [(textmatch.normalise(answer) or answer, answer)]

    def accept(self, data, answer):
        """Add `answer` to the accepted answers (and drop it from the refused ones)."""
        if not answer or not textmatch.normalise(answer) or self.score(data, answer) >= 1:
            return None
        refused = [r for r in data.get("refuse", []) if not textmatch.same(r, answer)]
        accepted = {**data, "accepted": [*data["accepted"], answer], "refuse": refused}
        if not refused:
            accepted.pop("refuse")
        if self.check(accepted) or self.score(accepted, answer) < 1:
            return None
        return accepted

    def editor_values(self, data):
        """Show one row per accepted answer and one per refused answer."""
        return {"accepted": list(data["accepted"]), "refuse": list(data.get("refuse", []))}

    def read_editor(self, form):
        """Read the accepted and refused rows."""
        accepted, accepted_rows = editing.text_list(form, "accepted")
        refused, refused_rows = editing.text_list(form, "refuse")
        data = {"accepted": accepted}
        if refused:
            data["refuse"] = refused
        return Edited(data, {"accepted": accepted_rows, "refuse": refused_rows})


@register
class Ordering(QuestionKind):
    """Put items (events, say) in order.

    The mark is the share of item pairs placed in the right relative order: all right
    scores 1, exactly reversed scores 0, one neighbouring swap among four items 5/6.
    """

    name = "ordering"
    label = "Ordering"
    fields = ("items",)

    def check(self, data):
        """Check there are at least three distinct items."""
        items = data.get("items")
        problems = _check_texts("items", items, 3,
                                "items must list at least three texts, in the right order", "item")
        return problems or _check_repeats("items", items, "item")

    def layout(self, data, rng, shuffle):
        """Return the items shuffled, never already in the right order."""
        items = list(data["items"])
        while items == data["items"]:
            rng.shuffle(items)
        return {"items": items}

    def read(self, data, layout, form):
        """Return the items sorted by the positions the learner gave them."""
        count = len(layout["items"])
        given = [_first(form, f"position-{i}") for i in range(count)]
        if not any(given):
            return None
        allowed = {str(n) for n in range(1, count + 1)}
        if set(given) != allowed:
            raise AnswerError(f"Give each item a different position from 1 to {count}.")
        order = sorted(range(count), key=lambda i: int(given[i]))
        return [layout["items"][i] for i in order]

    def score(self, data, answer):
        """Return the share of pairs in the right relative order."""
        if not answer or sorted(answer) != sorted(data["items"]):
            return 0.0
        rank = {item: i for i, item in enumerate(answer)}
        items = data["items"]
        pairs = [(a, b) for i, a in enumerate(items) for b in items[i + 1:]]
        return sum(1 for a, b in pairs if rank[a] < rank[b]) / len(pairs)

    def key(self, data):
        """Return the items in the right order."""
        return list(data["items"])

    def describe(self, data, answer):
        """List the items as placed, numbered."""
        return [f"{i}. {item}" for i, item in enumerate(answer or [], 1)]

    def public(self, data):
        """Show the items alphabetically as the choices, the right order as the answer."""
        return sorted(data["items"], key=str.casefold), self.key(data)

    def editor_values(self, data):
        """Show one row per item, in the right order."""
        return {"item": list(data["items"])}

    def read_editor(self, form):
        """Read the item rows in the order written."""
        items, rows = editing.text_list(form, "item")
        return Edited({"items": items}, {"items": rows})


def _is_finite_number(value):
    # YAML reads .nan and .inf as floats, and no typed answer ever equals them.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return isinstance(value, int) or math.isfinite(value)


_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)$")


def parse_number(text):
    """Return the number in `text`, allowing thousands separators and a currency sign."""
    cleaned = text.strip().lstrip("$€£").replace(",", "").replace("\u202f", "").replace(" ", "")
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if not _NUMBER.match(cleaned):
        raise AnswerError("Type a number, such as 42 or 3.5.")
    return float(cleaned)


@register
class Numeric(QuestionKind):
    """A number, right when within the tolerance of the answer. Scores 1 or 0."""

    name = "numeric"
    label = "Numeric"
    fields = ("answer", "tolerance", "unit")
    max_unit_length = 40

    def check(self, data):
        """Check the answer is a number and the tolerance is not negative."""
        problems = []
        answer, tolerance = data.get("answer"), data.get("tolerance", 0)
        unit = data.get("unit", "")
        if not _is_finite_number(answer):
            problems.append(FieldError("answer", "answer must be a number"))
        if not _is_finite_number(tolerance) or tolerance < 0:
            problems.append(FieldError("tolerance", "tolerance must be a number of 0 or more"))
        if not isinstance(unit, str):
            problems.append(FieldError("unit", "unit must be text"))
        elif len(unit) > self.max_unit_length:
            problems.append(FieldError(
                "unit", f"unit is longer than {self.max_unit_length} characters"))
        return problems

    def read(self, data, layout, form):
        """Return the typed number."""
        typed = _first(form, "answer")
        if not typed:
            return None
        value = parse_number(typed)
        if not math.isfinite(value):
            raise AnswerError("Type a number, such as 42 or 3.5.")
        return value

    def score(self, data, answer):
        """Score 1 within the tolerance."""
        if answer is None:
            return 0.0
        tolerance = data.get("tolerance", 0)
        return 1.0 if abs(answer - data["answer"]) <= tolerance + 1e-9 else 0.0

    def key(self, data):
        """Return the answer."""
        return data["answer"]

    def describe(self, data, answer):
        """Show the number with its unit."""
        if answer is None:
            return []
        number = f"{answer:,.10g}" if abs(answer) < 1e15 else f"{answer:g}"
        unit = data.get("unit", "")
        return [f"{number} {unit}".strip()]

    def public(self, data):
        """Show the answer with its tolerance and unit."""
        return None, {"value": data["answer"], "tolerance": data.get("tolerance", 0),
                      "unit": data.get("unit", "")}

    def editor_values(self, data):
        """Show the answer, tolerance and unit as typed; what was left out stays empty."""
        return {name: [written_number(data[name]) if name != "unit" else data[name]]
                for name in self.fields if name in data}

    def read_editor(self, form):
        """Read the answer and tolerance as numbers (an empty tolerance is left out)."""
        edited = Edited({})
        for name in ("answer", "tolerance"):
            text = editing.first(form, name)
            if not text and name == "tolerance":
                continue
            try:
                edited.data[name] = _typed_number(text)
            except AnswerError:
                edited.problems.append(FieldError(
                    name, f"Type the {name} as a number, such as 42 or 3.5."))
        unit = editing.first(form, "unit")
        if unit:
            edited.data["unit"] = unit
        return edited


def written_number(value):
    """Return a number as a teacher would type it: 12, 0.00001, never 1e-05."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return format(Decimal(repr(value)), "f") if isinstance(value, float) else str(value)


def _typed_number(text):
    """Return the number a teacher typed; whole numbers stay whole, as the bank files hold them."""
    value = parse_number(text)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


@register
class Essay(QuestionKind):
    """A free-text answer a teacher marks by hand.

    Nothing scores it automatically: an answered essay's score stays None (the attempt's
    score is provisional) until a teacher gives it a fraction of its mark; an unanswered
    one scores 0. `grader_note` guides the teacher and is never shown to learners.
    """

    name = "essay"
    label = "Essay"
    fields = ("grader_note",)
    marked_by_teacher = True
    max_length = 10000
    max_note_length = 1000  # the bank's limit on any text inside a kind's fields

    def check(self, data):
        """Check the grader note is text of a sensible length."""
        note = data.get("grader_note", "")
        if not isinstance(note, str):
            return [FieldError("grader_note", "grader_note must be text")]
        if len(note) > self.max_note_length:
            return [FieldError("grader_note",
                               f"grader_note is longer than {self.max_note_length} characters")]
        return []

    def read(self, data, layout, form):
        """Return the typed text, line breaks kept, within the length allowed."""
        values = form.get("answer") or [""]
        text = values[0].replace("\r\n", "\n").replace("\r", "\n").strip()
        if len(text) > self.max_length:
            raise AnswerError(f"That answer is too long: keep it under {self.max_length:,} "
                              "characters.")
        return text or None

    def score(self, data, answer):
        """Score an unanswered essay 0; leave an answered one to the teacher (None)."""
        return 0.0 if not answer else None

    def key(self, data):
        """Return nothing: an essay has no key a learner is shown."""
        return None

    def describe(self, data, answer):
        """Return the essay as its paragraphs."""
        return [line for line in (answer or "").split("\n") if line.strip()]

    def public(self, data):
        """Show the grader note as the answer, for teachers."""
        return None, {"grader_note": data.get("grader_note", "")}

    def editor_values(self, data):
        """Show the grader note."""
        return {"grader_note": [data.get("grader_note", "")]}

    def read_editor(self, form):
        """Read the grader note (left out when empty)."""
        note = editing.first(form, "grader_note")
        return Edited({"grader_note": note} if note else {})


@register
class Description(QuestionKind):
    """Text shown to the learner between questions: no answer, no mark, not counted."""

    name = "description"
    label = "Description"
    fields = ()
    marks = 0
    takes_answer = False

    def check(self, data):
        """Accept any description: its text is the prompt."""
        return []

    def read(self, data, layout, form):
        """Return None: there is nothing to answer."""
        return None

    def score(self, data, answer):
        """Return None: a description is never scored."""
        return None

    def key(self, data):
        """Return nothing: there is no answer."""
        return None

    def describe(self, data, answer):
        """Return nothing to show as an answer."""
        return []

    def editor_values(self, data):
        """Show nothing: a description is only its text."""
        return {}

    def read_editor(self, form):
        """Read nothing: the prompt holds the whole description."""
        return Edited({})
