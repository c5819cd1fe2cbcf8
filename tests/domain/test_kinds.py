"""The documented rules of each question kind: scoring, reading a form, checking a definition."""

import random

import pytest

from quizapp.domain.kinds import KINDS, AnswerError, get_kind, parse_number

SINGLE = {"choices": ["Ada Lovelace", "Grace Hopper", "Alan Turing"], "answer": "Ada Lovelace"}
MULTIPLE = {"choices": ["a", "b", "c", "d", "e"], "answer": ["a", "b"]}
MATCHING = {
    "pairs": [{"item": "We will not be rushed", "match": "Ada Lovelace"},
              {"item": "Decide soon", "match": "Ottawa"},
              {"item": "Heard 12 experts", "match": "Ottawa"}],
    "extra_matches": ["Grace Hopper"],
}
ORDERING = {"items": ["review", "hearings", "report", "vote"]}
NUMERIC = {"answer": 12, "tolerance": 0.5, "unit": "experts"}


def score(kind, data, answer):
    """Score `answer` with the kind registered as `kind`."""
    return get_kind(kind).score(data, answer)


def test_registry_holds_the_nine_documented_kinds():
    """Every kind of questions/README.md is registered under its name, and no other."""
    assert set(KINDS) == {"single_choice", "multiple_response", "true_false", "matching",
                          "short_answer", "ordering", "numeric", "essay", "description"}
    assert all(kind.name == name and kind.label for name, kind in KINDS.items())


def test_get_kind_refuses_an_unknown_name():
    """Asking for a kind that does not exist fails loudly."""
    with pytest.raises(KeyError):
        get_kind("cloze")


# --- scoring rules -------------------------------------------------------------------


@pytest.mark.parametrize(("answer", "expected"), [
    ("Ada Lovelace", 1.0),
    ("Grace Hopper", 0.0),
    ("ada lovelace", 0.0),  # a choice is picked, never typed
    (None, 0.0),
])
def test_single_choice_scores_only_the_right_choice(answer, expected):
    """A single choice scores 1 for the right option and 0 for anything else."""
    assert score("single_choice", SINGLE, answer) == expected


@pytest.mark.parametrize(("ticked", "expected"), [
    (["a", "b"], 1.0),            # both right ones
    (["a"], 1 / 2),               # one of two right ones
    (["a", "b", "c"], 1 - 1 / 3),  # all right, one of three wrong ones
    (["a", "c"], 1 / 2 - 1 / 3),
    (["a", "c", "d"], 0.0),       # 1/2 - 2/3 is clamped at 0
    (["c", "d", "e"], 0.0),       # only wrong ones: -1 clamped at 0
    (["a", "b", "c", "d", "e"], 0.0),  # ticking everything never pays
    ([], 0.0),
    (None, 0.0),
])
def test_multiple_response_partial_credit_is_clamped_at_zero(ticked, expected):
    """Each right tick earns 1/R, each wrong one costs 1/W, the total stays in 0..1."""
    assert score("multiple_response", MULTIPLE, ticked) == pytest.approx(expected)


@pytest.mark.parametrize(("answer", "verdict", "expected"), [
    (True, True, 1.0), (True, False, 0.0), (False, False, 1.0), (False, True, 0.0),
    (False, None, 0.0), (True, None, 0.0),
])
def test_true_false_scores_the_right_verdict(answer, verdict, expected):
    """True/false scores 1 for the right verdict; an unanswered question scores 0."""
    assert score("true_false", {"answer": answer}, verdict) == expected


@pytest.mark.parametrize(("answer", "expected"), [
    ({"We will not be rushed": "Ada Lovelace", "Decide soon": "Ottawa",
      "Heard 12 experts": "Ottawa"}, 1.0),
    ({"We will not be rushed": "Ada Lovelace"}, 1 / 3),
    ({"We will not be rushed": "Ada Lovelace", "Decide soon": "Grace Hopper"}, 1 / 3),
    ({"We will not be rushed": "Ottawa", "Decide soon": "Ada Lovelace"}, 0.0),
    ({"Decide soon": "Ottawa", "Heard 12 experts": "Ottawa"}, 2 / 3),  # a partner serves two
    ({}, 0.0),
    (None, 0.0),
])
def test_matching_earns_one_nth_per_item(answer, expected):
    """Each item matched rightly earns 1/N; a partner may serve several items."""
    assert score("matching", MATCHING, answer) == pytest.approx(expected)


