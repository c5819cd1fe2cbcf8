"""Properties every kind's scoring keeps, over generated definitions and answers.

Definitions are drawn broadly and kept only when the kind's own check() accepts them,
so a definition the bank would load but no learner could answer rightly is a failure.
"""

import math
import random
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quizapp.domain.kinds import KINDS, get_kind
from quizapp.domain.textmatch import normalise

# Essays (marked by a teacher) and descriptions (never scored) have no rule to test here.
AUTO_SCORED = sorted(name for name, kind in KINDS.items()
                     if kind.takes_answer and not kind.marked_by_teacher)

# Letters, digits, punctuation, symbols, marks and spaces, as a bank's texts may hold.
TEXT = st.text(st.characters(categories=("L", "N", "P", "S", "M", "Zs")), min_size=1,
               max_size=24).filter(str.strip)
NUMBER = st.one_of(st.integers(-10**12, 10**12),
                   st.floats(allow_nan=True, allow_infinity=True, width=64))
PROPERTY = settings(max_examples=100, deadline=None)


def distinct_texts(min_size, max_size):
    """Return a strategy for lists of texts that differ even when normalised."""
    return st.lists(TEXT, min_size=min_size, max_size=max_size, unique_by=normalise)


@st.composite
def definitions(draw, kind):
    """Draw a definition of `kind` that its check() accepts."""
    data = draw(RAW_DEFINITIONS[kind])
    assume(get_kind(kind).check(data) == [])
    return data


def _choices(draw):
    return draw(distinct_texts(2, 6))


@st.composite
def _single(draw):
    choices = _choices(draw)
    return {"choices": choices, "answer": draw(st.sampled_from(choices))}


@st.composite
def _multiple(draw):
    choices = _choices(draw)
    right = draw(st.lists(st.sampled_from(choices), min_size=1, max_size=len(choices) - 1,
                          unique=True))
    return {"choices": choices, "answer": right}


@st.composite
def _matching(draw):
    items = draw(distinct_texts(2, 5))
    partners = draw(st.lists(TEXT, min_size=1, max_size=4, unique=True))
    pairs = [{"item": i, "match": draw(st.sampled_from(partners))} for i in items]
    extra = draw(st.lists(TEXT, max_size=2))
    return {"pairs": pairs, "extra_matches": extra} if extra else {"pairs": pairs}


RAW_DEFINITIONS = {
    "single_choice": _single(),
    "multiple_response": _multiple(),
    "true_false": st.builds(dict, answer=st.booleans()),
    "matching": _matching(),
    "short_answer": st.builds(dict, accepted=distinct_texts(1, 3)),
    "ordering": st.builds(dict, items=distinct_texts(3, 6)),
    "numeric": st.fixed_dictionaries({"answer": NUMBER},
                                     optional={"tolerance": NUMBER, "unit": TEXT}),
}


@st.composite
def answers(draw, kind, data):
    """Draw a well-typed answer to `data`: right, partly right, wrong or garbage."""
    if kind == "single_choice":
        return draw(st.sampled_from(data["choices"]) | TEXT)
    if kind == "multiple_response":
        return draw(st.lists(st.sampled_from(data["choices"]) | TEXT, unique=True))
    if kind == "true_false":
        return draw(st.booleans())
    if kind == "matching":
        items = [p["item"] for p in data["pairs"]]
        options = get_kind("matching").layout(data, random.Random(0), False)["options"]
        return draw(st.dictionaries(st.sampled_from(items) | TEXT,
                                    st.sampled_from(options) | TEXT))
    if kind == "short_answer":
        return draw(st.sampled_from(data["accepted"]) | TEXT)
    if kind == "ordering":
        return draw(st.permutations(data["items"]) | st.lists(TEXT, max_size=6))
    return draw(NUMBER.filter(math.isfinite))


def form_for(kind, data, layout, answer):
    """Return the form a browser would submit for `answer` on this learner's layout."""
    if kind == "multiple_response":
        return {"answer": list(answer)}
    if kind == "true_false":
        return {"answer": ["true" if answer else "false"]}
    if kind == "matching":
        return {f"match-{i}": [answer[item]] for i, item in enumerate(layout["items"])
                if item in answer}
    if kind == "ordering":
        return {f"position-{i}": [str(answer.index(item) + 1)]
                for i, item in enumerate(layout["items"])}
    if kind == "numeric":
        return {"answer": [format(Decimal(repr(answer)), "f")]}
    return {"answer": [answer]}


