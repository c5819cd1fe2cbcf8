"""CSV that spreadsheets read safely."""

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.csvexport import BOM, cell, chunks, lines, neutralise, number


def read(text):
    """Read CSV text back the way Python's csv module does."""
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_a_spreadsheet_would_run_is_neutralised(start):
    """=HYPERLINK(...), +1, -1, @SUM, a tab or a CR first: shown as text, never run."""
    text = start + "HYPERLINK(\"http://evil\",\"x\")"
    assert neutralise(text) == "'" + text
    assert read("".join(lines(["name"], [[text]])))[1] == ["'" + text]


def test_a_header_that_looks_like_a_formula_is_neutralised_too():
    """Column names come from quiz titles: a title can be a formula too."""
    assert read("".join(lines(["=1+1"], [])))[0] == ["'=1+1"]


def test_ordinary_text_and_numbers_are_left_alone():
    """Only text cells are neutralised; a negative number is never written as text."""
    assert cell("Ann O'Neil") == "Ann O'Neil"
    assert cell(3) == "3" and cell(0.5) == "0.5" and cell(2 / 3) == "0.6667"
    assert cell(66.0) == "66" and number(-0.0) == "0"
    assert cell(None) == "" and cell(True) == "yes"


def test_times_carry_their_zone_and_naive_ones_are_refused():
    """ISO 8601 with the offset; a time without a zone is a bug, not a guess."""
    moment = datetime(2026, 3, 1, 9, 5, 7, 123456, tzinfo=UTC)
    assert cell(moment) == "2026-03-01T09:05:07+00:00"
    assert cell(moment.astimezone(timezone(timedelta(hours=-5)))) == "2026-03-01T04:05:07-05:00"
    assert cell(date(2026, 3, 1)) == "2026-03-01"
    with pytest.raises(ValueError, match="zone"):
        cell(datetime(2026, 3, 1, 9, 5))


def test_rfc_4180_quoting_and_crlf_line_ends():
    """Commas, quotes and line breaks inside a cell survive; lines end with CRLF."""
    text = "".join(lines(["a", "b"], [["x, y", 'say "hi"'], ["two\nlines", "ü"]]))
    assert text == 'a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",ü\r\n'
    assert read(text) == [["a", "b"], ["x, y", 'say "hi"'], ["two\nlines", "ü"]]


def test_the_excel_option_starts_with_a_byte_order_mark():
    """Excel reads UTF-8 right only after a BOM; the plain file has none."""
    assert "".join(lines(["a"], [], bom=True)).startswith(BOM + "a")
    assert not "".join(lines(["a"], [])).startswith(BOM)
    assert b"".join(chunks(lines(["é"], [], bom=True))).startswith(b"\xef\xbb\xbf\xc3\xa9")


def test_a_row_of_the_wrong_width_is_a_bug():
    """A row with a missing cell would shift every column after it: refuse it."""
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        list(lines(["a", "b", "c"], [["1", "2"]]))


def test_lines_are_produced_one_at_a_time():
    """A generator of rows is read lazily: nothing is built up front."""
    produced = []

    def rows():
        for i in range(3):
            produced.append(i)
            yield [i]

    stream = lines(["n"], rows())
    next(stream)
    assert produced == []
    next(stream)
    assert produced == [0]


@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=5))
def test_any_text_reads_back_and_no_cell_starts_a_formula(rows):
    """Whatever the text, the csv module reads back what was written, neutralised."""
    back = read("".join(lines(["a", "b"], rows)))[1:]
    assert back == [[neutralise(value) for value in row] for row in rows]
    for row in back:
        for value in row:
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