@pytest.mark.parametrize(("placed", "expected"), [
    (["review", "hearings", "report", "vote"], 1.0),
    (["vote", "report", "hearings", "review"], 0.0),  # reversed
    (["hearings", "review", "report", "vote"], 5 / 6),  # one neighbour swap of 4
    (["review", "hearings", "vote", "report"], 5 / 6),
    (["vote", "review", "hearings", "report"], 3 / 6),  # last moved first: 3 of 6 pairs
    (["review", "hearings", "report"], 0.0),  # an item missing
    (["review", "hearings", "report", "other"], 0.0),  # an item that is not one
    (None, 0.0),
])
def test_ordering_scores_the_share_of_pairs_in_order(placed, expected):
    """Ordering scores the share of item pairs in the right relative order."""
    assert score("ordering", ORDERING, placed) == pytest.approx(expected)


def test_ordering_of_three_reversed_scores_zero_and_one_swap_two_thirds():
    """With three items, one neighbour swap keeps two of three pairs in order."""
    data = {"items": ["x", "y", "z"]}
    assert score("ordering", data, ["z", "y", "x"]) == 0.0
    assert score("ordering", data, ["y", "x", "z"]) == pytest.approx(2 / 3)


@pytest.mark.parametrize(("typed", "expected"), [
    (12, 1.0), (12.5, 1.0), (11.5, 1.0), (12.51, 0.0), (11.4, 0.0), (-12, 0.0), (None, 0.0),
])
def test_numeric_is_right_within_the_tolerance(typed, expected):
    """A number within ±tolerance of the answer scores 1, anything further 0."""
    assert score("numeric", NUMERIC, typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [(3.5, 1.0), (3.5000001, 0.0), (0.35, 0.0)])
def test_numeric_tolerance_defaults_to_exact(typed, expected):
    """Without a tolerance the number must be exact."""
    assert score("numeric", {"answer": 3.5}, typed) == expected


def test_numeric_tolerance_survives_float_rounding():
    """0.1 + 0.2 is within a tolerance of 0.1 around 0.4 despite binary fractions."""
    assert score("numeric", {"answer": 0.4, "tolerance": 0.1}, 0.1 + 0.2) == 1.0


@pytest.mark.parametrize(("typed", "expected"), [
    ("Ottawa", 1.0), ("  OTTAWA! ", 1.0), ("Otawa", 1.0), ("Toronto", 0.0), ("", 0.0),
    (None, 0.0), ("Canada's capital", 1.0),
])
def test_short_answer_matches_any_accepted_answer(typed, expected):
    """A short answer scores 1 when it matches any accepted answer forgivingly."""
    data = {"accepted": ["Ottawa", "Canada’s capital"]}
    assert score("short_answer", data, typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("Ottawa", 1.0), ("Otawa", 1.0), ("Ottava", 0.0), ("Ottavaa", 0.0), ("Toronto", 0.0),
])
def test_short_answer_refuses_its_refused_answers_and_their_typos(typed, expected):
    """A refused answer, or a typo of it, scores 0 even when it is also a typo of the key."""
    data = {"accepted": ["Ottawa"], "refuse": ["Ottava", "Toronto"]}
    assert score("short_answer", data, typed) == expected


def test_short_answer_without_refusals_is_still_valid():
    """`refuse` is optional, and an empty list is the same as none."""
    kind = get_kind("short_answer")
    assert kind.check({"accepted": ["Ottawa"]}) == []
    assert kind.check({"accepted": ["Ottawa"], "refuse": []}) == []
    assert kind.refused({"accepted": ["Ottawa"]}) == []


# --- numbers as learners type them --------------------------------------------------


@pytest.mark.parametrize(("typed", "value"), [
    ("1,000", 1000.0), ("$200", 200.0), ("3.5", 3.5), ("-4", -4.0), (" 42 ", 42.0),
    ("€1 250", 1250.0), ("£7", 7.0), ("50%", 50.0), (".5", 0.5), ("1\u202f000", 1000.0),
])
def test_parse_number_accepts_the_forms_learners_type(typed, value):
    """Thousands separators, a currency sign and a percent sign are allowed."""
    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", ["abc", "", "$", "12abc", "1e5", "nan", "inf", "1.2.3", "--4"])