EMPTY_ANSWERS = {"single_choice": "", "multiple_response": [], "true_false": None,
                 "matching": {}, "short_answer": "", "ordering": [], "numeric": None}


@pytest.mark.parametrize("kind", AUTO_SCORED)
@PROPERTY
@given(st.data())
def test_the_key_scores_one(kind, data):
    """The right answer scores the full mark."""
    definition = data.draw(definitions(kind))
    rules = get_kind(kind)
    assert rules.score(definition, rules.key(definition)) == 1.0


@pytest.mark.parametrize("kind", AUTO_SCORED)
@PROPERTY
@given(st.data(), st.integers(0, 2**32), st.booleans())
def test_the_key_typed_into_the_form_scores_one(kind, data, seed, shuffle):
    """The right answer, submitted through the form as a learner would, scores 1."""
    definition = data.draw(definitions(kind))
    rules = get_kind(kind)
    layout = rules.layout(definition, random.Random(seed), shuffle)
    form = form_for(kind, definition, layout, rules.key(definition))
    assert rules.score(definition, rules.read(definition, layout, form)) == 1.0


@pytest.mark.parametrize("kind", AUTO_SCORED)
@PROPERTY
@given(st.data())
def test_no_answer_scores_zero(kind, data):
    """An unanswered question, or an empty answer, scores 0."""
    definition = data.draw(definitions(kind))
    rules = get_kind(kind)
    assert rules.score(definition, None) == 0.0
    assert rules.score(definition, EMPTY_ANSWERS[kind]) == 0.0
    layout = rules.layout(definition, random.Random(0), False)
    assert rules.read(definition, layout, {}) is None


@pytest.mark.parametrize("kind", AUTO_SCORED)
@PROPERTY
@given(st.data())
def test_every_score_lies_between_zero_and_one(kind, data):
    """Whatever the answer, its score is a fraction of the mark from 0 to 1."""
    definition = data.draw(definitions(kind))
    answer = data.draw(answers(kind, definition))
    assert 0.0 <= get_kind(kind).score(definition, answer) <= 1.0


@PROPERTY
@given(st.data())
def test_multiple_response_tick_order_never_matters(data):
    """Ticking the same boxes in any order scores the same, read or scored directly."""
    definition = data.draw(definitions("multiple_response"))
    ticked = data.draw(st.lists(st.sampled_from(definition["choices"]), unique=True))
    reordered = data.draw(st.permutations(ticked))
    kind = get_kind("multiple_response")
    assert kind.score(definition, reordered) == kind.score(definition, ticked)
    assert kind.read(definition, {}, {"answer": reordered}) == kind.read(
        definition, {}, {"answer": ticked})


@PROPERTY
@given(st.data())
def test_multiple_response_ticking_everything_scores_zero(data):
    """Ticking every box never earns a mark: guessing all does not pay."""
    definition = data.draw(definitions("multiple_response"))
    assert get_kind("multiple_response").score(definition, definition["choices"]) == 0.0


@PROPERTY
@given(st.data())
def test_matching_order_of_the_answers_never_matters(data):
    """The order in which items were matched never changes the score."""
    definition = data.draw(definitions("matching"))
    answer = data.draw(answers("matching", definition))
    shuffled = dict(data.draw(st.permutations(list(answer.items()))))
    kind = get_kind("matching")
    assert kind.score(definition, shuffled) == kind.score(definition, answer)


@PROPERTY
@given(st.data())
def test_ordering_reversed_scores_zero(data):
    """Putting every item in exactly the reverse order scores 0."""
    definition = data.draw(definitions("ordering"))
    assert get_kind("ordering").score(definition, definition["items"][::-1]) == 0.0


@PROPERTY
@given(st.data())
def test_ordering_below_one_unless_in_the_right_order(data):
    """Only the right order earns the full mark."""
    definition = data.draw(definitions("ordering"))
    placed = data.draw(st.permutations(definition["items"]))
    assume(placed != definition["items"])
    assert get_kind("ordering").score(definition, placed) < 1.0
