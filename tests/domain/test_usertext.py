"""Display names are shown as typed minus what could spoof or hide; control characters found."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.usertext import (
    FORM_CONTROL_ALLOWED,
    MAX_MARKS_PER_LETTER,
    clean_display_name,
    control_characters,
)


@pytest.mark.parametrize(("typed", "shown"), [
    ("Ann", "Ann"),
    ("  Ann   Lee \t", "Ann Lee"),
    ("\u202eAnn\u202c", "Ann"),  # right-to-left override and its pop
    ("A\u200bn\u200dn\ufeff", "Ann"),  # zero-width space, joiner, byte order mark
    ("Ann\u2066\u2069\u061c\u200e\u200f", "Ann"),  # isolates and direction marks
    ("Ann\u00ad", "Ann"),  # soft hyphen
    ("Ann\nLee\r\n", "Ann Lee"),
    ("Ann\u2028Lee\u2029", "Ann Lee"),  # line and paragraph separators
    ("Ann\u00a0Lee\u3000", "Ann Lee"),  # no-break and ideographic spaces
    ("\uff21\uff4e\uff4e", "Ann"),  # full-width letters
    ("\ufb01ona", "fiona"),  # ligature
    ("Ann\u3164\u3164Lee", "Ann Lee"),  # Hangul filler: a letter that draws nothing
    ("Ann\ue000", "Ann"),  # private use
    ("Zoë", "Zoë"),
    ("Zoe\u0308", "Zoë"),  # decomposed diaeresis composes
    ("Nguyễn Thị", "Nguyễn Thị"),
    ("محمد", "محمد"),
    ("王小明", "王小明"),
    ("Ann 🙂", "Ann 🙂"),
])
def test_names_are_cleaned(typed, shown):
    """Each name is shown without its invisible or spoofing characters, spaces collapsed."""
    assert clean_display_name(typed) == shown


@pytest.mark.parametrize("typed", ["", "   ", "\u200b\u200b", "\u202e", "\u3164", "\u2800 \u115f",
                                   "\u0301\u0301", "\t\r\n"])
def test_names_of_nothing_visible_clean_to_empty(typed):
    """A name of only spaces, invisible characters or stray marks becomes empty."""
    assert clean_display_name(typed) == ""


def test_stacked_combining_marks_are_capped():
    """A letter keeps a few combining marks, not a tower that covers its neighbours."""
    name = "Z" + "\u0336\u0337\u0338\u20dd" * 10 + "oe"
    cleaned = clean_display_name(name)
    assert cleaned.startswith("Z") and cleaned.endswith("oe")
    assert len(cleaned) == 1 + MAX_MARKS_PER_LETTER + 2


@given(st.text())
def test_cleaned_names_hold_nothing_invisible_and_are_stable(typed):
    """No control or format character survives, no edge space; cleaning twice changes nothing."""
    cleaned = clean_display_name(typed)
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")
                   for ch in cleaned)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert clean_display_name(cleaned) == cleaned


@pytest.mark.parametrize(("text", "found"), [
    ("plain text", set()),
    ("a\x00b", {"\x00"}),
    ("\x1b[31m", {"\x1b"}),
    ("del\x7f", {"\x7f"}),
    ("next line\x85", {"\x85"}),
    ("tab\tand\r\nbreaks", {"\t", "\r", "\n"}),
    ("zero\u200bwidth", set()),  # format characters are not control characters
])
def test_control_characters_are_found(text, found):
    """Every C0 and C1 control character is found, format characters are not."""
    assert control_characters(text) == found


def test_form_values_may_hold_tabs_and_line_breaks():
    """Only tab, CR and LF are allowed in a typed form value."""
    assert control_characters("a\tb\r\nc", FORM_CONTROL_ALLOWED) == set()
    assert control_characters("a\x00\tb", FORM_CONTROL_ALLOWED) == {"\x00"}


def test_control_characters_are_exactly_unicodes_category_cc():
    """The fast pattern finds every Cc character of Unicode and nothing else."""
    every = "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point < 0xE000)
    expected = {ch for ch in every if unicodedata.category(ch) == "Cc"}
    assert control_characters(every) == expected
    assert control_characters(every, allowed=FORM_CONTROL_ALLOWED) == expected - {"\t", "\n",
                                                                                  "\r"}
