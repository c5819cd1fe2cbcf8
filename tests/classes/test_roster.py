"""Teachers rename, remove and merge learners on a roster; mistakes change nothing."""

import pytest
import sqlalchemy as sa

from quizapp.auth.models import User
from quizapp.classes.models import RosterEntry
from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.classes.helpers import join, make_class, snapshot, take, teacher_client
from tests.play.helpers import perfect_form


@pytest.fixture
def roster(app, bank_writer, make_user):
    """Return (teacher's client, class, Ann's entry, Bob's entry); Ann took the quiz."""
    bank_writer.load()
    client, teacher = teacher_client(app, make_user)
    school_class = make_class(teacher, quizzes=["test-quiz"])
    ann, bob = app.test_client(), app.test_client()
    join(ann, school_class.join_code, "Ann")
    join(bob, school_class.join_code, "Bob")
    take(ann, school_class, perfect_form)
    entries = db.session.scalars(sa.select(RosterEntry).order_by(RosterEntry.id)).all()
    return client, school_class, entries[0], entries[1]


def url(school_class, entry, action):
    """Return the URL of a roster action."""
    return f"/teach/classes/{school_class.id}/roster/{entry.id}/{action}"


def test_the_roster_lists_learners_with_their_forms(roster):
    """Each learner has rename, merge and remove controls, labelled with their name."""
    client, school_class, ann, bob = roster
    page = client.get(f"/teach/classes/{school_class.id}/roster").get_data(as_text=True)
    assert "Remove Ann" in page and "Merge Bob into them" in page
    assert f'id="e{ann.id}-name-display_name"' in page


def test_a_teacher_renames_a_learner(roster):
    """The roster and the gradebook show the new name."""
    client, school_class, ann, _ = roster
    response = client.post(url(school_class, ann, "rename"),
                           data={f"e{ann.id}-name-display_name": "Ann Smith"})
    assert response.status_code == 302
    gradebook = client.get(f"/teach/classes/{school_class.id}/gradebook")
    assert "Ann Smith" in gradebook.get_data(as_text=True)


@pytest.mark.parametrize(("name", "message"), [
    ("", "Type a name for this learner."), ("n" * 61, "Keep the name under 60 characters.")])
def test_a_bad_learner_name_is_refused_beside_its_field(roster, name, message):
    """The message stands in that learner's form; nothing changes."""
    client, school_class, ann, _ = roster
    before = snapshot()
    response = client.post(url(school_class, ann, "rename"),
                           data={f"e{ann.id}-name-display_name": name})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'id="e{ann.id}-name-display_name-error"' in page and message in page
    assert snapshot() == before


def test_a_removed_learner_keeps_their_attempts_marked_removed(roster):
    """The gradebook still shows their score, marked; they can be put back."""
    client, school_class, ann, _ = roster
    assert client.post(url(school_class, ann, "remove")).status_code == 302
    db.session.expire_all()
    assert db.session.get(RosterEntry, ann.id).removed_at is not None
    assert db.session.scalar(sa.select(sa.func.count(Attempt.id))) == 1
    page = client.get(f"/teach/classes/{school_class.id}/gradebook").get_data(as_text=True)
    assert "Ann (removed)" in page and "100.0%" in page
    roster_page = client.get(f"/teach/classes/{school_class.id}/roster").get_data(as_text=True)
    assert "Put Ann back" in roster_page
    assert client.post(url(school_class, ann, "restore")).status_code == 302
    db.session.expire_all()
    assert db.session.get(RosterEntry, ann.id).removed_at is None


def test_merging_moves_attempts_and_leaves_one_gradebook_row(roster):
    """Bob merged into Ann: Bob's row goes, his device now counts as Ann."""
    client, school_class, ann, bob = roster
    response = client.post(url(school_class, bob, "merge"), data={f"e{bob.id}-merge-into": ann.id})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(RosterEntry, bob.id).merged_into_id == ann.id
    page = client.get(f"/teach/classes/{school_class.id}/gradebook").get_data(as_text=True)
    assert page.count('<th scope="row">') == 1 and '<th scope="row">Bob' not in page
    roster_page = client.get(f"/teach/classes/{school_class.id}/roster").get_data(as_text=True)
    assert "Remove Bob" not in roster_page
    # A merged entry cannot be acted on any more.
    assert client.post(url(school_class, bob, "remove")).status_code == 404


def test_merging_an_entry_with_itself_or_another_class_is_refused(roster, app):
    """Each says why beside the choice; nothing changes."""
    client, school_class, ann, bob = roster
    other_class = make_class(_owner(school_class), "Other class")
    stranger = app.test_client()
    join(stranger, other_class.join_code, "Cy")
    cy = db.session.scalar(sa.select(RosterEntry).where(RosterEntry.display_name == "Cy"))
    before = snapshot()
    for into, message in ((ann.id, "cannot be merged with itself"),
                          (cy.id, "Choose a learner of this class."),
                          (999999, "Choose a learner of this class."),
                          ("", "Choose the learner to merge into.")):
        response = client.post(url(school_class, ann, "merge"),
                               data={f"e{ann.id}-merge-into": into})
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert snapshot() == before


def _owner(school_class):
    return db.session.get(User, school_class.owner_id)


def test_another_class_s_entry_is_404_under_this_class(roster):
    """An entry id from another class in this class's URL is a 404, and changes nothing."""
    client, school_class, ann, _ = roster
    other_class = make_class(_owner(school_class), "Other class")
    before = snapshot()
    response = client.post(f"/teach/classes/{other_class.id}/roster/{ann.id}/remove")
    assert response.status_code == 404
    assert snapshot() == before
