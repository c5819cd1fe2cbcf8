"""Finding questions of low teaching value."""

from quizapp.domain import teaching
from tests.factories import CheckedQuestion as Q

BODIES = ["Huawei warned Canada. The US objects.", "The US presses Huawei's allies in Canada.",
          "Huawei denies it has any links to the Chinese government, the firm said."]


def test_an_answer_every_article_prints_is_flagged():
    """"Which company...?" answered by the subject of every article teaches nothing."""
    company = Q("c", "short_answer", "Which company?", {"accepted": ["Huawei", "Huawei Tech"]})
    assert teaching.answer_is_everywhere(company, BODIES)


def test_an_answer_one_article_prints_is_fine():
    """An answer only some articles give is worth reading for."""
    country = Q("k", "single_choice", "Which country?",
                {"choices": ["Canada", "Iran"], "answer": "Canada"})
    assert not teaching.answer_is_everywhere(country, BODIES)
    assert not teaching.answer_is_everywhere(
        Q("n", "numeric", "How many?", {"answer": 5}), BODIES)


def test_a_statement_copying_a_sentence_is_flagged():
    """A statement that is an article's sentence with an attribution in front is a copy."""
    copy = "According to BBC News, Huawei denies it has any links to the Chinese government."
    assert teaching.copied_run(copy, BODIES[2]) == 10
    assert teaching.copies_a_sentence(copy, BODIES)


def test_a_statement_in_its_own_words_is_fine():
    """Rewording the claim, even on the same fact, is not a copy."""
    own = "According to BBC News, Huawei rejects claims of ties to Beijing."
    assert not teaching.copies_a_sentence(own, BODIES)