def test_parse_number_rejects_what_is_not_a_number(typed):
    """Anything else is refused with a message telling the learner what to type."""
    with pytest.raises(AnswerError, match="Type a number"):
        parse_number(typed)


# --- reading a submitted form ---------------------------------------------------------


def layout_of(kind, data, seed=0):
    """Return the layout a learner would get for `data`."""
    return get_kind(kind).layout(data, random.Random(seed), True)


def read(kind, data, form, layout=None):
    """Read `form` as the kind registered as `kind` does."""
    return get_kind(kind).read(data, layout if layout is not None else {}, form)


@pytest.mark.parametrize(("kind", "data", "form", "expected"), [
    ("single_choice", SINGLE, {"answer": ["Grace Hopper"]}, "Grace Hopper"),
    ("multiple_response", MULTIPLE, {"answer": ["c", "a"]}, ["a", "c"]),
    ("true_false", {"answer": True}, {"answer": ["false"]}, False),
    ("true_false", {"answer": True}, {"answer": ["true"]}, True),
    ("short_answer", {"accepted": ["Ottawa"]}, {"answer": ["  Ottawa   city "]}, "Ottawa city"),
    ("numeric", NUMERIC, {"answer": ["1,000"]}, 1000.0),
    ("numeric", NUMERIC, {"answer": ["$200"]}, 200.0),
])
def test_read_returns_the_answer_in_the_form(kind, data, form, expected):
    """Each kind reads its answer out of a form of name -> list of values."""
    assert read(kind, data, form) == expected


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("form", [{}, {"answer": []}, {"answer": [""]}])
def test_read_of_an_unanswered_form_is_none(kind, form):
    """A form left blank reads as no answer, for every kind."""
    data = {"single_choice": SINGLE, "multiple_response": MULTIPLE, "matching": MATCHING,
            "ordering": ORDERING, "numeric": NUMERIC, "true_false": {"answer": True},
            "short_answer": {"accepted": ["Ottawa"]}, "essay": {}, "description": {}}[kind]
    assert read(kind, data, form, layout_of(kind, data)) is None


@pytest.mark.parametrize(("kind", "data"), [
    ("short_answer", {"accepted": ["Ottawa"]}), ("numeric", NUMERIC)])
def test_read_of_only_spaces_typed_is_none(kind, data):
    """Typing only spaces is no answer, not a wrong one."""
    assert read(kind, data, {"answer": ["   "]}) is None


def test_read_takes_an_option_back_exactly_as_it_was_offered():
    """An option with surrounding spaces still reads as itself, so its key scores 1."""
    single = {"choices": [" Ada ", "Bob"], "answer": " Ada "}
    assert read("single_choice", single, {"answer": [" Ada "]}) == " Ada "
    pairs = {"pairs": [{"item": "a", "match": " Ada "}, {"item": "b", "match": "Bob"}]}
    answer = read("matching", pairs, {"match-0": [" Ada "]}, {"items": ["a", "b"]})
    assert get_kind("matching").score(pairs, answer) == 0.5


def test_read_matching_maps_items_in_the_learners_order():
    """Matching reads match-<i> against the i-th item as this learner saw them."""
    layout = {"items": ["Heard 12 experts", "We will not be rushed", "Decide soon"]}
    form = {"match-0": ["Ottawa"], "match-1": ["Ada Lovelace"], "match-2": [""]}
    assert read("matching", MATCHING, form, layout) == {
        "Heard 12 experts": "Ottawa", "We will not be rushed": "Ada Lovelace"}


def test_read_ordering_sorts_items_by_the_positions_given():
    """Ordering reads position-<i> for the i-th item shown and returns the placed order."""
    layout = {"items": ["report", "vote", "review", "hearings"]}
    form = {"position-0": ["3"], "position-1": ["4"], "position-2": ["1"], "position-3": ["2"]}
    assert read("ordering", ORDERING, form, layout) == ["review", "hearings", "report", "vote"]


