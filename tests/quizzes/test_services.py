"""The quiz services: which sets a teacher may use, fresh codes, balanced draws."""

import random
from collections import Counter

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play import services as play
from quizapp.quizzes import services
from quizapp.quizzes.models import Quiz
from tests.factories import make_quiz
from tests.quizzes.helpers import bundled_set, own_set

SETTINGS = {"title": "A quiz", "description": "", "question_count": None,
            "balance_tags": False, "tags": [], "shuffle_questions": True,
            "shuffle_choices": True, "time_limit_minutes": None, "attempts_allowed": None,
            "grading": "best", "feedback": "after_submit", "opens_at": None,
            "closes_at": None, "listed": False}


def test_a_teacher_may_use_their_sets_and_the_bundled_ones_only(teachers, make_user):
    """Their own (published or not) and bundled; not another's, even published; admins all."""
    mine = own_set(teachers.me.id, title="Mine", published=False)
    theirs = own_set(teachers.other.id, title="Theirs", published=True)
    assert {s.slug for s in services.usable_sets(teachers.me)} == {"test-set", mine.slug}
    admin = make_user("head@example.org", role="admin")
    assert {s.slug for s in services.usable_sets(admin)} == {"test-set", mine.slug, theirs.slug}


def test_codes_and_slugs_are_fresh_even_when_the_random_draw_repeats(teachers):
    """Two quizzes made with the same random sequence still get different codes and slugs."""
    first = services.create_quiz(teachers.me, [bundled_set()], SETTINGS, random.Random(7))
    second = services.create_quiz(teachers.me, [bundled_set()], SETTINGS, random.Random(7))
    assert first.join_code != second.join_code and first.slug != second.slug


def test_a_balanced_quiz_draws_evenly_across_its_tags(teachers):
    """Four questions tagged a, four b: each attempt of four draws two of each tag."""
    set_a = own_set(teachers.me.id, title="A", tags=["a"])
    set_b = own_set(teachers.me.id, title="B", tags=["b"])
    quiz = services.create_quiz(teachers.me, [set_a, set_b], {
        **SETTINGS, "question_count": 4, "balance_tags": True})
    db.session.commit()
    for n in range(5):
        attempt = play.start_attempt(quiz, f"learner-{n}", "Sam", f"token-{n}",
                                     rng=random.Random(n))
        tags = Counter(r.question_version.tags[0] for r in attempt.responses)
        assert tags == {"a": 2, "b": 2}


def test_pool_size_counts_what_the_sets_and_tags_offer(teachers):
    """Seven questions in the test set, all tagged testing; none tagged otherwise."""
    ids = [bundled_set().id]
    assert services.pool_size(ids) == 7
    assert services.pool_size(ids, ["testing"]) == 7
    assert services.pool_size(ids, ["nothing"]) == 0
    assert services.set_tags(ids) == ["testing"]


def test_bank_files_may_ask_for_a_balanced_draw(app, bank_writer):
    """`balance_tags: true` in a quiz file is loaded; left out, it is false."""
    bank_writer.load(quizzes=[make_quiz(question_count=2, balance_tags=True),
                              make_quiz(id="plain-quiz", join_code="PLAIN1")])
    flags = dict(db.session.execute(sa.select(Quiz.slug, Quiz.balance_tags)).all())
    assert flags == {"test-quiz": True, "plain-quiz": False}
