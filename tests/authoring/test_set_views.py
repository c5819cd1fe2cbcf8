"""The question-set pages as a teacher uses them: list, create, edit, filter, preview, delete."""

import re

import pytest
import sqlalchemy as sa

from quizapp.authoring.set_listing import PreviewResponse, preview_layout
from quizapp.authoring.set_services import create_set
from quizapp.bank.models import Evidence, QuestionSet
from quizapp.extensions import db
from quizapp.quizzes.models import Quiz
from tests.authoring.conftest import set_by_slug, snapshot
from tests.factories import log_in
from tests.play.helpers import perfect_form, start


def text(response):
    """Return a response's body as text."""
    return response.get_data(as_text=True)


def test_the_index_lists_own_and_bundled_sets_but_not_another_teachers(
        app, client, make_user, own_set, teacher_client):
    """A bundled set offers "Duplicate to adapt"; another teacher's set is not listed."""
    other = make_user(email="grace@example.org", name="Grace")
    create_set(other, "Grace's secret set")
    db.session.commit()
    page = text(teacher_client.get("/teach/sets/"))
    assert "Test set (copy)" in page and "Not published" in page
    assert "Duplicate to adapt" in page and "Bundled, read-only" in page
    assert "Grace&#39;s secret set" not in page and "Grace's secret set" not in page
    assert "Question sets" in text(teacher_client.get("/teach/"))


def test_an_admin_sees_every_teachers_sets(app, client, make_user, own_set):
    """The admin's index has a section of other teachers' sets."""
    make_user(email="boss@example.org", role="admin", name="Boss")
    log_in(client, "boss@example.org")
    page = text(client.get("/teach/sets/"))
    assert "Other teachers" in page and "Test set (copy)" in page


def test_creating_a_set_makes_an_unpublished_set_of_the_teacher(app, teacher_client, teacher):
    """The form's set is the teacher's, unpublished, and its page opens."""
    response = teacher_client.post("/teach/sets/new", data={
        "title": "  Reading the news  ", "description": "For year 9"})
    assert response.status_code == 302
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert (question_set.title, question_set.description) == ("Reading the news", "For year 9")
    assert question_set.owner_id == teacher.id and not question_set.published
    assert response.location.endswith(f"/teach/sets/{question_set.id}")
    assert "Not published yet." in text(teacher_client.get(response.location))


BAD_SETS = [
    ({"title": "", "description": ""}, "title", "Give the set a title."),
    ({"title": "   ", "description": ""}, "title", "Give the set a title."),
    ({"title": "x" * 201, "description": ""}, "title", "A title is at most 200 characters."),
    ({"title": "Fine", "description": "x" * 2001}, "description",
     "A description is at most 2000 characters."),
]


@pytest.mark.parametrize(("form", "field", "message"), BAD_SETS)
def test_a_bad_new_set_is_refused_beside_the_field(app, teacher_client, form, field, message):
    """The message is beside its field, and no set is made."""
    response = teacher_client.post("/teach/sets/new", data=form)
    assert response.status_code == 400
    assert re.search(rf'id="{field}-error">.*{re.escape(message)}', text(response))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(QuestionSet)) == 0


@pytest.mark.parametrize(("form", "field", "message"), BAD_SETS)
def test_a_bad_edit_changes_nothing(app, teacher_client, own_set, form, field, message):
    """The edit form comes back with its message; the set keeps its title and description."""
    before = snapshot()
    response = teacher_client.post(f"/teach/sets/{own_set.id}/edit", data=form)
    assert response.status_code == 400
    assert re.search(rf'id="{field}-error">.*{re.escape(message)}', text(response))
    assert snapshot() == before


def test_editing_a_set_changes_its_title_not_its_slug(app, teacher_client, own_set):
    """Links to the set keep working after a rename."""
    slug = own_set.slug
    response = teacher_client.post(f"/teach/sets/{own_set.id}/edit",
                                   data={"title": "Renamed", "description": "New words"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (own_set.title, own_set.description, own_set.slug) == ("Renamed", "New words", slug)


def test_publishing_and_unpublishing(app, teacher_client, own_set):
    """Publish, then unpublish; a bundled set cannot be unpublished."""
    url = f"/teach/sets/{own_set.id}/publish"
    assert teacher_client.post(url, data={"published": "1"}).status_code == 302
    db.session.expire_all()
    assert own_set.published
    assert "Unpublish" in text(teacher_client.get(f"/teach/sets/{own_set.id}"))
    assert teacher_client.post(url, data={"published": "0"}).status_code == 302
    db.session.expire_all()
    assert not own_set.published
    assert teacher_client.post(url, data={"published": "maybe"}).status_code == 400
    bundled = set_by_slug("test-set")
    assert teacher_client.post(f"/teach/sets/{bundled.id}/publish",
                               data={"published": "0"}).status_code == 403
    db.session.expire_all()
    assert bundled.published


def test_duplicating_a_bundled_set_from_its_page(app, teacher_client, test_set, teacher):
    """The copy is the teacher's and its page says so."""
    response = teacher_client.post(f"/teach/sets/{test_set.id}/duplicate")
    assert response.status_code == 302
    copy = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.owner_id == teacher.id))
    assert len(copy.questions) == 7
    page = text(teacher_client.get(response.location))
    assert "This is your copy of" in page and "Edit title and description" in page