@pytest.mark.parametrize(("kind", "data", "form", "message"), [
    ("single_choice", SINGLE, {"answer": ["Marie Curie"]}, "Choose one of the options"),
    ("multiple_response", MULTIPLE, {"answer": ["a", "z"]}, "Choose among the options"),
    ("true_false", {"answer": True}, {"answer": ["maybe"]}, "Choose True or False"),
    ("matching", MATCHING, {"match-0": ["Marie Curie"]}, "Choose a match from the list"),
    ("short_answer", {"accepted": ["Ottawa"]}, {"answer": ["x" * 201]}, "too long"),
    ("numeric", NUMERIC, {"answer": ["abc"]}, "Type a number"),
    ("numeric", NUMERIC, {"answer": ["9" * 400]}, "Type a number"),  # overflows to infinity
])
def test_read_refuses_bad_input_with_a_clear_message(kind, data, form, message):
    """Input no honest form could send, or that is not an answer, raises AnswerError."""
    with pytest.raises(AnswerError, match=message):
        read(kind, data, form, layout_of(kind, data))


def test_short_answer_of_exactly_the_limit_is_read():
    """200 characters is still accepted; the limit only refuses longer answers."""
    assert read("short_answer", {"accepted": ["x"]}, {"answer": ["y" * 200]}) == "y" * 200


@pytest.mark.parametrize("positions", [
    ["1", "1", "2", "3"],    # a duplicate position
    ["1", "2", "3", ""],     # one item left without a position
    ["1", "2", "3", "5"],    # a position out of range
    ["0", "1", "2", "3"],
    ["1", "2", "3", "x"],
])
def test_read_ordering_refuses_positions_that_are_not_a_permutation(positions):
    """Each item needs its own position from 1 to N; the message says so."""
    layout = layout_of("ordering", ORDERING)
    form = {f"position-{i}": [p] for i, p in enumerate(positions)}
    with pytest.raises(AnswerError, match="different position from 1 to 4"):
        read("ordering", ORDERING, form, layout)


# --- checking definitions --------------------------------------------------------------


@pytest.mark.parametrize(("kind", "data"), [
    ("single_choice", SINGLE),
    ("multiple_response", MULTIPLE),
    ("true_false", {"answer": False}),
    ("matching", MATCHING),
    ("matching", {"pairs": MATCHING["pairs"]}),
    ("short_answer", {"accepted": ["Ottawa", "Canada's capital"]}),
    ("ordering", {"items": ["a", "b", "c"]}),
    ("numeric", NUMERIC),
    ("numeric", {"answer": -3.25}),
])
def test_check_accepts_sound_definitions(kind, data):
    """A sound definition has no problems."""
    assert get_kind(kind).check(data) == []


