"""Text that questions cite is never edited in place: an edit makes a new version, and old
evidence keeps highlighting the text it was written against."""

import sqlalchemy as sa

from quizapp.bank.models import Evidence, Source
from quizapp.extensions import db
from quizapp.sources import services
from tests.factories import TEST_SOURCE_BODY
from tests.sources.helpers import (
    give_test_source_to,
    newest_source,
    paste,
    snapshot,
    source_by_slug,
    teacher,
)

NEW_BODY = "A short correction comes first.\n" + TEST_SOURCE_BODY


def test_an_uncited_text_is_edited_in_place(client, make_user):
    """Nothing quotes it yet, so the same row takes the new text."""
    teacher(client, make_user)
    paste(client)
    source = newest_source()
    response = client.post(f"/teach/sources/{source.id}/text", data={"text": "New words.\r\n"})
    assert response.headers["Location"] == f"/teach/sources/{source.id}"
    edited = newest_source()
    assert (edited.id, edited.body, edited.version) == (source.id, "New words.", 1)
    assert edited.content_hash == services.body_hash("New words.")


def test_a_cited_text_edit_makes_a_new_version_and_old_evidence_keeps_the_old_text(
        client, bank_writer, make_user):
    """The old row, and every evidence offset into it, stay as they were."""
    bank_writer.load()
    user = teacher(client, make_user)
    old = give_test_source_to(user)
    evidence_before = db.session.execute(sa.select(
        Evidence.id, Evidence.source_id, Evidence.start, Evidence.end)).all()
    response = client.post(f"/teach/sources/{old.id}/text", data={"text": NEW_BODY})
    newer = newest_source()
    assert response.headers["Location"] == f"/teach/sources/{newer.id}"
    assert newer.id != old.id
    assert (newer.version, newer.previous_id, newer.owner_id) == (2, old.id, user.id)
    assert newer.body == NEW_BODY and newer.slug == "test-source-v2"
    assert (newer.headline, newer.outlet, newer.provenance) == (
        old.headline, old.outlet, old.provenance)
    assert source_by_slug("test-source").body == TEST_SOURCE_BODY
    assert db.session.execute(sa.select(
        Evidence.id, Evidence.source_id, Evidence.start, Evidence.end)).all() == evidence_before
    for quote, start, end in db.session.execute(sa.select(
            Evidence.quote, Evidence.start, Evidence.end)):
        assert TEST_SOURCE_BODY[start:end] == quote


def test_old_highlights_stay_right_and_the_old_reader_links_to_the_newest(
        client, bank_writer, make_user):
    """An old attempt's evidence link still marks its passage in the old version's text."""
    bank_writer.load()
    old = give_test_source_to(teacher(client, make_user))
    client.post(f"/teach/sources/{old.id}/text", data={"text": NEW_BODY})
    # Nothing cites version 2 yet: editing it again changes it in place.
    client.post(f"/teach/sources/{newest_source().id}/text", data={"text": NEW_BODY + "!"})
    start = TEST_SOURCE_BODY.index("heard from 12 experts")
    end = start + len("heard from 12 experts")
    page = client.get(f"/sources/test-source?hl={start}-{end}").get_data(as_text=True)
    assert '<mark class="evidence-mark is-current">heard from 12 experts</mark>' in page
    assert "This is version 1 of this article" in page
    assert 'href="/sources/test-source-v2"' in page and "(version 2)" in page
    newest = client.get("/sources/test-source-v2").get_data(as_text=True)
    assert "This is version" not in newest and "was published.!" in newest
    assert newest_source().body == NEW_BODY + "!"


def test_latest_version_follows_the_chain_in_one_query(app, bank_writer, make_user):
    """The question editor asks for the version new questions should cite."""
    bank_writer.load()
    user = make_user()
    first = give_test_source_to(user)
    second = services.edit_body(first, NEW_BODY)
    db.session.add(Evidence(question_version_id=db.session.scalar(
        sa.select(Evidence.question_version_id).limit(1)), source_id=second.id,
        quote="correction", start=8, end=18))
    third = services.edit_body(second, NEW_BODY + " More.")
    db.session.commit()
    assert [services.latest_version(s).id for s in (first, second, third)] == [third.id] * 3
    assert services.versions_of(third) == [second, first]
    assert services.teacher_sources(user) == [third]


