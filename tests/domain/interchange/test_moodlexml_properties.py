"""Moodle XML round trips over generated questions, and a fuzz of the reader."""

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizapp.domain.interchange import ImportResult, InterchangeError, moodlexml
from quizapp.domain.kinds import KINDS

# What XML must escape, what Moodle reads specially (* in short answers), HTML look-alikes.
PIECES = [*"abcXYZ019 \t\n\r<>&'\"*\\]/;=%-éü中’", "]]>", "<p>", "&amp;", "&#13;", "<!--",
          "-->", "<![CDATA["]
XML_TEXT = (st.lists(st.sampled_from(PIECES), min_size=1, max_size=10).map("".join)
            .map(str.strip).filter(bool))
ONE_LINE = XML_TEXT.map(lambda t: " ".join(t.split())).filter(bool)
SLUG = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5})?", fullmatch=True)


def distinct(values, low, high):
    return st.lists(values, min_size=low, max_size=high, unique_by=str.casefold)


@st.composite
def kind_fields(draw, kind):
    """Draw the kind-specific fields of one question."""
    if kind in ("single_choice", "multiple_response"):
        choices = draw(distinct(XML_TEXT, 2, 5))
        if kind == "single_choice":
            return {"choices": choices, "answer": draw(st.sampled_from(choices))}
        count = draw(st.integers(1, len(choices) - 1))
        return {"choices": choices, "answer": choices[:count]}
    if kind == "true_false":
        return {"answer": draw(st.booleans())}
    if kind == "short_answer":
        answers = draw(distinct(ONE_LINE, 1, 4))
        split = draw(st.integers(1, len(answers)))
        fields = {"accepted": answers[:split]}
        if answers[split:]:
            fields["refuse"] = answers[split:]
        return fields
    if kind == "matching":
        items = draw(distinct(XML_TEXT, 2, 4))
        fields = {"pairs": [{"item": i, "match": draw(ONE_LINE)} for i in items]}
        extra = draw(distinct(ONE_LINE, 0, 2))
        if extra:
            fields["extra_matches"] = extra
        return fields
    if kind == "numeric":
        fields = {"answer": draw(st.integers(-10**12, 10**12)
                                 | st.floats(-1e12, 1e12, allow_nan=False))}
        if draw(st.booleans()):
            fields["tolerance"] = draw(st.floats(0.001, 1e6) | st.integers(1, 1000))
        if draw(st.booleans()):
            fields["unit"] = draw(ONE_LINE)
        return fields
    if kind == "essay" and draw(st.booleans()):
        return {"grader_note": draw(XML_TEXT)}
    return {}


CARRIED = ["single_choice", "multiple_response", "true_false", "short_answer", "matching",
           "numeric", "essay", "description"]


@st.composite
def question_sets(draw):
    """Draw a set of valid questions of the kinds Moodle XML carries."""
    kinds = draw(st.lists(st.sampled_from(CARRIED), min_size=1, max_size=5))
    ids = draw(st.lists(SLUG, min_size=len(kinds), max_size=len(kinds), unique=True))
    questions = []
    for qid, kind in zip(ids, kinds, strict=True):
        item = {"id": qid, "kind": kind, "prompt": draw(XML_TEXT),
                "explanation": draw(st.just("") | XML_TEXT),
                "tags": draw(st.lists(SLUG, min_size=1, max_size=3, unique=True)),
                "difficulty": 2, "evidence": [], **draw(kind_fields(kind))}
        assume(kind not in KINDS or not KINDS[kind].check(item))
        questions.append(item)
    return questions


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.filter_too_much])
@given(question_sets())
def test_write_then_parse_gives_back_the_same_questions(questions):
    written = moodlexml.write(questions)
    assert written.losses == []
    result = moodlexml.parse(written.text)
    assert result.questions == questions
    assert result.notes == []


XML_PIECES = ["<quiz>", "</quiz>", '<question type="multichoice">', '<question type="',
              "</question>", "<questiontext>", '<questiontext format="html">',
              "</questiontext>", "<text>", "</text>", '<answer fraction="', '">', "</answer>",
              "<single>false</single>", "<subquestion>", "</subquestion>", "<units>",
              "<tolerance>", "</tolerance>", "numerical", "shortanswer", "truefalse",
              "matching", "essay", "category", "<category>", "</category>", "100", "-50",
              "1e999", "nan", "*", "x", "<p>", "<img>", "&amp;", "<![CDATA[", "]]>", "\n",
              "<!DOCTYPE quiz>", '<?xml version="1.0"?>', "\ufeff", "\ud800", "&#0;"]


@settings(max_examples=500)
@given(st.text() | st.lists(st.sampled_from(XML_PIECES), max_size=60).map("".join))
def test_no_input_raises_anything_but_the_readers_error(data):
    try:
        result = moodlexml.parse(data)
    except InterchangeError as error:
        assert str(error) and (error.line is None or error.line >= 1)
        return
    assert isinstance(result, ImportResult)
    for item in result.questions:
        assert item["prompt"]
    moodlexml.write(result.questions)


@settings(max_examples=200)
@given(question_sets(), st.data())
def test_a_written_file_cut_short_is_refused_or_read_never_crashes(questions, data):
    text = moodlexml.write(questions).text
    cut = data.draw(st.integers(0, len(text)))
    try:
        moodlexml.parse(text[:cut])
    except InterchangeError:
        pass


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.filter_too_much])
@given(question_sets(), st.data())
def test_a_written_file_with_a_piece_spliced_in_never_crashes_the_reader(questions, data):
    text = moodlexml.write(questions).text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 40)))
    piece = data.draw(st.sampled_from(XML_PIECES))
    try:
        result = moodlexml.parse(text[:start] + piece + text[end:])
    except InterchangeError as error:
        assert error.line is None or error.line >= 1
        return
    moodlexml.write(result.questions)
