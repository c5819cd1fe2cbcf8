"""The bank writer: whatever text it is given, the bank reader reads the same back."""

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizapp.domain.bankfiles import read_bank
from quizapp.domain.bankschema import find_unsafe
from quizapp.domain.bankwriter import (
    QuestionValues,
    SetValues,
    SourceValues,
    WriteError,
    same_source,
    set_text,
    source_text,
)
from quizapp.domain.kinds import KINDS

# Any character but surrogates (not text) and carriage returns (files read with universal
# newlines turn them into line feeds, so the writer refuses them).
# Only characters the bank accepts: the reader refuses control characters and the like.
CHARACTERS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\r").filter(
    lambda char: find_unsafe(char) is None)
TEXT = st.text(CHARACTERS, min_size=1, max_size=200)
# Fields the reader strips: a form strips them too. Names and titles are one line.
FIELD = TEXT.map(str.strip).filter(bool)
LINE = FIELD.filter(lambda text: find_unsafe(text, True) is None)


def _write_and_read(source, question_set):
    """Write the files into a fresh folder and return the Bank the reader makes of them."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "sources").mkdir()
        (root / "sets").mkdir()
        (root / "sources" / f"{source.slug}.txt").write_text(source_text(source), "utf-8")
        (root / "sets" / f"{question_set.id}.yaml").write_text(set_text(question_set), "utf-8")
        return read_bank(root)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=TEXT, quote=st.text(CHARACTERS, min_size=12, max_size=80), after=TEXT,
       prompt=FIELD, explanation=FIELD, answers=st.lists(FIELD, min_size=1, max_size=3),
       outlet=LINE, headline=LINE, note=FIELD, title=LINE,
       published=st.sampled_from([(None, "unknown"), (date(2019, 1, 1), "year"),
                                  (date(2019, 2, 1), "month"), (date(2019, 2, 14), "day")]))
def test_any_text_reads_back_the_same(before, quote, after, prompt, explanation, answers,
                                      outlet, headline, note, title, published):
    """Quotes, colons, unicode, line breaks, YAML look-alikes: all come back unchanged."""
    body = (before + quote + after).rstrip("\n")
    assume(quote in body and body.strip())
    assume(not KINDS["short_answer"].check({"accepted": answers}))
    source = SourceValues(slug="a-source", outlet=outlet, headline=headline, body=body,
                          published=published[0], date_precision=published[1],
                          date_note=note, provenance="copy", provenance_note=note,
                          url="https://example.org/a?b=c#d", trimmed=note)
    question = QuestionValues(id="a-question", kind="short_answer", prompt=prompt,
                              data={"accepted": answers}, explanation=explanation,
                              evidence=(("a-source", quote),), tags=("a-tag",), difficulty=2)
    bank = _write_and_read(source, SetValues(id="a-set", title=title, description=note,
                                             questions=(question,)))
    [read_source] = bank.sources
    assert read_source.body == body
    assert (read_source.outlet, read_source.headline) == (outlet, headline)
    assert (read_source.published, read_source.date_precision) == published
    assert (read_source.date_note, read_source.provenance_note) == (note, note)
    [read_set] = bank.sets
    assert (read_set.title, read_set.description) == (title, note)
    [read] = read_set.questions
    assert (read.prompt, read.explanation, read.data) == (prompt, explanation,
                                                          {"accepted": answers})
    assert read.evidence[0].quote == quote


def test_a_body_with_a_carriage_return_is_refused():
    """A carriage return would turn into a line feed on reading: refuse rather than shift."""
    source = SourceValues(slug="s", outlet="O", headline="H", body="one\r\ntwo")
    with pytest.raises(WriteError, match="carriage return"):
        source_text(source)


def test_same_source_ignores_seed_and_wrapping_but_not_a_changed_character():
    """A source file is the same when it says the same; one character of body differs."""
    source = SourceValues(slug="s", outlet="Outlet", headline="Headline", body="Body text.",
                          date_note="A note " * 20 + "end.")
    written = source_text(source)
    hand_made = ("---\nseed: 001_x.txt\noutlet: Outlet\nheadline: Headline\npublished: null\n"
                 f"date_note: {'A note ' * 20}end.\nurl: null\n---\nBody text.\n")
    assert same_source(hand_made, written)
    assert not same_source(hand_made.replace("Body text.", "Body text!"), written)
    assert not same_source("no front matter", written)
