"""Fuzz the whole reading of an upload: any bytes, any format, never an exception.

The format parsers are fuzzed on text in their own tests; this adds the bytes around
them (byte-order marks, UTF-16, Windows-1252, broken encodings), the Quizapp set file
format, and the bank checks that follow.
"""

import codecs

from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.domain.interchange import quizappformat
from quizapp.domain.interchange.base import InterchangeError
from quizapp.domain.interchange.encoding import decode
from quizapp.domain.interchange.reading import FORMATS, read_file

PIECES = ["::t::", "{", "}", "=", "~", "#", "->", "%50%", "$CATEGORY: a/b", "\n\n", "\r\n",
          "A. x\n", "ANSWER: A\n", "<quiz>", "<question type=\"essay\">", "</quiz>",
          "id,kind,prompt\n", "questions:\n  - id: a\n    kind: essay\n", "\"", ";", "\x00",
          "é", "\ufeff"]
TEXTY = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=30).map("".join)
ENCODED = st.tuples(TEXTY, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le",
                                            "utf-32", "cp1252"])).map(
    lambda pair: pair[0].encode(pair[1], errors="replace"))
BOMS = st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b""])


@settings(max_examples=400, deadline=None)
@given(data=st.one_of(st.binary(max_size=200), ENCODED,
                      st.tuples(BOMS, st.binary(max_size=60)).map(b"".join)),
       fmt=st.sampled_from(sorted(FORMATS)))
def test_no_bytes_in_any_format_raise(data, fmt):
    """A reading always comes back, with questions or with errors, never both."""
    reading = read_file(data, fmt, max_bytes=10_000, max_questions=50)
    assert not (reading.questions and reading.errors)
    assert all(isinstance(e, str) and e for e in reading.errors)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300))
def test_decoding_raises_only_its_own_error(data):
    """Any bytes decode or are refused with an InterchangeError."""
    try:
        text, notes = decode(data)
    except InterchangeError as error:
        assert str(error)
    else:
        assert isinstance(text, str)


@settings(max_examples=300, deadline=None)
@given(text=TEXTY)
def test_the_set_file_parser_raises_only_its_own_error(text):
    """The Quizapp format's reader refuses what is not a set file in its own words."""
    try:
        quizappformat.parse(text)
    except InterchangeError as error:
        assert str(error)
