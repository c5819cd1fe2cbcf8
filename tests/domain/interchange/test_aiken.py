"""Aiken: the strict one-answer format, read with clear errors and written back."""

import pytest

from quizapp.domain.interchange import InterchangeError, aiken
from quizapp.domain.kinds import KINDS

TWO = """Which river flows through Lima?
A. Rimac
B) Amazon
C. Nile
ANSWER: A

Which ocean lies west of Peru?
A) Atlantic
B) Pacific
ANSWER: B
"""


def test_questions_become_single_choice():
    result = aiken.parse(TWO)
    assert [(q["prompt"], q["choices"], q["answer"]) for q in result.questions] == [
        ("Which river flows through Lima?", ["Rimac", "Amazon", "Nile"], "Rimac"),
        ("Which ocean lies west of Peru?", ["Atlantic", "Pacific"], "Pacific"),
    ]
    for item in result.questions:
        assert item["kind"] == "single_choice"
        assert item["evidence"] == []
        assert KINDS["single_choice"].check(item) == []
    assert [q["id"] for q in result.questions] == ["which-river-flows-through-lima",
                                                    "which-ocean-lies-west-of-peru"]


@pytest.mark.parametrize("text", [
    TWO.replace("\n", "\r\n"),
    "\ufeff" + TWO,
    "\n\n" + TWO.replace("\nA. Rimac", "\n\nA. Rimac") + "\n\n",
    TWO.replace("ANSWER: A", "ANSWER:A").replace("A. Rimac", "A.\tRimac"),
    TWO.replace("A. Rimac", "   A. Rimac   "),
])
def test_line_ends_byte_order_mark_blank_lines_and_spacing_are_tolerated(text):
    result = aiken.parse(text)
    assert [q["answer"] for q in result.questions] == ["Rimac", "Pacific"]


@pytest.mark.parametrize(("text", "line", "column", "says"), [
    ("Q?\nA. x\nANSWER: A", 3, 1, "at least two options"),
    ("Q?\nA. x\nB. y\nANSWER: C", 4, 1, "ANSWER: C names no option"),
    ("Q?\nA. x\nB. y\nANSWER: b", 4, 1, "one capital letter"),
    ("Q?\nA. x\nB. y\nANSWER: A or B", 4, 1, "one capital letter"),
    ("A. x\nB. y\nANSWER: A", 1, 1, "an option comes before any question"),
    ("ANSWER: A", 1, 1, "ANSWER: comes before any question"),
    ("Q?\nstill the question\nA. x", 2, 1, "goes on to a second line"),
    ("Q?\nA. x\nB. y\nNext question?\nA. z", 4, 1, "has no ANSWER: line"),
    ("Q?\nA. x\nBx y\nANSWER: A", 3, 1, "has no ANSWER: line"),
    ("Q?\nA. x\n  A) y\nANSWER: A", 3, 3, "option A appears twice"),
    ("Fine?\nA. x\nB. y\nANSWER: A\n\nQ?\nA. x\nB. y\n", 6, 1, "ends without an ANSWER"),
    ("Q?\nA.x\nB. y\nANSWER: B", 2, 1, "followed by options such as 'A. text'"),
])
def test_malformed_blocks_name_line_and_column(text, line, column, says):
    with pytest.raises(InterchangeError) as caught:
        aiken.parse(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert says in str(caught.value)


def test_an_empty_file_has_no_questions():
    assert aiken.parse("\n \n").questions == []


def bank(kind, **kind_fields):
    """Return a bank question with the common fields."""
    return {"id": "q", "kind": kind, "prompt": "Which?", "explanation": "", "tags": ["imported"],
            "difficulty": 2, "evidence": [], **kind_fields}


def test_writer_output():
    text = aiken.write([bank("single_choice", choices=["x", "y", "z"], answer="z")]).text
    assert text == "Which?\nA. x\nB. y\nC. z\nANSWER: C\n"


def test_writer_reports_what_aiken_cannot_carry():
    items = [
        {**bank("single_choice", choices=["x", "y"], answer="x"), "explanation": "Why.",
         "tags": ["peru"], "difficulty": 3, "id": "first",
         "evidence": [{"source": "s", "quote": "a quote long enough"}]},
        {**bank("true_false", answer=False), "id": "second"},
        {**bank("ordering", items=["a", "b", "c"]), "id": "third"},
        {**bank("single_choice", choices=["x\ny", "z"], answer="z"), "id": "fourth"},
    ]
    result = aiken.write(items)
    lost = {(n.question, n.message.split(":")[0]) for n in result.losses}
    assert {
        ("first", "the explanation is not exported"),
        ("first", "evidence is not exported"),
        ("first", "tags are not exported"),
        ("first", "difficulty is not exported"),
        ("first", "the id is not exported"),
        ("second", "written as a choice between True and False"),
        ("third", "not exported"),
        ("fourth", "the line breaks in a choice are joined"),
    } <= lost
    assert "A. True\nB. False\nANSWER: B" in result.text
    assert "A. x y\n" in result.text
    assert "a\nb" not in result.text


@pytest.mark.parametrize("prompt", ["A. Which one?", "ANSWER: which one?"])
def test_a_prompt_aiken_would_misread_is_not_exported(prompt):
    item = {**bank("single_choice", choices=["x", "y"], answer="x"), "prompt": prompt}
    result = aiken.write([item, bank("single_choice", choices=["p", "q"], answer="q")])
    assert result.losses[0].message.startswith("not exported: the prompt begins like")
    assert [q["prompt"] for q in aiken.parse(result.text).questions] == ["Which?"]