def test_an_older_version_cannot_be_edited(client, bank_writer, make_user):
    """Editing goes to the newest version, so versions never fork."""
    bank_writer.load()
    old = give_test_source_to(teacher(client, make_user))
    client.post(f"/teach/sources/{old.id}/text", data={"text": NEW_BODY})
    newer = newest_source()
    response = client.post(f"/teach/sources/{old.id}/text", data={"text": "Other."})
    assert response.headers["Location"] == f"/teach/sources/{newer.id}/text"
    assert db.session.scalar(sa.select(sa.func.count(Source.id))) == 2
    assert source_by_slug("test-source").body == TEST_SOURCE_BODY


def test_saving_the_same_text_changes_nothing(client, bank_writer, make_user):
    """No new version for an edit that changes nothing."""
    bank_writer.load()
    old = give_test_source_to(teacher(client, make_user))
    before = snapshot()
    client.post(f"/teach/sources/{old.id}/text", data={"text": TEST_SOURCE_BODY})
    assert snapshot() == before


def test_an_empty_text_is_refused_and_nothing_changes(client, bank_writer, make_user):
    """Emptying a text is a mistake beside the field."""
    bank_writer.load()
    old = give_test_source_to(teacher(client, make_user))
    before = snapshot()
    response = client.post(f"/teach/sources/{old.id}/text", data={"text": " \n "})
    assert response.status_code == 400
    assert "Paste the article" in response.get_data(as_text=True).split('id="text-error"')[1]
    assert snapshot() == before


def test_details_are_edited_in_place(client, make_user):
    """The outlet, headline, date and provenance do not move any offset."""
    teacher(client, make_user)
    paste(client)
    source = newest_source()
    form = client.get(f"/teach/sources/{source.id}/edit").get_data(as_text=True)
    assert 'value="2024-03"' in form
    response = client.post(f"/teach/sources/{source.id}/edit", data={
        "headline": "Fares rise", "outlet": "Courier", "published": "2024-03-04",
        "url": "", "provenance": "verified", "provenance_note": "", "date_note": "A Monday."})
    assert response.status_code == 302
    edited = newest_source()
    assert (edited.id, edited.headline, edited.outlet, edited.url) == (
        source.id, "Fares rise", "Courier", None)
    assert (edited.date_precision, edited.provenance, edited.date_note) == (
        "day", "verified", "A Monday.")


def test_bad_details_are_refused_and_nothing_changes(client, make_user):
    """A bad date on the edit form is named beside the field."""
    teacher(client, make_user)
    paste(client)
    source = newest_source()
    before = snapshot()
    response = client.post(f"/teach/sources/{source.id}/edit", data={
        "headline": "Fares rise", "outlet": "Courier", "published": "March 2024",
        "provenance": "copy"})
    assert response.status_code == 400
    assert "2024-03-14" in response.get_data(as_text=True).split('id="published-error"')[1]
    assert snapshot() == before


def test_an_uncited_source_is_deleted(client, make_user):
    """Nothing quotes it, so it goes."""
    teacher(client, make_user)
    paste(client)
    source = newest_source()
    response = client.post(f"/teach/sources/{source.id}/delete")
    assert response.headers["Location"] == "/teach/sources/"
    assert db.session.get(Source, source.id) is None


def test_a_cited_source_is_not_deleted(client, bank_writer, make_user):
    """Deleting what questions quote is refused with a clear message, and nothing changes."""
    bank_writer.load()
    old = give_test_source_to(teacher(client, make_user))
    before = snapshot()
    response = client.post(f"/teach/sources/{old.id}/delete")
    assert response.status_code == 409
    assert "cannot be deleted: questions cite it (7 passages)" in response.get_data(as_text=True)
    assert snapshot() == before


def test_a_learner_is_not_sent_to_a_version_they_may_not_read(app, bank_writer, make_user):
    """The old version their attempt cites opens, without a link to a page they cannot open."""
    from tests.play.helpers import start

    bank_writer.load()
    first = give_test_source_to(make_user())
    services.edit_body(first, NEW_BODY)
    db.session.commit()
    learner = app.test_client()
    start(learner)
    page = learner.get("/sources/test-source").get_data(as_text=True)
    assert "We will not be rushed" in page and "test-source-v2" not in page
    assert learner.get("/sources/test-source-v2").status_code == 404


def test_slugs_are_made_from_any_headline():
    """Accents fold, punctuation goes, length is bounded, and an empty result still works."""
    assert services.slugify("Café owners’ “fury” — at £3 rise!") == "cafe-owners-fury-at-3-rise"
    assert services.slugify("日本語") == "source"
    assert len(services.slugify("word " * 100)) <= services.SLUG_BASE_LENGTH
