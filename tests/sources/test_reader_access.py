"""A teacher's source is read by its owner, admins, and learners whose attempt cites it;
everyone else is told there is no such page. Forged forms change nothing."""

import re

import pytest

from tests.factories import log_in, make_quiz
from tests.play.helpers import start
from tests.play.test_query_counts import counting_queries
from tests.sources.helpers import (
    DETAILS,
    NEWS_PAGE,
    TEXT,
    give_test_source_to,
    newest_source,
    paste,
    snapshot,
    teacher,
    upload,
)


def test_only_the_owner_and_admins_read_an_uncited_source(app, client, make_user):
    """Another teacher, a learner and a stranger get 404, by link or by guess."""
    teacher(client, make_user)
    paste(client)
    source = newest_source()
    assert client.get(f"/sources/{source.slug}").status_code == 200
    admin = app.test_client()
    teacher(admin, make_user, email="head@example.org", role="admin")
    assert admin.get(f"/sources/{source.slug}").status_code == 200
    other = app.test_client()
    teacher(other, make_user, email="grace@example.org")
    for visitor in (other, app.test_client()):
        assert visitor.get(f"/sources/{source.slug}").status_code == 404
        assert visitor.get(f"/sources/{source.slug}?passages=all").status_code == 404
    for url in ("", "/edit", "/text"):
        assert other.get(f"/teach/sources/{source.id}{url}").status_code == 404
    assert source.headline not in other.get("/teach/sources/").get_data(as_text=True)


def test_another_teachers_forged_changes_are_refused(app, client, make_user):
    """Posting to another teacher's source is a 404 and changes nothing."""
    teacher(client, make_user)
    paste(client)
    source = newest_source()
    other = app.test_client()
    teacher(other, make_user, email="grace@example.org")
    before = snapshot()
    for url, data in (("/edit", DETAILS), ("/text", {"text": "Hijacked."}), ("/delete", {})):
        assert other.post(f"/teach/sources/{source.id}{url}", data=data).status_code == 404
    assert snapshot() == before


def test_a_learner_whose_attempt_cites_a_teachers_source_may_read_it(app, bank_writer,
                                                                    make_user):
    """The evidence link of a learner's own attempt opens; a learner without one gets 404."""
    bank_writer.load()
    give_test_source_to(make_user())
    learner = app.test_client()
    start(learner)
    assert learner.get("/sources/test-source?hl=0-6").status_code == 200
    assert app.test_client().get("/sources/test-source").status_code == 404


def test_the_public_index_lists_only_bundled_sources(app, bank_writer, client, make_user):
    """A teacher's article is never listed to everyone."""
    bank_writer.load()
    teacher(client, make_user)
    paste(client)
    page = app.test_client().get("/sources/").get_data(as_text=True)
    assert "A test article" in page and "Ferry fares rise again" not in page
    listed = client.get("/teach/sources/").get_data(as_text=True)
    assert "Ferry fares rise again" in listed and "A test article" in listed


def _reader_queries(app, bank_writer, make_user, size):
    """Return the queries a learner's reader page of a teacher's source costs."""
    from tests.factories import SAMPLE_QUESTIONS, make_question
    kinds = list(SAMPLE_QUESTIONS)
    bank_writer.load(questions=[make_question(kinds[i % 7], id=f"q-{i}") for i in range(size)],
                     quizzes=[make_quiz(question_count=None)])
    give_test_source_to(make_user(email=f"t{size}@example.org"))
    learner = app.test_client()
    start(learner)
    with counting_queries() as statements:
        assert learner.get("/sources/test-source?passages=all").status_code == 200
    return len(statements)


def test_the_reader_costs_the_same_queries_however_many_questions_cite(app, bank_writer,
                                                                       make_user):
    """The access check and the newer-version link are one query each."""
    from tests.conftest import clear_database
    small = _reader_queries(app, bank_writer, make_user, 7)
    clear_database()
    assert _reader_queries(app, bank_writer, make_user, 70) == small


@pytest.mark.parametrize("action", ["new", "upload", "edit", "text", "delete"])
def test_a_forged_post_is_refused_and_changes_nothing(csrf_app, make_user, action):
    """Without the form's CSRF token, every source form is refused with 400."""
    client = csrf_app.test_client()
    make_user()
    page = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    log_in(client, csrf_token=token)
    page = client.get("/teach/sources/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert paste(client, csrf_token=token).status_code == 302
    source = newest_source()
    before = snapshot()
    if action == "upload":
        response = upload(client, NEWS_PAGE, **DETAILS)
    else:
        url = "/teach/sources/new" if action == "new" else f"/teach/sources/{source.id}/{action}"
        response = client.post(url, data={**DETAILS, "text": TEXT + " forged"})
    assert response.status_code == 400
    assert snapshot() == before
