"""The import and export pages: upload, preview, confirm, download; nothing half-done."""

import io

import sqlalchemy as sa

from quizapp.bank.models import Question, QuestionSet, QuestionVersion
from quizapp.extensions import db
from quizapp.interchange.models import ImportUpload
from tests.factories import log_in
from tests.interchange.files import BROKEN_GIFT, GIFT, table_counts


def _tables():
    return table_counts(db, QuestionSet, Question, QuestionVersion, ImportUpload)


def _teacher(client, make_user, email="ada@example.org"):
    user = make_user(email=email)
    log_in(client, email)
    return user


def _upload(client, url, text, name="course.gift", **fields):
    data = {"file": (io.BytesIO(text if isinstance(text, bytes) else text.encode()), name),
            "format": "guess", **fields}
    return client.post(url, data=data, content_type="multipart/form-data")


def test_upload_preview_confirm_makes_the_teachers_set(client, make_user):
    """The preview counts kinds and warns; only the confirm writes the set."""
    teacher = _teacher(client, make_user)
    response = _upload(client, "/teach/sets/import", GIFT, title="Geography")
    assert response.status_code == 302
    preview_url = response.location
    assert _tables() == [0, 0, 0, 1]
    page = client.get(preview_url).get_data(as_text=True)
    for shown in ("3 questions", "Single choice</td><td>1", "Essay</td><td>1",
                  "Description</td><td>1", "line 4: capital: per-answer feedback is not kept",
                  "no evidence yet", "Import 3 questions"):
        assert shown in page, shown
    response = client.post(preview_url)
    assert response.status_code == 302
    question_set = db.session.scalar(sa.select(QuestionSet))
    assert question_set.owner_id == teacher.id and not question_set.bundled
    assert question_set.title == "Geography" and len(question_set.questions) == 3
    assert _tables()[3] == 0
    page = client.get(response.location).get_data(as_text=True)
    assert "Imported 3 questions into Geography." in page
    assert client.post(preview_url).status_code == 404  # confirmed once, gone


def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_kept(client, make_user):
    """The error shows beside the file field and in the list; no row is written."""
    _teacher(client, make_user)
    response = _upload(client, "/teach/sets/import", BROKEN_GIFT, title="Broken")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "line 3, column 14: the answers starting here have no closing }" in page
    assert "This file cannot be imported: nothing was imported." in page
    assert 'aria-invalid="true"' in page
    assert _tables() == [0, 0, 0, 0]


def test_missing_title_file_or_format_is_said_beside_the_field(client, make_user):
    """No title, no file, or a name that does not tell the format: each is named."""
    _teacher(client, make_user)
    page = _upload(client, "/teach/sets/import", GIFT, title="").get_data(as_text=True)
    assert "Give the new set a title." in page
    response = client.post("/teach/sets/import", data={"title": "X", "format": "guess"})
    assert "Choose a file." in response.get_data(as_text=True)
    page = _upload(client, "/teach/sets/import", GIFT, name="course.txt",
                   title="X").get_data(as_text=True)
    assert "Choose the file&#39;s format" in page
    assert _tables() == [0, 0, 0, 0]


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, app, make_user):
    """IMPORT_MAX_BYTES refuses a bigger file, saying the limit."""
    _teacher(client, make_user)
    app.config["IMPORT_MAX_BYTES"] = 40
    page = _upload(client, "/teach/sets/import", GIFT, title="Big").get_data(as_text=True)
    assert "the most an import may take is 40" in page
    assert _tables() == [0, 0, 0, 0]


def test_import_into_an_own_set_and_not_into_others(client, app, make_user, bank_writer):
    """Into one's own set: added at its end; a bundled set is 403, another's 404."""
    bank_writer.load()
    teacher = _teacher(client, make_user)
    own = QuestionSet(slug="mine", title="Mine", bundled=False, owner_id=teacher.id)
    theirs = QuestionSet(slug="theirs", title="Theirs", bundled=False,
                         owner_id=make_user(email="bo@example.org").id)
    db.session.add_all([own, theirs])
    db.session.commit()
    bundled = db.session.scalar(sa.select(QuestionSet).where(QuestionSet.slug == "test-set"))
    assert _upload(client, f"/teach/sets/{bundled.id}/import", GIFT).status_code == 403
    assert _upload(client, f"/teach/sets/{theirs.id}/import", GIFT).status_code == 404
    response = _upload(client, f"/teach/sets/{own.id}/import", GIFT)
    client.post(response.location)
    db.session.expire_all()
    assert [q.position for q in db.session.get(QuestionSet, own.id).questions] == [1, 2, 3]


def test_another_teacher_cannot_see_or_confirm_an_upload(client, app, make_user):
    """An upload is its uploader's: another teacher gets 404 and nothing is imported."""
    _teacher(client, make_user)
    preview_url = _upload(client, "/teach/sets/import", GIFT, title="Mine").location
    other = app.test_client()
    make_user(email="bo@example.org")
    log_in(other, "bo@example.org")
    assert other.get(preview_url).status_code == 404
    assert other.post(preview_url).status_code == 404
    assert _tables() == [0, 0, 0, 1]


def test_export_page_says_what_each_format_loses_and_downloads(client, make_user, bank_writer):
    """Every format is offered with its losses; a download is a file with a loss count."""
    bank_writer.load()
    _teacher(client, make_user)
    question_set = db.session.scalar(sa.select(QuestionSet))
    page = client.get(f"/teach/sets/{question_set.id}/export").get_data(as_text=True)
    assert "Moodle GIFT" in page and "Quizapp set file (YAML)" in page
    assert "evidence is not exported: GIFT has no place for source passages" in page
    assert "Nothing is lost." in page  # our own format
    response = client.get(f"/teach/sets/{question_set.id}/export?format=gift")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="test-set.gift.txt"'
    assert int(response.headers["X-Quizapp-Export-Losses"]) >= 7
    assert "::test-single-choice::Who is the minister?" in response.get_data(as_text=True)
    assert client.get(f"/teach/sets/{question_set.id}/export?format=pdf").status_code == 404


def test_a_file_bigger_than_a_form_may_be_is_taken(client, make_user):
    """The import pages take files past the 64 KiB every other request keeps to."""
    _teacher(client, make_user)
    many = "\n\n".join(f"::q{i}:: Is this question number {i} of a long file, written out "
                       "at length to pass the limit of a form? {T}" for i in range(900))
    assert len(many.encode()) > 64 * 1024
    response = _upload(client, "/teach/sets/import", many, title="Long")
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert "900 questions" in client.get(response.location).get_data(as_text=True)