@pytest.mark.parametrize(("query", "shown"), [
    ("kind=numeric", ["How many experts were heard?"]),
    ("kind=true_false&tag=testing&difficulty=1", ["Ottawa promised a quick decision."]),
    ("tag=testing", None),
    ("difficulty=3", []),
    ("kind=&tag=&difficulty=", None),
])
def test_the_set_page_filters_by_kind_tag_and_difficulty(app, teacher_client, own_set, query,
                                                         shown):
    """Each filter narrows the list (None: every question shows)."""
    response = teacher_client.get(f"/teach/sets/{own_set.id}?{query}")
    assert response.status_code == 200
    page = text(response)
    prompts = [q.current_version.prompt for q in own_set.questions]
    expected = prompts if shown is None else shown
    for prompt in prompts:
        assert (prompt in page) == (prompt in expected), prompt


def test_an_unknown_filter_is_said_beside_its_field(app, teacher_client, own_set):
    """A kind that does not exist is named as wrong, and the list is not narrowed."""
    response = teacher_client.get(f"/teach/sets/{own_set.id}?kind=cloze")
    assert response.status_code == 400
    assert 'id="kind-error"' in text(response)


def test_a_question_without_evidence_is_marked(app, teacher_client, own_set):
    """"No evidence yet" shows for the question whose evidence is gone, and only for it."""
    db.session.execute(sa.delete(Evidence).where(
        Evidence.question_version_id == own_set.questions[0].current_version_id))
    db.session.commit()
    page = text(teacher_client.get(f"/teach/sets/{own_set.id}"))
    assert page.count("No evidence yet") == 1


def test_removing_a_question_retires_it(app, teacher_client, own_set):
    """The question leaves the set page; its version stays for attempts."""
    question = own_set.questions[0]
    response = teacher_client.post(
        f"/teach/sets/{own_set.id}/questions/{question.id}/retire")
    assert response.status_code == 302
    db.session.expire_all()
    assert question.retired and question.current_version is not None
    assert question.current_version.prompt not in text(teacher_client.get(response.location))


@pytest.mark.parametrize("position", range(7))
def test_the_preview_shows_the_question_and_its_review(app, teacher_client, own_set,
                                                       position):
    """The learner's input, then the explanation and an evidence link that highlights."""
    question = own_set.questions[position]
    version = question.current_version
    url = f"/teach/sets/{own_set.id}/questions/{question.id}/preview"
    page = text(teacher_client.get(url))
    assert version.prompt in page and f"kind-{version.kind}" in page
    assert version.explanation in page and "Not answered" in page
    evidence = version.evidence[0]
    assert f"/sources/test-source?hl={evidence.start}-{evidence.end}#" in page
    fields = perfect_form(PreviewResponse(version, preview_layout(question)))
    answered = teacher_client.get(url, query_string={**fields, "check": "1"})
    assert answered.status_code == 200 and "Right" in text(answered)


def test_an_unreadable_preview_answer_says_why(app, teacher_client, own_set):
    """An ordering with two items in one place gets the learner's message."""
    question = next(q for q in own_set.questions if q.current_version.kind == "ordering")
    response = teacher_client.get(
        f"/teach/sets/{own_set.id}/questions/{question.id}/preview",
        query_string={"position-0": "1", "position-1": "1", "position-2": "2", "check": "1"})
    assert response.status_code == 400
    assert "Give each item a different position" in text(response)


def test_a_set_and_question_that_do_not_match_are_404(app, teacher_client, own_set, test_set):
    """A bundled question is not reachable through the teacher's set."""
    url = f"/teach/sets/{own_set.id}/questions/{test_set.questions[0].id}/preview"
    assert teacher_client.get(url).status_code == 404


def test_deleting_an_unused_set(app, teacher_client, own_set):
    """The confirmation page names the count; confirming deletes it."""
    url = f"/teach/sets/{own_set.id}/delete"
    assert "Its 7 questions will be deleted" in text(teacher_client.get(url))
    assert teacher_client.post(url).status_code == 302
    assert db.session.get(QuestionSet, own_set.id) is None


def test_a_set_learners_have_answered_cannot_be_deleted(app, client, teacher, own_set):
    """The page says why; the post changes nothing."""
    quiz = Quiz(slug="mine", title="My quiz", join_code="MINE01", bundled=False,
                owner_id=teacher.id, sets=[own_set], question_count=None)
    db.session.add(quiz)
    db.session.commit()
    start(client, quiz="mine")
    log_in(client, "ada@example.org")
    url = f"/teach/sets/{own_set.id}/delete"
    page = text(client.get(url))
    assert "cannot be deleted" in page and "My quiz" in page
    before = snapshot()
    response = client.post(url)
    assert response.status_code == 409 and "cannot be deleted" in text(response)
    assert snapshot() == before


@pytest.mark.parametrize(("path", "form"), [
    ("/teach/sets/new", {"title": "Forged"}),
    ("/teach/sets/{set}/edit", {"title": "Forged"}),
    ("/teach/sets/{set}/publish", {"published": "1"}),
    ("/teach/sets/{set}/duplicate", {}),
    ("/teach/sets/{set}/delete", {}),
    ("/teach/sets/{set}/questions/{question}/retire", {}),
])
def test_a_forged_post_is_refused_and_changes_nothing(csrf_app, own_set, teacher, path, form):
    """Without the form's token, every change is refused (CSRF on)."""
    client = csrf_app.test_client()
    page = text(client.get("/account/login"))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert log_in(client, "ada@example.org", csrf_token=token).status_code == 302
    before = snapshot()
    url = path.format(set=own_set.id, question=own_set.questions[0].id)
    assert client.post(url, data=form).status_code == 400
    assert snapshot() == before
