"""How the app names a source: the outlet alone only when the page is known to be its own."""

import pytest

from quizapp.domain.bankdefs import BankError
from quizapp.domain.bankfiles import read_bank
from quizapp.domain.provenance import provenance_label
from tests.domain.test_bankfiles import FRONT_MATTER, write_quiz, write_set, write_source


@pytest.mark.parametrize(("status", "label"), [
    ("verified", "Test Times"),
    ("copy", "A copy of a Test Times report"),
    ("unverified", "An unverified page in Test Times style"),
    ("anything else", "An unverified page in Test Times style"),
])
def test_label_says_what_is_known(status, label):
    """A copy and an unverified page are never named as the outlet itself."""
    assert provenance_label("Test Times", status) == label


def test_label_is_translated_through_the_given_function():
    """The label's words go through gettext; the outlet's name is not translated."""
    def french(message):
        return message.replace("A copy of a %(outlet)s report",
                               "Une copie d'un article de %(outlet)s")

    assert provenance_label("Test Times", "copy", french) == "Une copie d'un article de Test Times"


def _bank(tmp_path, front):
    write_source(tmp_path, front=front)
    write_set(tmp_path)
    write_quiz(tmp_path)
    return tmp_path


def test_source_reads_status_note_and_stamp(tmp_path):
    """The front matter's provenance, note and stamped date reach the source."""
    front = FRONT_MATTER + ("provenance: copy\nprovenance_note: A reworded copy.\n"
                            "stamped: 2020-03-31\n")
    source = read_bank(_bank(tmp_path, front)).sources[0]
    assert (source.provenance, source.provenance_note, str(source.stamped)) == (
        "copy", "A reworded copy.", "2020-03-31")


def test_source_without_status_is_unverified(tmp_path):
    """A page nobody has checked is unverified, never verified by default."""
    source = read_bank(_bank(tmp_path, FRONT_MATTER)).sources[0]
    assert (source.provenance, source.provenance_note, source.stamped) == ("unverified", "", None)


@pytest.mark.parametrize(("extra", "message"), [
    ("provenance: trusted\n", "provenance must be one of verified, copy, unverified"),
    ("stamped: 2020-03\n", "stamped must be a full date, YYYY-MM-DD, or left out"),
    ("stamped: 2020-03-31T10:00:00\n", "stamped must be a full date, YYYY-MM-DD, or left out"),
])
def test_bad_provenance_is_refused_with_its_file(tmp_path, extra, message):
    """A wrong status or stamp is reported with the file, and nothing is read."""
    with pytest.raises(BankError) as error:
        read_bank(_bank(tmp_path, FRONT_MATTER + extra))
    assert str(error.value.problems[0]) == f"sources/test-source.txt:1: test-source: {message}"
