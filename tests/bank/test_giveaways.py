"""Guards: inside every ready quiz no question gives another away, and none is of low value."""

import pytest

from quizapp import BUNDLED_BANK_DIR
from quizapp.domain import giveaways, teaching
from quizapp.domain.bankfiles import read_bank
from quizapp.domain.provenance import provenance_label

BANK = read_bank(BUNDLED_BANK_DIR)
QUIZ_IDS = [quiz.id for quiz in BANK.quizzes]
# How questions name a page: its outlet, the app's label for it, and the bank's short forms
# of those labels. They are labels, not answers; longest first so a short one never splits
# a long one.
NAMES = sorted({name for source in BANK.sources for name in (
    source.outlet, provenance_label(source.outlet, source.provenance),
    f"{source.outlet.split()[0]}-styled page", f"{source.outlet.split()[0]} copy",
    f"copy of a {source.outlet.split()[0]} report")} | {"unverified"}, key=len, reverse=True)


def _pool(quiz):
    """Return every question the quiz can draw; any two of them can meet in one attempt."""
    wanted = set(quiz.tags)
    return [q for s in BANK.sets if s.id in quiz.sets for q in s.questions
            if not wanted or wanted & set(q.tags)]


@pytest.fixture(scope="module")
def bank_common_words():
    """Return the words so common in the whole bank that they tell no question apart."""
    return giveaways.common_words(BANK.questions())


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_no_question_gives_another_away(quiz_id, bank_common_words):
    """No question's prompt, choices or items print another drawable question's answer."""
    quiz = next(q for q in BANK.quizzes if q.id == quiz_id)
    found = giveaways.giveaways_among(_pool(quiz), names=NAMES, common=bank_common_words)
    assert not found, f"in quiz {quiz_id}:\n" + "\n".join(map(str, found))


@pytest.mark.parametrize("quiz_id", QUIZ_IDS)
def test_no_two_questions_ask_the_same_thing(quiz_id):
    """No quiz can draw the same passage asked twice, or a statement and its mirror."""
    quiz = next(q for q in BANK.quizzes if q.id == quiz_id)
    found = giveaways.near_duplicates(_pool(quiz))
    assert not found, f"in quiz {quiz_id}:\n" + "\n".join(map(str, found))


def test_no_ordering_prompt_names_its_first_and_last_events():
    """An ordering prompt never says "from X to Y" about its own first and last items."""
    named = [q.id for q in BANK.questions() if giveaways.ordering_names_its_ends(q)]
    assert named == []


def test_no_answer_is_the_subject_of_every_article():
    """No question's answer is printed in all five articles (answered without reading)."""
    bodies = [source.body for source in BANK.sources]
    everywhere = [q.id for q in BANK.questions() if teaching.answer_is_everywhere(q, bodies)]
    assert everywhere == []


def test_no_true_false_statement_copies_an_article():
    """True/false statements are in the bank's own words, not an article's sentence."""
    bodies = [source.body for source in BANK.sources]
    copied = [q.id for q in BANK.questions()
              if q.kind == "true_false" and teaching.copies_a_sentence(q.prompt, bodies)]
    assert copied == []
