"""One validation per kind: a definition from a form or a bank file gets the same
problems, each naming the field (and the entry) it is about."""

import pytest

from quizapp.domain.bankdefs import BankError
from quizapp.domain.bankfiles import read_bank
from quizapp.domain.kinds import KINDS, MAX_ENTRIES, MAX_TEXT, FieldError, get_kind
from tests.factories import SAMPLE_QUESTIONS, BankWriter, make_question

LONG = "x" * (MAX_TEXT + 1)
PAIRS = [{"item": "We will not be rushed", "match": "Ada"}, {"item": "Soon", "match": "Ottawa"}]


@pytest.mark.parametrize(("kind", "data", "field", "index", "message"), [
    ("single_choice", {"choices": ["Ada", "", "Alan"], "answer": "Ada"},
     "choices", 1, "choice 2 is empty"),
    ("single_choice", {"choices": ["Ada", "  "], "answer": "Ada"}, "choices", 1, "is empty"),
    ("single_choice", {"choices": ["Ada", 3], "answer": "Ada"}, "choices", 1, "must be text"),
    ("single_choice", {"choices": ["Ada", LONG], "answer": "Ada"},
     "choices", 1, f"choice 2 is longer than {MAX_TEXT} characters"),
    ("single_choice", {"choices": ["Ada", "Alan", "ADA!"], "answer": "Ada"},
     "choices", 2, "choice 'ADA!' appears twice"),
    ("single_choice", {"choices": ["Ada", "Grace"], "answer": "Marie"},
     "answer", None, "answer 'Marie' is not one of the choices"),
    ("single_choice", {"choices": [], "answer": ""}, "choices", None, "at least two"),
    ("single_choice", {"choices": [f"c{i}" for i in range(MAX_ENTRIES + 1)], "answer": "c0"},
     "choices", None, f"at most {MAX_ENTRIES} entries"),
    ("multiple_response", {"choices": ["a", "b", "c"], "answer": ["a", "d"]},
     "answer", 1, "answer 'd' is not one of the choices"),
    ("multiple_response", {"choices": ["a", "b"], "answer": ["a", "b"]},
     "answer", None, "every choice is right"),
    ("multiple_response", {"choices": ["a", "", "c"], "answer": ["a"]},
     "choices", 1, "choice 2 is empty"),
    ("true_false", {"answer": "true"}, "answer", None, "true or false"),
    ("matching", {"pairs": [PAIRS[0], {"item": "Soon", "match": ""}]},
     "pairs", 1, "pair 2 must have exactly a non-empty item and match"),
    ("matching", {"pairs": [{"item": LONG, "match": "Ada"}, PAIRS[1]]},
     "pairs", 0, f"pair 1 is longer than {MAX_TEXT} characters"),
    ("matching", {"pairs": [*PAIRS, {"item": "soon.", "match": "Ada"}]},
     "pairs", 2, "item 'soon.' appears twice"),
    ("matching", {"pairs": [PAIRS[0], {"item": "Soon", "match": "ada"}]},
     "pairs", 1, "match 'ada' is written two ways"),
    ("matching", {"pairs": PAIRS, "extra_matches": ["Grace", "OTTAWA"]},
     "extra_matches", 1, "an extra match repeats one of the matches"),
    ("matching", {"pairs": PAIRS, "extra_matches": [""]},
     "extra_matches", 0, "extra match 1 is empty"),
    ("matching", {"pairs": PAIRS[:1]}, "pairs", None, "at least two"),
    ("short_answer", {"accepted": ["Ottawa", ""]}, "accepted", 1, "accepted answer 2 is empty"),
    ("short_answer", {"accepted": ["x" * 201]},
     "accepted", 0, "accepted answer 1 is longer than 200 characters"),
    ("short_answer", {"accepted": ["Ottawa", "ottawa"]},
     "accepted", 1, "accepted answer 'ottawa' appears twice"),
    ("short_answer", {"accepted": ["Ottawa", "?!"]},
     "accepted", 1, "accepted answer '?!' has no letters or digits"),
    ("short_answer", {"accepted": []}, "accepted", None, "at least one accepted answer"),
    ("ordering", {"items": ["first", "", "last"]}, "items", 1, "item 2 is empty"),
    ("ordering", {"items": ["first", "then", "First"]}, "items", 2, "'First' appears twice"),
    ("ordering", {"items": ["first", "then", LONG]}, "items", 2, "longer than"),
    ("numeric", {"answer": 12, "tolerance": -0.5},
     "tolerance", None, "tolerance must be a number of 0 or more"),
    ("numeric", {"answer": 12, "tolerance": "1"}, "tolerance", None, "tolerance must be a number"),
    ("numeric", {"answer": None}, "answer", None, "answer must be a number"),
    ("numeric", {"answer": 12, "unit": "x" * 41}, "unit", None, "unit is longer than 40"),
])
def test_each_problem_names_its_field_and_entry(kind, data, field, index, message):
    """A broken definition's problem says what is wrong and where a form shows it."""
    problems = get_kind(kind).check(data)
    found = [p for p in problems if message in p]
    assert found, problems
    assert (found[0].field, found[0].index) == (field, index)


@pytest.mark.parametrize("kind", sorted(SAMPLE_QUESTIONS))
def test_sound_definitions_have_no_problems(kind):
    """A sound definition of every kind passes."""
    data = {k: v for k, v in SAMPLE_QUESTIONS[kind].items() if k != "prompt"}
    assert get_kind(kind).check(data) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_problem_is_about_one_of_the_kinds_fields(kind):
    """Whatever is broken, each problem points at a field the kind's editor has."""
    broken = [{}, {field: None for field in KINDS[kind].fields},
              {field: [""] for field in KINDS[kind].fields},
              {field: [LONG, LONG, LONG] for field in KINDS[kind].fields}]
    for data in broken:
        for problem in KINDS[kind].check(data):
            assert isinstance(problem, FieldError)
            assert problem.field in KINDS[kind].fields, (data, problem)


@pytest.mark.parametrize(("kind", "overrides", "message"), [
    ("single_choice", {"choices": ["Ada Lovelace", LONG]}, "choice 2 is longer than"),
    ("single_choice", {"choices": ["Ada Lovelace", ""]}, "choice 2 is empty"),
    ("ordering", {"items": ["a", "b", ""]}, "item 3 is empty"),
    ("numeric", {"unit": "x" * 41}, "unit is longer than 40"),
])
def test_a_bank_file_gets_the_same_problems(tmp_path, kind, overrides, message):
    """The bank reader reports what a form would, with the same words."""
    writer = BankWriter(tmp_path / "bank")
    writer.write(questions=[make_question(kind, **overrides)])
    with pytest.raises(BankError) as caught:
        read_bank(writer.root)
    assert any(message in str(p) for p in caught.value.problems), caught.value.problems
