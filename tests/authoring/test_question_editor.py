"""A teacher writes a question of each kind in the editor, edits it into new versions, and a
learner plays what was written."""

import pytest
import sqlalchemy as sa

from quizapp.bank.models import Question, QuestionVersion
from quizapp.domain.kinds import KINDS
from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.authoring.helpers import (
    KIND_FORMS,
    OWN_BODY,
    body_offsets,
    counts,
    expected_data,
    make_teacher_question,
    make_teacher_quiz,
    make_teacher_source,
    question_form,
)
from tests.factories import SAMPLE_EVIDENCE, SAMPLE_QUESTIONS
from tests.play.helpers import answer_all, question_url, start, submit


def _only_question(desk):
    db.session.expire_all()
    return db.session.scalars(sa.select(Question).where(
        Question.set_id == desk.question_set.id)).one()


def test_without_a_kind_the_teacher_chooses_one_first(desk):
    """The new-question page lists every kind, each leading to its own editor."""
    page = desk.client.get(desk.new_url()).get_data(as_text=True)
    for kind in KINDS.values():
        assert f'name="kind" value="{kind.name}"' in page
        assert kind.label in page


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_has_its_editor_template(app, kind):
    """Each registered kind finds its editor by its own name."""
    assert KINDS[kind].template("editor") == f"kinds/{kind}/editor.html"
    app.jinja_env.get_template(KINDS[kind].template("editor"))


# Every kind a learner answers and the app scores (essays are marked by hand, descriptions
# ask nothing: the play tests cover them).
@pytest.mark.parametrize("kind", sorted(SAMPLE_QUESTIONS))
def test_a_question_of_each_kind_is_written_in_the_form_and_played(desk, kind):
    """The form makes version 1 with the kind's definition and evidence; a learner scores 1."""
    assert desk.client.get(desk.new_url(kind)).status_code == 200
    response = desk.client.post(desk.new_url(kind), data=question_form(kind, desk.source_id))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/teach/sets/{desk.question_set.id}"

    question = _only_question(desk)
    version = question.current_version
    assert (version.number, version.kind, version.data) == (1, kind, expected_data(kind))
    assert version.tags == ["testing", "second-tag"] and version.difficulty == 2
    assert [(e.quote, e.start, e.end) for e in version.evidence] == [
        (SAMPLE_EVIDENCE[kind], *body_offsets(SAMPLE_EVIDENCE[kind]))]
    assert len(version.content_hash) == 64

    make_teacher_quiz(desk.question_set)
    learner = desk.client.application.test_client()
    attempt = start(learner, quiz="teacher-quiz")
    answer_all(learner, attempt)
    assert submit(learner, attempt).status_code == 302
    db.session.expire_all()
    assert db.session.get(Attempt, attempt.id).score == 1


def test_the_editor_shows_what_was_saved(desk):
    """Opening a saved question shows its fields, marks and passages as they were written."""
    desk.client.post(desk.new_url("single_choice"),
                     data=question_form("single_choice", desk.source_id))
    question = _only_question(desk)
    page = desk.client.get(desk.edit_url(question)).get_data(as_text=True)
    assert 'name="choice" value="Ada Lovelace"' in page
    assert '<input type="radio" name="right" value="0" checked>' in page
    assert "This is version 1." in page
    assert SAMPLE_EVIDENCE["single_choice"] in page
    assert "No evidence yet" not in page


