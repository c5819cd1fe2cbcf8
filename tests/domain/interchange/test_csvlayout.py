"""The CSV layout: every kind read from a row, separators, encodings and refused rows."""

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizapp.domain.interchange import ImportResult, InterchangeError, csvlayout
from quizapp.domain.kinds import KINDS

HEADER = "id,kind,prompt,option_1,option_2,option_3,match_1,match_2,match_3,answer,tags"


def read(*rows, header=HEADER):
    """Parse a header and rows; return the result."""
    return csvlayout.parse("\n".join([header, *rows]) + "\n")


def one(*rows, header=HEADER):
    result = read(*rows, header=header)
    assert len(result.questions) == 1
    return result.questions[0]


@pytest.mark.parametrize("row, fields", [
    ("cap,single_choice,Capital?,Toronto,Ottawa,,,,,2,geo",
     {"choices": ["Toronto", "Ottawa"], "answer": "Ottawa"}),
    ("five,multiple_response,Five Eyes?,Canada,China,UK,,,,1;3,geo",
     {"choices": ["Canada", "China", "UK"], "answer": ["Canada", "UK"]}),
    ("tf,true_false,Ottawa is the capital.,,,,,,,TRUE,geo", {"answer": True}),
    ("sa,short_answer,Capital?,Ottawa,Bytown,,,,,,geo", {"accepted": ["Ottawa", "Bytown"]}),
    ("m,matching,Match,Lu,Trudeau,,envoy,premier,king,,geo",
     {"pairs": [{"item": "Lu", "match": "envoy"}, {"item": "Trudeau", "match": "premier"}],
      "extra_matches": ["king"]}),
    ("n,numeric,How many?,,,,,,,\"3,5\",geo", {"answer": 3.5}),
    ("o,ordering,Order,first,second,third,,,,,geo", {"items": ["first", "second", "third"]}),
    ("e,essay,Discuss.,,,,,,,,geo", {}),
    ("d,description,Read this.,,,,,,,,geo", {}),
])
def test_each_kind_is_read_from_one_row(row, fields):
    item = one(row)
    assert {k: item[k] for k in fields} == fields
    assert item["tags"] == ["geo"] and item["difficulty"] == 2 and item["evidence"] == []


def test_numeric_tolerance_unit_refused_answers_and_grader_note():
    header = "kind,prompt,option_1,refuse_1,answer,tolerance,unit,grader_note,difficulty"
    result = read("numeric,How far?,,,12.5,0.5,km,,3",
                  "short_answer,Who?,incoherent,coherent,,,,,1",
                  "essay,Why?,,,,,,Two causes,", header=header)
    numeric, short, essay = result.questions
    assert (numeric["answer"], numeric["tolerance"], numeric["unit"]) == (12.5, 0.5, "km")
    assert numeric["difficulty"] == 3 and numeric["id"] == "how-far"
    assert short["refuse"] == ["coherent"] and short["difficulty"] == 1
    assert essay["grader_note"] == "Two causes"


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_comma_semicolon_and_tab_separated_files(separator):
    text = separator.join(["kind", "prompt", "option_1", "option_2", "answer"]) + "\n"
    text += separator.join(["single_choice", "Capital, really?", "Ottawa", "Toronto", "1"])
    if separator == ",":
        text = text.replace("Capital, really?", '"Capital, really?"')
    item = csvlayout.parse(text).questions[0]
    assert item["prompt"] == "Capital, really?" and item["answer"] == "Ottawa"


def test_bom_crlf_quoted_line_breaks_and_blank_rows():
    text = '\ufeffkind,prompt\r\ndescription,"Two\r\nlines"\r\n,\r\n\r\nessay,Why?\r\n'
    result = csvlayout.parse(text)
    assert [q["prompt"] for q in result.questions] == ["Two\r\nlines", "Why?"]


def test_a_filled_column_the_kind_does_not_use_is_reported():
    result = read("tf,true_false,Sure?,Yes,,,,,,true,geo")
    assert result.notes[0].line == 2 and "option_1" in result.notes[0].message


@pytest.mark.parametrize("rows, line, column, words", [
    (["a,single_choice,Q?,x,y,,,,,3,geo"], 2, 10, "not the number of a filled option"),
    (["a,single_choice,Q?,x,y,,,,,1;2,geo"], 2, 10, "one right option"),
    (["a,multiple_response,Q?,x,y,,,,,,geo"], 2, 10, "answer is empty"),
    (["a,true_false,Q?,,,,,,,yes,geo"], 2, 10, "true or false"),
    (["a,numeric,Q?,,,,,,,forty,geo"], 2, 10, "not a number"),
    (["a,numeric,Q?,,,,,,,1e999,geo"], 2, 10, "out of range"),
    (["a,matching,Q?,x,y,,p,,,,geo"], 2, 5, "option_2 has no match_2"),
    (["a,cloze,Q?,,,,,,,,geo"], 2, 2, "kind 'cloze'"),
    (["a,essay,,,,,,,,,geo"], 2, 3, "prompt is empty"),
    (["a,essay,Q?,,,,,,,,Geo !!!"], 2, 11, "tag '!!!' has no letters or digits"),
    (["a,essay,Q?,,,,,,,,geo", "a,essay,R?,,,,,,,,geo"], 3, 1, "used twice"),
    (["a,essay,Q?,,,,,,,,geo", 'b,essay,"Q?', "more,,,,,,,,,geo", "c,essay,Q?,,,,,,,,geo"],
     3, None, "unexpected end of data"),
    (["a,essay,Q?,,,,,,,,geo", 'b,essay,"Q?"x,,,,,,,,geo'], 3, None, "expected"),
    (["b,ordering,Q?,x,y,,,,,,geo"], 2, None, "at least three"),
    (["a,short_answer,Q?,!!,,,,,,,geo"], 2, None, "no letters or digits"),
])
def test_bad_rows_refuse_the_whole_file_with_line_and_column(rows, line, column, words):
    with pytest.raises(InterchangeError) as caught:
        read(*rows)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert words in caught.value.message


