"""Guards on how the bundled bank names its sources: never more than is known of a page."""

import json
from datetime import date

import pytest


def _sources(bank):
    return {s.slug: s for s in bank.sources}


def _text(question):
    """Return everything a learner reads of a question: prompt, options and explanation."""
    return " ".join([question.prompt, question.explanation,
                     json.dumps(question.data, ensure_ascii=False)])


def _options(question):
    data = question.data
    pairs = data.get("pairs") or []
    return [*(data.get("choices") or []), *(data.get("items") or []),
            *(data.get("extra_matches") or []), *(p["match"] for p in pairs)]


@pytest.mark.parametrize(("slug", "status"), [
    ("bbc-china-backs-huawei-bid", "unverified"),
    ("reuters-us-envoy-presses-canada", "copy"),
    ("silicon-china-warns-canada", "verified"),
    ("sputnik-five-eyes-warning", "verified"),
    ("scmp-pompeo-warns-allies", "verified"),
])
def test_each_source_records_what_is_known(bundled_bank, slug, status):
    """Every bundled source has the status the fact-check found, and a note saying why."""
    source = _sources(bundled_bank)[slug]
    assert source.provenance == status
    assert source.provenance_note


def test_sputnik_keeps_both_dates_and_uses_the_address_date(bundled_bank):
    """Sputnik is dated 9 March 2020 (its address) and keeps its 31 March stamp."""
    source = _sources(bundled_bank)["sputnik-five-eyes-warning"]
    assert (source.published, source.date_precision, source.stamped) == (
        date(2020, 3, 9), "day", date(2020, 3, 31))
    assert "2020-03-09" in source.date_note and "31 March 2020" in source.date_note


def test_no_question_names_a_doubtful_page_as_its_outlet(bundled_bank):
    """A copy or an unverified page is never cited "according to" its outlet or offered as it."""
    doubtful = [s for s in bundled_bank.sources if s.provenance != "verified"]
    problems = []
    for question in bundled_bank.questions():
        text, cited = _text(question), {e.source for e in question.evidence}
        for source in doubtful:
            # Naming the real outlet is fine where another page credits it ("quoted by Reuters").
            offered = source.slug in cited and source.outlet in _options(question)
            if f"According to {source.outlet}" in text or offered:
                problems.append((question.id, source.slug))
            if source.provenance == "unverified" and source.outlet in text:
                problems.append((question.id, source.outlet))
    assert problems == []


def test_questions_citing_a_doubtful_page_say_what_it_is(bundled_bank):
    """A question that cites an unverified page or a copy and names its outlet says so."""
    qualifier = {"unverified": "unverified", "copy": "copy"}
    doubtful = {s.slug: s for s in bundled_bank.sources if s.provenance != "verified"}
    problems = []
    for question in bundled_bank.questions():
        text = _text(question)
        for slug in {e.source for e in question.evidence} & set(doubtful):
            source = doubtful[slug]
            brand = source.outlet.split()[0]
            if brand in text and qualifier[source.provenance] not in text:
                problems.append((question.id, slug))
    assert problems == []