def test_editing_makes_a_new_version_and_an_unchanged_save_makes_none(desk):
    """A change makes version 2 and moves the current version; the old one is untouched."""
    desk.client.post(desk.new_url("numeric"), data=question_form("numeric", desk.source_id))
    question = _only_question(desk)
    first = question.current_version
    first_values = (first.prompt, dict(first.data), first.content_hash)

    same = desk.client.post(desk.edit_url(question),
                            data=question_form("numeric", desk.source_id))
    assert same.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionVersion)
                             .where(QuestionVersion.question_id == question.id)) == 1

    changed = question_form("numeric", desk.source_id, tolerance="1", unit="people")
    assert desk.client.post(desk.edit_url(question), data=changed).status_code == 302
    question = _only_question(desk)
    assert question.current_version.number == 2
    assert question.current_version.data == {"answer": 12, "tolerance": 1, "unit": "people"}
    old = db.session.get(QuestionVersion, first.id)
    assert (old.prompt, old.data, old.content_hash) == first_values
    assert [e.quote for e in old.evidence] == [SAMPLE_EVIDENCE["numeric"]]


def test_a_bank_loaded_question_saved_unchanged_gets_no_new_version(desk, bank_writer):
    """A definition the editor writes differently (tolerance left out) still counts as unchanged."""
    question = make_teacher_question(desk.question_set, "short_answer")
    page = desk.client.get(desk.edit_url(question)).get_data(as_text=True)
    assert "No evidence yet." in page
    form = question_form("short_answer", quote="", explanation="Because the text says so.",
                         tags="testing", difficulty="1")
    assert desk.client.post(desk.edit_url(question), data=form).status_code == 302
    assert _only_question(desk).current_version.number == 1


def test_an_attempt_keeps_the_version_its_learner_saw(desk):
    """A learner who started before an edit is asked, and scored on, the old wording."""
    desk.client.post(desk.new_url("single_choice"),
                     data=question_form("single_choice", desk.source_id))
    make_teacher_quiz(desk.question_set)
    learner = desk.client.application.test_client()
    attempt = start(learner, quiz="teacher-quiz")
    first_version = attempt.responses[0].question_version_id

    question = _only_question(desk)
    edited = question_form("single_choice", desk.source_id, prompt="Who chairs the committee?",
                           right="2")
    assert desk.client.post(desk.edit_url(question), data=edited).status_code == 302
    assert _only_question(desk).current_version.number == 2

    page = learner.get(question_url(attempt, 1)).get_data(as_text=True)
    assert "Who is the minister?" in page and "Who chairs the committee?" not in page
    answer_all(learner, attempt)
    submit(learner, attempt)
    db.session.expire_all()
    saved = db.session.get(Attempt, attempt.id)
    assert saved.responses[0].question_version_id == first_version
    assert saved.score == 1  # Ada Lovelace was right in the version asked

    later = start(desk.client.application.test_client(), quiz="teacher-quiz", name="Bo")
    assert later.responses[0].question_version.prompt == "Who chairs the committee?"


def test_new_questions_go_at_the_end_with_unique_ids(desk):
    """Each question gets its own id from its prompt and the next position in the set."""
    for _ in range(2):
        desk.client.post(desk.new_url("true_false"),
                         data=question_form("true_false", desk.source_id))
    questions = db.session.scalars(sa.select(Question).where(
        Question.set_id == desk.question_set.id).order_by(Question.position)).all()
    assert [q.position for q in questions] == [0, 1]
    assert len({q.slug for q in questions}) == 2
    assert all(q.slug.startswith("ottawa-promised-a-quick-decision-") for q in questions)


def test_save_and_preview_goes_to_the_preview(desk):
    """The second save button leads to the question's preview page."""
    response = desk.client.post(desk.new_url("ordering"),
                                data=question_form("ordering", desk.source_id, then="preview"))
    question = _only_question(desk)
    assert response.headers["Location"] == (
        f"/teach/sets/{desk.question_set.id}/questions/{question.id}/preview")


def test_a_question_may_be_saved_without_evidence(desk):
    """Evidence is optional: the question is saved with none, and its editor says so."""
    response = desk.client.post(desk.new_url("true_false"),
                                data=question_form("true_false", quote=""))
    assert response.status_code == 302
    question = _only_question(desk)
    assert question.current_version.evidence == []
    assert "No evidence yet." in desk.client.get(desk.edit_url(question)).get_data(as_text=True)


