"""Essays (marked by a teacher) and descriptions (text, no mark) in the learner flow."""

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.play.models import Attempt, Response
from quizapp.play.scoring import MarkError, mark_response
from tests.factories import make_question, make_quiz
from tests.play.helpers import question_url, start, submit

ESSAY_TEXT = "Allies pressed Canada.\n\nIt wanted time to weigh the evidence."


def _load(bank_writer, feedback="after_submit", **quiz):
    questions = [make_question("description"), make_question("essay"),
                 make_question("single_choice")]
    bank_writer.load(questions=questions, quizzes=[make_quiz(feedback=feedback, **quiz)])


def _answer(client, attempt):
    """Read the description, write the essay, answer the choice rightly."""
    for position, form in ((1, {}), (2, {"answer": ESSAY_TEXT}),
                           (3, {"answer": "Ada Lovelace"})):
        response = client.post(question_url(attempt, position), data={**form, "go": "next"})
        assert response.status_code == 302, response.get_data(as_text=True)


def _responses(attempt):
    db.session.expire_all()
    return {r.question_version.kind: r for r in db.session.scalars(
        sa.select(Response).where(Response.attempt_id == attempt.id))}


def test_a_description_shows_its_text_asks_nothing_and_counts_for_no_mark(client, bank_writer):
    """The description page has its text, no input, a Next button; the maximum is 2."""
    _load(bank_writer)
    attempt = start(client)
    assert attempt.max_score == 2
    page = client.get(question_url(attempt, 1)).get_data(as_text=True)
    assert "The next questions are about the committee" in page
    assert "Nothing to answer here" in page and 'name="answer"' not in page
    assert "Next →" in page and "Save and next" not in page
    review = client.get(f"/attempt/{attempt.public_id}/review").get_data(as_text=True)
    assert "2 questions are not answered yet" in review  # the essay and the choice only
    # Resuming shows the introduction before the first unanswered question, and Next
    # leads on to the essay (the maximum of 2 marks is not the number of pages).
    assert client.get(f"/attempt/{attempt.public_id}").location.endswith("/q/1")
    assert client.post(question_url(attempt, 1), data={"go": "next"}).location.endswith("/q/2")
    client.post(question_url(attempt, 2), data={"answer": ESSAY_TEXT, "go": "next"})
    assert client.get(f"/attempt/{attempt.public_id}").location.endswith("/q/3")


def test_an_essay_is_provisional_until_its_teacher_marks_it(client, bank_writer, make_user):
    """Handed in, the essay waits: no 'Wrong', a provisional score; marked, it counts."""
    _load(bank_writer)
    attempt = start(client)
    _answer(client, attempt)
    submit(client, attempt)
    result = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "<strong>1</strong> out of 2" in result
    assert "Provisional." in result and "1 answer waits for your teacher" in result
    assert "Waiting for your teacher" in result and "Wrong" not in result
    assert "It wanted time to weigh the evidence." in result
    assert "Look for the pressure" not in result  # the grader note is for teachers
    essay = _responses(attempt)["essay"]
    assert essay.score is None and essay.answer == ESSAY_TEXT
    teacher = make_user(email="marker@example.org")
    mark_response(essay, 0.5, teacher)
    db.session.commit()
    stored = db.session.get(Attempt, attempt.id)
    assert stored.score == 1.5 and stored.unmarked == 0 and not stored.provisional
    assert essay.marked_by_id == teacher.id and essay.marked_at is not None
    result = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "<strong>1.5</strong> out of 2" in result and "Provisional." not in result
    assert "Marked by your teacher: 0.5 of 1 mark" in result


def test_an_unanswered_essay_scores_0_and_leaves_nothing_to_mark(client, bank_writer):
    """A blank essay is not provisional: there is nothing for the teacher to read."""
    _load(bank_writer)
    attempt = start(client)
    submit(client, attempt)
    db.session.expire_all()
    stored = db.session.get(Attempt, attempt.id)
    assert stored.score == 0 and stored.unmarked == 0
    assert _responses(attempt)["essay"].score == 0


def test_marks_are_refused_when_they_cannot_be_given(client, bank_writer, make_user):
    """Before hand-in, on an automatic kind, or outside 0..1, nothing is marked."""
    _load(bank_writer)
    attempt = start(client)
    _answer(client, attempt)
    teacher = make_user(email="marker@example.org")
    responses = _responses(attempt)
    for response, fraction, message in (
            (responses["essay"], 1, "not handed in"),):
        try:
            mark_response(response, fraction, teacher)
        except MarkError as error:
            assert message in str(error)
        else:
            raise AssertionError("marked")
    submit(client, attempt)
    responses = _responses(attempt)
    for response, fraction, message in ((responses["single_choice"], 1, "automatically"),
                                        (responses["essay"], 1.5, "from 0 to 1")):
        try:
            mark_response(response, fraction, teacher)
        except MarkError as error:
            assert message in str(error)
        else:
            raise AssertionError("marked")
    assert _responses(attempt)["essay"].score is None


def test_an_essay_with_immediate_feedback_is_never_called_wrong(client, bank_writer):
    """Checked at once, an essay says it waits for the teacher; a description asks no check."""
    _load(bank_writer, feedback="immediate")
    attempt = start(client)
    description = client.get(question_url(attempt, 1)).get_data(as_text=True)
    assert "Check my answer" not in description
    client.post(question_url(attempt, 2), data={"answer": ESSAY_TEXT, "go": "check"})
    page = client.get(question_url(attempt, 2)).get_data(as_text=True)
    assert "Waiting for your teacher" in page and "Wrong" not in page
    assert "Right answer" not in page


def test_a_random_draw_leaves_descriptions_out(client, bank_writer):
    """A quiz drawing 2 questions draws scored ones: a description out of place means nothing."""
    _load(bank_writer, question_count=2, shuffle_questions=True)
    for name in ("Ann", "Bob", "Cy", "Di"):
        attempt = start(client.application.test_client(), name=name)
        kinds = {r.question_version.kind for r in attempt.responses}
        assert "description" not in kinds and attempt.max_score == 2


def test_a_question_without_evidence_shows_no_source_link(client, bank_writer):
    """An imported question with no evidence yet gets no empty list and no source link."""
    bank_writer.load(questions=[make_question("single_choice", evidence=[])],
                     quizzes=[make_quiz()])
    attempt = start(client)
    client.post(question_url(attempt, 1), data={"answer": "Ada Lovelace", "go": "review"})
    submit(client, attempt)
    result = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "Right" in result and "EXPLANATION-single_choice" in result
    assert "Read it in the source" not in result and "evidence-list" not in result
