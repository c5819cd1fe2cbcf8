"""The media-literacy set and its ready quiz: there, tagged, evidenced and playable."""

from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.play.helpers import answer_all, start, submit

MIN_QUESTIONS = 15
TAG = "media-literacy"


def _media_set(bundled_bank):
    return next(s for s in bundled_bank.sets if s.id == TAG)


def test_media_literacy_set_is_tagged_and_evidenced(bundled_bank):
    """The set has 15+ questions, every one tagged media-literacy and citing evidence."""
    questions = _media_set(bundled_bank).questions
    assert len(questions) >= MIN_QUESTIONS
    for question in questions:
        assert TAG in question.tags, question.id
        assert question.evidence, question.id


def test_media_literacy_set_uses_several_kinds_and_every_source(bundled_bank):
    """The set asks in at least five kinds and cites all five articles."""
    questions = _media_set(bundled_bank).questions
    assert len({q.kind for q in questions}) >= 5
    cited = {e.source for q in questions for e in q.evidence}
    assert cited == {s.slug for s in bundled_bank.sources}


def test_media_literacy_quiz_offers_exactly_that_set(bundled_bank):
    """The ready quiz draws every media-literacy question and nothing else."""
    quiz = next(q for q in bundled_bank.quizzes if q.id == TAG)
    pool = [q for s in bundled_bank.sets if s.id in quiz.sets for q in s.questions
            if not quiz.tags or set(quiz.tags) & set(q.tags)]
    assert {q.id for q in pool} == {q.id for q in _media_set(bundled_bank).questions}
    assert all(TAG in q.tags for q in pool)


def test_media_literacy_quiz_can_be_played_to_full_marks(client, bank):
    """A learner who answers every question by its key scores every mark."""
    attempt = start(client, quiz=TAG)
    count = len(attempt.responses)
    assert count >= MIN_QUESTIONS
    answer_all(client, attempt)
    submit(client, attempt)
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).score == count