@pytest.mark.parametrize(("kind", "name", "rows"), [
    ("single_choice", "choice", 5), ("matching", "item", 4), ("ordering", "item", 5),
    ("short_answer", "accepted", 3), ("short_answer", "refuse", 2)])
def test_add_another_keeps_what_was_typed_and_adds_a_row(desk, kind, name, rows):
    """Without JavaScript, "Add another" comes back with one more row and nothing saved."""
    before = counts()
    form = question_form(kind, desk.source_id, add=name, prompt="Half written")
    response = desk.client.post(desk.new_url(kind), data=form)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.count(f'name="{name}"') == rows
    assert "Half written" in page
    typed = [v for v in KIND_FORMS[kind][name] if v]
    assert all(f'name="{name}" value="{v}"' in page for v in typed)
    assert "Nothing was saved" not in page and 'class="error"' not in page
    assert counts() == before


def test_add_another_passage_and_show_another_source(desk):
    """Passages are added the same way; "Show this source" shows the chosen one's text."""
    own = make_teacher_source(desk.user.id)
    form = question_form("true_false", desk.source_id, add="evidence")
    page = desk.client.post(desk.new_url("true_false"), data=form).get_data(as_text=True)
    assert 'name="evidence-1-quote"' in page
    assert SAMPLE_EVIDENCE["true_false"] in page
    form = question_form("true_false", desk.source_id, show="1", reading=str(own.id))
    page = desk.client.post(desk.new_url("true_false"), data=form).get_data(as_text=True)
    assert f'data-source="{own.id}"' in page and "The council met twice." in page


def test_offsets_from_a_selection_pick_one_of_two_equal_passages(desk):
    """A quote found twice is placed by the offsets the selection gave."""
    own = make_teacher_source(desk.user.id)
    quote = "The mayor said the plan was fair."
    second = OWN_BODY.index(quote, OWN_BODY.index(quote) + 1)
    form = question_form("true_false", own.id, quote=quote,
                         **{"evidence-0-start": str(second),
                            "evidence-0-end": str(second + len(quote))})
    assert desk.client.post(desk.new_url("true_false"), data=form).status_code == 302
    passage = _only_question(desk).current_version.evidence[0]
    assert (passage.source_id, passage.start, passage.end) == (own.id, second,
                                                              second + len(quote))


def test_a_quote_across_a_line_break_is_found_as_browsers_send_it(desk):
    """A text area's CR LF line breaks still match the source's LF."""
    quote = "Ada Lovelace.\r\nThe committee met 3 times"
    form = question_form("true_false", desk.source_id, quote=quote)
    assert desk.client.post(desk.new_url("true_false"), data=form).status_code == 302
    passage = _only_question(desk).current_version.evidence[0]
    assert passage.quote == "Ada Lovelace.\nThe committee met 3 times"


def test_line_breaks_are_kept_as_the_bank_files_keep_them(desk):
    """A browser's CR LF comes in as LF, so saving the same text again changes nothing."""
    form = question_form("true_false", desk.source_id,
                         explanation="First paragraph.\r\n\r\nSecond paragraph.")
    desk.client.post(desk.new_url("true_false"), data=form)
    question = _only_question(desk)
    assert question.current_version.explanation == "First paragraph.\n\nSecond paragraph."
    desk.client.post(desk.edit_url(question), data=form)
    assert _only_question(desk).current_version.number == 1


def test_emptying_a_row_removes_its_entry(desk):
    """Without JavaScript, a choice is removed by emptying its row."""
    desk.client.post(desk.new_url("multiple_response"),
                     data=question_form("multiple_response", desk.source_id))
    question = _only_question(desk)
    form = question_form("multiple_response", desk.source_id, choice=["3", "12", "", "40"])
    assert desk.client.post(desk.edit_url(question), data=form).status_code == 302
    version = _only_question(desk).current_version
    assert (version.number, version.data) == (2, {"choices": ["3", "12", "40"],
                                                  "answer": ["3", "12"]})
