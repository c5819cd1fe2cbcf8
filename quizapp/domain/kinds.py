"""Question kinds: one class each, found by name in a registry.

A kind knows how to check a definition, lay a question out for one learner, read that
learner's answer from a submitted form and score it. Scores are fractions in [0, 1];
the rules are documented on each class and in questions/README.md.
"""

import math
import re
from typing import ClassVar

from quizapp.domain import textmatch

KINDS = {}


class AnswerError(ValueError):
    """A submitted answer the learner must correct; its message is shown to them."""


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


def _repeats(values):
    seen = set()
    for value in values:
        folded = textmatch.normalise(value)
        if folded in seen:
            return value
        seen.add(folded)
    return None


class QuestionKind:
    """Base class: the shared parts of every kind."""

    name: ClassVar[str]
    label: ClassVar[str]
    fields: ClassVar[tuple[str, ...]]

    def check(self, data):
        """Return the problems with a definition, as messages (empty when it is sound)."""
        raise NotImplementedError

    def layout(self, data, rng, shuffle):
        """Return what one learner is shown: the order of choices or items."""
        return {}

    def read(self, data, layout, form):
        """Return the answer in `form` (a mapping of name to list of values), or None."""
        raise NotImplementedError

    def score(self, data, answer):
        """Return the fraction of the mark `answer` earns, from 0 to 1."""
        raise NotImplementedError

    def key(self, data):
        """Return the answer that scores 1."""
        raise NotImplementedError

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
        if not _is_text_list(choices, 2):
            return ["choices must be a list of at least two non-empty texts"]
        repeated = _repeats(choices)
        if repeated is not None:
            return [f"choice {repeated!r} appears twice"]
        return []

    def layout(self, data, rng, shuffle):
        """Return the choices in the order this learner sees them."""
        choices = list(data["choices"])
        if shuffle:
            rng.shuffle(choices)
        return {"choices": choices}

    def public(self, data):
        """Return the choices and the key as the dump shows them."""
        return list(data["choices"]), self.key(data)


@register
class SingleChoice(_ChoiceKind):
    """One right choice among several. Scores 1 for it, 0 otherwise."""

    name = "single_choice"
    label = "Single choice"

    def check(self, data):
        """Check the choices and that the answer is one of them."""
        problems = self._check_choices(data)
        if not problems and data.get("answer") not in data["choices"]:
            problems.append(f"answer {data.get('answer')!r} is not one of the choices")
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


@register
class MultipleResponse(_ChoiceKind):
    """Select all that apply, with partial credit.

    Each right choice selected earns 1/R (R right choices), each wrong choice selected
    costs 1/W (W wrong choices); the total never goes below 0. The order in which the
    boxes were ticked never matters.
    """

    name = "multiple_response"
    label = "Multiple response"

    def check(self, data):
        """Check the choices and that the answers are some, not all, of them."""
        problems = self._check_choices(data)
        if problems:
            return problems
        answer = data.get("answer")
        if not _is_text_list(answer, 1):
            return ["answer must be a list of the right choices"]
        problems += [f"answer {a!r} is not one of the choices" for a in answer
                     if a not in data["choices"]]
        if len(set(answer)) != len(answer):
            problems.append("answer lists a choice twice")
        if set(answer) >= set(data["choices"]):
            problems.append("every choice is right: add a wrong one")
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


@register
class TrueFalse(QuestionKind):
    """A statement that is true or false. Scores 1 when the learner's verdict is right."""

    name = "true_false"
    label = "True or false"
    fields = ("answer",)

    def check(self, data):
        """Check the answer is true or false."""
        if not isinstance(data.get("answer"), bool):
            return ["answer must be true or false"]
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
            return ["pairs must list at least two {item, match} pairs"]
        problems = []
        for index, pair in enumerate(pairs, 1):
            if not (isinstance(pair, dict) and set(pair) == {"item", "match"}
                    and all(isinstance(v, str) and v.strip() for v in pair.values())):
                problems.append(f"pair {index} must have exactly a non-empty item and match")
        if problems:
            return problems
        repeated = _repeats([p["item"] for p in pairs])
        if repeated is not None:
            problems.append(f"item {repeated!r} appears twice")
        extra = data.get("extra_matches", [])
        if not _is_text_list(extra, 0):
            problems.append("extra_matches must be a list of texts")
        elif _repeats(self._options(data)) is not None:
            problems.append("an extra match repeats one of the matches")
        return problems

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
        if not _is_text_list(accepted, 1):
            return ["accepted must be a list of at least one accepted answer"]
        if not _is_text_list(refused, 0):
            return ["refuse must be a list of answers to mark wrong"]
        for label, answers in (("accepted", accepted), ("refused", refused)):
            # An answer that folds to nothing (only punctuation) could never be matched.
            blank = [a for a in answers if not textmatch.normalise(a)]
            if blank:
                return [f"{label} answer {blank[0]!r} has no letters or digits"]
            repeated = _repeats(answers)
            if repeated is not None:
                return [f"{label} answer {repeated!r} appears twice"]
        return [f"refused answer {r!r} is the accepted answer {a!r}"
                for r in refused for a in accepted if textmatch.same(r, a)]

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

    def public(self, data):
        """Show every accepted answer."""
        return None, list(data["accepted"])

    def refused(self, data):
        """Return the answers listed as wrong."""
        return list(data.get("refuse", []))


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
        if not _is_text_list(items, 3):
            return ["items must list at least three texts, in the right order"]
        repeated = _repeats(items)
        if repeated is not None:
            return [f"item {repeated!r} appears twice"]
        return []

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

    def check(self, data):
        """Check the answer is a number and the tolerance is not negative."""
        problems = []
        answer, tolerance = data.get("answer"), data.get("tolerance", 0)
        if not _is_finite_number(answer):
            problems.append("answer must be a number")
        if not _is_finite_number(tolerance) or tolerance < 0:
            problems.append("tolerance must be a number of 0 or more")
        if not isinstance(data.get("unit", ""), str):
            problems.append("unit must be text")
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
