"""Evidence passages: locating quotes, marking a body's segments, text-fragment links."""

from urllib.parse import unquote

import pytest

from quizapp.domain.evidence import (
    FRAGMENT_MAX_CHARS,
    anchor_id,
    locate,
    segments,
    text_fragment_url,
)

BODY = "Ottawa said on Monday it would decide soon. “We will not be rushed,” said the minister."


# --- locate ---------------------------------------------------------------------------


def test_locate_returns_code_point_offsets_of_the_quote():
    """The offsets slice exactly the quote out of the body, counting code points."""
    quote = "“We will not be rushed,”"
    start, end = locate(BODY, quote)
    assert (start, end) == (44, 44 + len(quote))
    assert BODY[start:end] == quote


def test_locate_uses_the_first_occurrence():
    """When a quote appears twice, the first one is used."""
    assert locate("said it. said it.", "said it") == (0, 7)


@pytest.mark.parametrize("quote", [
    '"We will not be rushed,"',       # straight quotes for curly ones
    "We will not be  rushed",          # a double space the body does not have
    "we will not be rushed",           # case differs
    "Ottawa said on Tuesday",
    "",
])
def test_locate_matches_only_verbatim(quote):
    """A quote that is not verbatim in the body (or is empty) is not found."""
    assert locate(BODY, quote) is None


# --- segments ---------------------------------------------------------------------------


def texts(runs):
    """Return the text of each run."""
    return [run.text for run in runs]


def test_segments_without_passages_is_the_whole_body_unmarked():
    """A body with no evidence is one unmarked run."""
    [run] = segments(BODY, [])
    assert (run.text, run.marked, run.current, run.anchors) == (BODY, False, False, [])


def test_segments_mark_a_passage_and_anchor_it():
    """A passage becomes a marked run carrying its anchor, between unmarked runs."""
    runs = segments("abcdefghij", [(2, 5)])
    assert texts(runs) == ["ab", "cde", "fghij"]
    assert [r.marked for r in runs] == [False, True, False]
    assert runs[1].anchors == [anchor_id(2, 5)] == ["ev-2-5"]


def test_segments_always_rebuild_the_body():
    """Joining the runs gives back the body exactly, whatever the passages."""
    passages = [(0, 6), (3, 20), (44, 68), (60, len(BODY)), (10, 10), (-1, 4), (5, 999)]
    assert "".join(texts(segments(BODY, passages))) == BODY


def test_overlapping_passages_split_into_runs_each_anchored_once():
    """Overlaps make runs covered by one or both passages; each passage anchors at its start."""
    runs = segments("abcdefghij", [(5, 9), (2, 7)])
    assert texts(runs) == ["ab", "cde", "fg", "hi", "j"]
    assert [r.marked for r in runs] == [False, True, True, True, False]
    assert [r.anchors for r in runs] == [[], ["ev-2-7"], ["ev-5-9"], [], []]


def test_two_passages_starting_together_both_anchor_on_the_first_run():
    """Passages that start at the same place both get their anchor there."""
    runs = segments("abcdefghij", [(2, 4), (2, 8)])
    assert texts(runs) == ["ab", "cd", "efgh", "ij"]
    assert sorted(runs[1].anchors) == ["ev-2-4", "ev-2-8"]


def test_repeated_passages_are_marked_once():
    """The same passage cited twice (by two questions) gives one anchor."""
    runs = segments("abcdefghij", [(2, 5), (2, 5)])
    assert [r.anchors for r in runs] == [[], ["ev-2-5"], []]


@pytest.mark.parametrize("passage", [(-1, 3), (3, 3), (5, 2), (0, 11)])
def test_passages_outside_the_body_or_empty_are_ignored(passage):
    """A passage that is empty or runs off the body marks nothing."""
    runs = segments("abcdefghij", [passage])
    assert texts(runs) == ["abcdefghij"] and not runs[0].marked


def test_current_passage_is_marked_current_and_others_are_not():
    """The passage of the question being reviewed stands out from the other evidence."""
    runs = segments("abcdefghij", [(0, 2), (5, 8)], current=(5, 8))
    assert [(r.text, r.marked, r.current) for r in runs] == [
        ("ab", True, False), ("cde", False, False), ("fgh", True, True), ("ij", False, False)]


def test_current_passage_need_not_be_among_the_passages():
    """A current passage not listed among the passages is still marked and anchored."""
    runs = segments("abcdefghij", [], current=(3, 6))
    assert [(r.text, r.current) for r in runs] == [("abc", False), ("def", True), ("ghij", False)]
    assert runs[1].anchors == ["ev-3-6"]


def test_current_run_inside_an_overlap_is_current():
    """Every run inside the current passage is current, even where another overlaps it."""
    runs = segments("abcdefghij", [(0, 6)], current=(4, 9))
    assert [(r.text, r.current) for r in runs] == [
        ("abcd", False), ("ef", True), ("ghi", True), ("j", False)]


# --- text fragment links ---------------------------------------------------------------------


def test_short_quote_links_with_the_whole_quote():
    """A short quote is the whole text directive, percent-encoded."""
    url = text_fragment_url("https://example.org/a", "We will not be rushed")
    assert url == "https://example.org/a#:~:text=We%20will%20not%20be%20rushed"


def test_existing_fragment_is_replaced():
    """A fragment already on the address is dropped, not doubled."""
    url = text_fragment_url("https://example.org/a#section-2", "We will not be rushed")
    assert url.startswith("https://example.org/a#:~:text=")
    assert url.count("#") == 1


@pytest.mark.parametrize(("quote", "encoded"), [
    ("a well-known, self-made man & co", "a%20well%2Dknown%2C%20self%2Dmade%20man%20%26%20co"),
    ("“We will not be rushed,”", "%E2%80%9CWe%20will%20not%20be%20rushed%2C%E2%80%9D"),
])
def test_dash_comma_and_ampersand_are_encoded(quote, encoded):
    """Characters with meaning in a text directive (- , &) are percent-encoded."""
    assert text_fragment_url("https://x.org/", quote) == f"https://x.org/#:~:text={encoded}"


def test_whitespace_in_the_quote_is_collapsed():
    """Line breaks and double spaces in a quote link as single spaces."""
    url = text_fragment_url("https://x.org/", "said  the\nminister")
    assert url.endswith("#:~:text=said%20the%20minister")


def test_long_quote_links_by_its_first_and_last_words():
    """A long quote becomes textStart,textEnd: its first and last four words."""
    quote = ("The committee met three times in the spring and heard from twelve experts "
             "before it finally published the long awaited report")
    assert len(quote) > FRAGMENT_MAX_CHARS
    url = text_fragment_url("https://x.org/", quote)
    start, end = url.split("#:~:text=")[1].split(",")
    assert (unquote(start), unquote(end)) == (
        "The committee met three", "the long awaited report")


def test_long_quote_of_few_long_words_links_whole():
    """A long quote with too few words to split is linked whole."""
    quote = " ".join(["Supercalifragilisticexpialidocious"] * 3)
    assert len(quote) > FRAGMENT_MAX_CHARS
    directive = text_fragment_url("https://x.org/", quote).split("#:~:text=")[1]
    assert "," not in directive and unquote(directive) == quote