@pytest.mark.parametrize("header, words", [
    ("", "no header"),
    ("id,prompt", "no 'kind' column"),
    ("kind,prompt,colour", "unknown column 'colour'"),
    ("kind,prompt,Prompt", "appears twice"),
])
def test_bad_headers_are_refused(header, words):
    with pytest.raises(InterchangeError) as caught:
        csvlayout.parse(header + "\nessay,Why?\n")
    assert caught.value.line == 1 and words in caught.value.message


def test_writer_reports_evidence_and_unknown_kinds():
    items = [{"id": "q", "kind": "essay", "prompt": "Why?", "explanation": "", "tags": ["t"],
              "difficulty": 2, "evidence": [{"source": "s", "quote": "a long quote here"}]},
             {"id": "r", "kind": "cloze", "prompt": "?"}]
    result = csvlayout.write(items)
    assert [(n.question, n.message.split(":")[0]) for n in result.losses] == [
        ("q", "the evidence is not exported"), ("r", "cloze questions have no CSV layout")]


# Round trips and fuzzing.

TEXT = (st.lists(st.sampled_from([*"abXY09 ,;\t\n\r\"'|*é中", "1;3", "\r\n"]),
                 min_size=1, max_size=10).map("".join).map(str.strip).filter(bool))
SLUG = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,4})?", fullmatch=True)


def distinct(low, high):
    return st.lists(TEXT, min_size=low, max_size=high, unique_by=str.casefold)


@st.composite
def fields(draw, kind):
    """Draw one kind's fields."""
    if kind in ("single_choice", "multiple_response"):
        choices = draw(distinct(2, 5))
        right = choices[:draw(st.integers(1, len(choices) - 1))]
        return {"choices": choices, "answer": right[0] if kind == "single_choice" else right}
    if kind == "true_false":
        return {"answer": draw(st.booleans())}
    if kind == "short_answer":
        accepted, refused = draw(distinct(1, 3)), draw(distinct(0, 2))
        return {"accepted": accepted} | ({"refuse": refused} if refused else {})
    if kind == "matching":
        items = draw(distinct(2, 4))
        extra = draw(distinct(0, 2))
        return ({"pairs": [{"item": i, "match": draw(TEXT)} for i in items]}
                | ({"extra_matches": extra} if extra else {}))
    if kind == "numeric":
        out = {"answer": draw(st.integers(-10**12, 10**12) | st.floats(-1e12, 1e12))}
        if draw(st.booleans()):
            out["tolerance"] = draw(st.integers(0, 99) | st.floats(0, 1e6))
        return out | ({"unit": draw(TEXT)} if draw(st.booleans()) else {})
    if kind == "ordering":
        return {"items": draw(distinct(3, 5))}
    if kind == "essay" and draw(st.booleans()):
        return {"grader_note": draw(TEXT)}
    return {}


@st.composite
def question_sets(draw):
    kinds = draw(st.lists(st.sampled_from(csvlayout.KIND_NAMES), min_size=1, max_size=5))
    ids = draw(st.lists(SLUG, min_size=len(kinds), max_size=len(kinds), unique=True))
    out = []
    for qid, kind in zip(ids, kinds, strict=True):
        item = {"id": qid, "kind": kind, "prompt": draw(TEXT),
                "explanation": draw(st.just("") | TEXT),
                "tags": draw(st.lists(SLUG, min_size=1, max_size=3, unique=True)),
                "difficulty": draw(st.integers(1, 3)), "evidence": [],
                **draw(fields(kind))}
        assume(kind not in KINDS or not KINDS[kind].check(item))
        out.append(item)
    return out


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.filter_too_much])
@given(question_sets())
def test_write_then_parse_gives_back_the_same_questions(questions):
    written = csvlayout.write(questions)
    assert written.losses == []
    result = csvlayout.parse(written.text)
    assert result.questions == questions and result.notes == []


CSV_PIECES = ["kind", "prompt", "option_1", "match_2", "refuse_1", "answer", "tolerance",
              "id", "tags", "difficulty", ",", ";", "\t", "\n", "\r\n", '"', "single_choice",
              "matching", "numeric", "true_false", "short_answer", "ordering", "essay", "1",
              "3", "1;2", "x", "3,5", "1e999", "\ufeff", "\x00", "²", "٣", "-"]


@settings(max_examples=500)
@given(st.text() | st.lists(st.sampled_from(CSV_PIECES), max_size=60).map("".join))
def test_no_input_raises_anything_but_the_readers_error(data):
    try:
        result = csvlayout.parse(data)
    except InterchangeError as error:
        assert str(error) and (error.line is None or error.line >= 1)
        return
    assert isinstance(result, ImportResult)
    csvlayout.write(result.questions)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.filter_too_much])
@given(question_sets(), st.data())
def test_a_written_file_with_a_piece_spliced_in_never_crashes_the_reader(questions, data):
    text = csvlayout.write(questions).text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    try:
        result = csvlayout.parse(text[:start] + data.draw(st.sampled_from(CSV_PIECES))
                                 + text[end:])
    except InterchangeError as error:
        assert error.line is None or error.line >= 1
        return
    csvlayout.write(result.questions)
