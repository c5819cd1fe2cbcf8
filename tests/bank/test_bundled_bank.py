"""Guards on the bundled Huawei & 5G bank: coverage, no duplicates, every answer evidenced."""

import itertools
import json
from collections import Counter
from difflib import SequenceMatcher

import pytest

from quizapp.domain import textmatch
from quizapp.domain.kinds import KINDS

MIN_QUESTIONS = 120
MIN_PER_SOURCE = 15
MIN_PER_KIND = 8
REQUIRED_QUIZZES = {"silicon-article", "bbc-article", "reuters-article", "sputnik-article",
                    "scmp-article", "who-said-what", "countries", "reading-sources",
                    "everything", "starter-tour"}


def _cited_sources(question):
    return {e.source for e in question.evidence}


def test_bank_is_big_enough(bundled_bank):
    """The bank has at least 120 questions."""
    assert len(bundled_bank.questions()) >= MIN_QUESTIONS


def test_every_question_has_evidence_in_its_source(bundled_bank):
    """Each question cites at least one quote that stands verbatim in its source."""
    bodies = {s.slug: s.body for s in bundled_bank.sources}
    for question in bundled_bank.questions():
        assert question.evidence, question.id
        for item in question.evidence:
            assert bodies[item.source][item.start:item.end] == item.quote, question.id


@pytest.mark.parametrize("source", ["silicon-china-warns-canada", "bbc-china-backs-huawei-bid",
                                    "reuters-us-envoy-presses-canada",
                                    "sputnik-five-eyes-warning", "scmp-pompeo-warns-allies"])
def test_every_source_is_cited_enough(bundled_bank, source):
    """Every source is cited by at least 15 questions."""
    cited = sum(1 for q in bundled_bank.questions() if source in _cited_sources(q))
    assert cited >= MIN_PER_SOURCE, f"{source} is cited by {cited} questions"


# The kinds the bundled bank teaches with: every one scored by its rule. Essays need a
# teacher and descriptions teach nothing alone; they are for teachers' own sets.
TAUGHT_KINDS = [name for name, kind in KINDS.items()
                if kind.marks and not kind.marked_by_teacher]


@pytest.mark.parametrize("kind", TAUGHT_KINDS)
def test_every_kind_is_used_enough(bundled_bank, kind):
    """Every question kind is used at least 8 times."""
    used = sum(1 for q in bundled_bank.questions() if q.kind == kind)
    assert used >= MIN_PER_KIND, f"{kind} is used {used} times"


def _answer_key(question):
    return json.dumps(KINDS[question.kind].key(question.data), sort_keys=True)


def test_no_two_questions_are_duplicates(bundled_bank):
    """No two questions share their answer and a near-identical prompt."""
    by_answer = {}
    for question in bundled_bank.questions():
        by_answer.setdefault((question.kind, _answer_key(question)), []).append(question)
    duplicates = []
    for group in by_answer.values():
        for a, b in itertools.combinations(group, 2):
            ratio = SequenceMatcher(None, textmatch.normalise(a.prompt),
                                    textmatch.normalise(b.prompt)).ratio()
            if ratio >= 0.8:
                duplicates.append((a.id, b.id, round(ratio, 2)))
    assert duplicates == []


def test_no_choice_list_repeats_an_option(bundled_bank):
    """No question offers the same option twice."""
    for question in bundled_bank.questions():
        options = question.data.get("choices") or question.data.get("items") or []
        folded = [textmatch.normalise(o) for o in options]
        assert len(folded) == len(set(folded)), question.id


def test_every_bundled_question_has_evidence_and_an_explanation(bundled_bank):
    """Teachers' imports may wait for evidence; the bundled bank never does."""
    lacking = [q.id for q in bundled_bank.questions() if not q.evidence or not q.explanation]
    assert lacking == []


def test_every_question_has_tags_and_difficulty(bundled_bank):
    """Difficulty 1-3 and at least one topic tag on every question."""
    for question in bundled_bank.questions():
        assert question.tags and question.difficulty in (1, 2, 3), question.id


def test_starter_set_tours_every_kind_and_source(bundled_bank):
    """The starter set has 20+ questions, two or more of each kind, over all five sources."""
    starter = next(s for s in bundled_bank.sets if s.id == "starter")
    kinds = Counter(q.kind for q in starter.questions)
    assert len(starter.questions) >= 20
    assert all(kinds[k] >= 2 for k in TAUGHT_KINDS), kinds
    cited = set().union(*(_cited_sources(q) for q in starter.questions))
    assert cited == {s.slug for s in bundled_bank.sources}


def test_ready_quizzes_are_there(bundled_bank):
    """The ready quizzes exist, and the 'everything' one draws 20 at random."""
    quizzes = {q.id: q for q in bundled_bank.quizzes}
    assert REQUIRED_QUIZZES <= set(quizzes)
    assert quizzes["everything"].question_count == 20


def test_bundled_bank_loads_idempotently(runner, bank):
    """Loading the bundled bank again changes nothing."""
    result = runner.invoke(args=["bank", "load"])
    assert result.exit_code == 0
    assert "nothing changed" in result.output