@pytest.mark.parametrize(("kind", "data", "message"), [
    ("single_choice", {"choices": ["a", "b"], "answer": "c"}, "'c' is not one of the choices"),
    ("single_choice", {"choices": ["Ada", "ada!"], "answer": "Ada"}, "'ada!' appears twice"),
    ("single_choice", {"choices": ["only"], "answer": "only"}, "at least two"),
    ("single_choice", {"choices": ["a", " "], "answer": "a"}, "choice 2 is empty"),
    ("single_choice", {"choices": "a, b", "answer": "a"}, "choices must be a list"),
    ("multiple_response", {"choices": ["a", "b"], "answer": ["a", "b"]}, "every choice is right"),
    ("multiple_response", {"choices": ["a", "b", "c"], "answer": ["d"]}, "'d' is not one of"),
    ("multiple_response", {"choices": ["a", "b", "c"], "answer": ["a", "a"]}, "a choice twice"),
    ("multiple_response", {"choices": ["a", "b", "c"], "answer": "a"}, "answer must be a list"),
    ("multiple_response", {"choices": ["a", "b", "c"], "answer": []}, "answer must be a list"),
    ("multiple_response", {"choices": ["A", "b", "a."], "answer": ["A"]}, "appears twice"),
    ("true_false", {"answer": "true"}, "true or false"),
    ("true_false", {}, "true or false"),
    ("matching", {"pairs": [{"item": "a", "match": "b"}]}, "at least two"),
    ("matching", {"pairs": [{"item": "a", "match": "b"}, {"item": "c"}]}, "pair 2"),
    ("matching", {"pairs": [{"item": "a", "match": "x"}, {"item": "A", "match": "y"}]},
     "item 'A' appears twice"),
    ("matching", {"pairs": MATCHING["pairs"], "extra_matches": ["ottawa"]}, "extra match"),
    ("matching", {"pairs": MATCHING["pairs"], "extra_matches": "Grace"}, "extra_matches"),
    ("short_answer", {"accepted": []}, "at least one accepted"),
    ("short_answer", {"accepted": "Ottawa"}, "at least one accepted"),
    ("short_answer", {"accepted": ["Ottawa", "OTTAWA"]}, "'OTTAWA' appears twice"),
    ("short_answer", {"accepted": ["?!"]}, "no letters or digits"),
    ("short_answer", {"accepted": ["Ottawa"], "refuse": "Toronto"}, "refuse must be a list"),
    ("short_answer", {"accepted": ["Ottawa"], "refuse": [""]}, "refused answer 1 is empty"),
    ("short_answer", {"accepted": ["Ottawa"], "refuse": ["…"]},
     "refused answer '…' has no letters or digits"),
    ("short_answer", {"accepted": ["Ottawa"], "refuse": ["Toronto", "TORONTO"]},
     "refused answer 'TORONTO' appears twice"),
    ("short_answer", {"accepted": ["Ottawa", "CBC (Canadian Broadcasting Corporation)"],
                      "refuse": ["the Canadian Broadcasting Corporation"]},
     "refused answer 'the Canadian Broadcasting Corporation' is the accepted answer"),
    ("ordering", {"items": ["a", "b"]}, "at least three"),
    ("ordering", {"items": ["a", "b", "A"]}, "'A' appears twice"),
    ("numeric", {"answer": "12"}, "answer must be a number"),
    ("numeric", {"answer": True}, "answer must be a number"),
    ("numeric", {"answer": float("nan")}, "answer must be a number"),
    ("numeric", {"answer": float("inf")}, "answer must be a number"),
    ("numeric", {"answer": 1, "tolerance": -1}, "tolerance must be a number of 0 or more"),
    ("numeric", {"answer": 1, "tolerance": float("nan")}, "tolerance must be a number"),
    ("numeric", {"answer": 1, "unit": 5}, "unit must be text"),
])
def test_check_rejects_broken_definitions_with_a_clear_message(kind, data, message):
    """Each kind names what is wrong with a broken definition."""
    problems = get_kind(kind).check(data)
    assert any(message in p for p in problems), problems


# --- layout, key, describe, public ------------------------------------------------------


def test_choice_layout_shuffles_only_when_asked():
    """Choices keep the bank's order unless the quiz shuffles them."""
    kind = get_kind("single_choice")
    assert kind.layout(SINGLE, random.Random(1), False) == {"choices": SINGLE["choices"]}
    shuffled = [kind.layout(SINGLE, random.Random(s), True)["choices"] for s in range(20)]
    assert all(sorted(c) == sorted(SINGLE["choices"]) for c in shuffled)
    assert any(c != SINGLE["choices"] for c in shuffled)


@pytest.mark.parametrize("seed", range(30))
def test_ordering_layout_is_never_already_in_order(seed):
    """Ordering items are always shown shuffled, never in the right order."""
    data = {"items": ["a", "b", "c"]}
    items = get_kind("ordering").layout(data, random.Random(seed), False)["items"]
    assert items != data["items"] and sorted(items) == data["items"]


def test_matching_layout_lists_partners_alphabetically_once():
    """Matching partners (with distractors) are offered once each, alphabetically."""
    layout = get_kind("matching").layout(MATCHING, random.Random(0), True)
    assert layout["options"] == ["Ada Lovelace", "Grace Hopper", "Ottawa"]
    assert sorted(layout["items"]) == sorted(p["item"] for p in MATCHING["pairs"])


@pytest.mark.parametrize(("kind", "data", "key"), [
    ("single_choice", SINGLE, "Ada Lovelace"),
    ("multiple_response", MULTIPLE, ["a", "b"]),
    ("true_false", {"answer": False}, False),
    ("matching", MATCHING, {"We will not be rushed": "Ada Lovelace", "Decide soon": "Ottawa",
                            "Heard 12 experts": "Ottawa"}),
    ("short_answer", {"accepted": ["Ottawa", "the capital"]}, "Ottawa"),
    ("ordering", ORDERING, ORDERING["items"]),
    ("numeric", NUMERIC, 12),
])
def test_key_is_the_documented_answer(kind, data, key):
    """The key is the answer the bank gives (the first accepted one for short answers)."""
    assert get_kind(kind).key(data) == key


@pytest.mark.parametrize(("kind", "data", "answer", "lines"), [
    ("single_choice", SINGLE, "Grace Hopper", ["Grace Hopper"]),
    ("multiple_response", MULTIPLE, ["a", "c"], ["a", "c"]),
    ("true_false", {"answer": True}, False, ["False"]),
    ("matching", MATCHING, {"Decide soon": "Ottawa"},
     ["We will not be rushed → (no match)", "Decide soon → Ottawa",
      "Heard 12 experts → (no match)"]),
    ("ordering", ORDERING, ["vote", "review"], ["1. vote", "2. review"]),
    ("numeric", NUMERIC, 12.0, ["12 experts"]),
    ("numeric", {"answer": 3}, 3.5, ["3.5"]),
    ("short_answer", {"accepted": ["x"]}, "Ottawa", ["Ottawa"]),
])
def test_describe_shows_an_answer_as_readable_lines(kind, data, answer, lines):
    """Describe turns a stored answer into lines a teacher or learner can read."""
    assert get_kind(kind).describe(data, answer) == lines


@pytest.mark.parametrize("kind", ["single_choice", "multiple_response", "true_false",
                                  "short_answer", "ordering", "numeric"])
def test_describe_of_no_answer_is_empty(kind):
    """An unanswered question describes as no lines."""
    assert get_kind(kind).describe({}, None) == []


@pytest.mark.parametrize(("kind", "data", "public"), [
    ("single_choice", SINGLE, (SINGLE["choices"], "Ada Lovelace")),
    ("true_false", {"answer": False}, ([True, False], False)),
    ("short_answer", {"accepted": ["Ottawa", "the capital"]}, (None, ["Ottawa", "the capital"])),
    ("ordering", {"items": ["b", "C", "a"]}, (["a", "b", "C"], ["b", "C", "a"])),
    ("numeric", {"answer": 5}, (None, {"value": 5, "tolerance": 0, "unit": ""})),
    ("matching", MATCHING, (["Ada Lovelace", "Grace Hopper", "Ottawa"],
                            get_kind("matching").key(MATCHING))),
])
def test_public_shows_choices_and_answer_for_the_dump(kind, data, public):
    """The bank dump shows each kind's choices (if any) and its full answer."""
    assert get_kind(kind).public(data) == public


# --- essay and description ---------------------------------------------------------------


def test_an_answered_essay_waits_for_its_teacher_and_an_unanswered_one_scores_0():
    """No rule scores an essay: its score is None until marked; a blank essay scores 0."""
    essay = get_kind("essay")
    assert essay.score({}, "Huawei was banned because...") is None
    assert essay.score({}, None) == 0.0
    assert essay.marked_by_teacher and essay.marks == 1 and essay.takes_answer


def test_an_essay_keeps_its_line_breaks_and_refuses_an_overlong_answer():
    """The typed text is kept with its paragraphs; more than the limit is refused."""
    essay = get_kind("essay")
    assert essay.read({}, {}, {"answer": ["First.\r\n\r\nSecond.  "]}) == "First.\n\nSecond."
    assert essay.read({}, {}, {"answer": ["   "]}) is None
    assert essay.describe({}, "First.\n\nSecond.") == ["First.", "Second."]
    with pytest.raises(AnswerError, match="too long"):
        essay.read({}, {}, {"answer": ["x" * (essay.max_length + 1)]})


def test_an_essay_grader_note_is_checked():
    """The grader note is optional text of at most 1,000 characters."""
    essay = get_kind("essay")
    assert essay.check({}) == [] and essay.check({"grader_note": "Look for two reasons."}) == []
    assert essay.check({"grader_note": 5}) == ["grader_note must be text"]
    assert essay.check({"grader_note": "x" * 1001}) == [
        "grader_note is longer than 1000 characters"]


def test_a_description_asks_nothing_and_counts_for_no_mark():
    """A description takes no answer, is never scored and adds nothing to the maximum."""
    description = get_kind("description")
    assert description.marks == 0 and not description.takes_answer
    assert description.read({}, {}, {"answer": ["anything"]}) is None
    assert description.score({}, None) is None
    assert description.check({}) == [] and description.describe({}, None) == []
