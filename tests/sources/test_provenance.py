"""Wherever the app names a source, it says what is known of the page, not only what it claims."""

import json
import re

from quizapp.bank.loader import load_bank
from quizapp.domain.bankfiles import read_bank
from quizapp.extensions import db
from tests.play.helpers import answer_all, start, submit

COPY = ("provenance: copy\nprovenance_note: Reworded by a third party.\n"
        "stamped: 2020-03-31\n")


def load_with(bank_writer, extra):
    """Load the test bank with `extra` lines added to the source's front matter."""
    root = bank_writer.write()
    path = root / "sources" / "test-source.txt"
    text = path.read_text("utf-8").replace("provenance: verified\n", "")
    path.write_text(text.replace("---\n", "---\n" + extra, 1), "utf-8")
    load_bank(db.session, read_bank(root))
    db.session.commit()


def header(page):
    """Return the source reader's header, where the provenance must be in plain view."""
    return re.search(r"<header>(.*?)</header>", page, re.DOTALL).group(1)


def test_reader_header_names_a_copy_as_a_copy(client, bank_writer):
    """The header says the page is a copy, what it presents itself as, and the note."""
    load_with(bank_writer, COPY)
    top = header(client.get("/sources/test-source").get_data(as_text=True))
    assert "A copy of a Test Times report · February 2019" in top
    assert "Presents itself as" in top and "Test Times" in top
    assert "Reworded by a third party." in top


def test_reader_header_gives_both_dates(client, bank_writer):
    """A page stamped with another date shows the stamp and the date the app uses."""
    load_with(bank_writer, COPY)
    top = header(client.get("/sources/test-source").get_data(as_text=True))
    assert "The page is stamped 31 March 2020; the app dates it February 2019." in top


def test_unverified_page_is_labelled_in_the_index(client, bank_writer):
    """The sources index never names an unverified page as the outlet itself."""
    load_with(bank_writer, "provenance: unverified\n")
    page = client.get("/sources/").get_data(as_text=True)
    assert "An unverified page in Test Times style · February 2019" in page
    assert ">Test Times ·" not in page


def test_result_evidence_names_the_copy(client, bank_writer):
    """The evidence under each explanation names the source as a copy."""
    load_with(bank_writer, COPY)
    attempt = start(client)
    answer_all(client, attempt)
    submit(client, attempt)
    page = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "— A copy of a Test Times report" in page
    assert "— Test Times<" not in page


def test_dump_gives_each_evidence_source_provenance(runner, bank_writer):
    """The dump says what each cited page presents itself as and what is known of it."""
    load_with(bank_writer, COPY)
    records = json.loads(runner.invoke(args=["bank", "dump"]).output)
    item = records[0]["evidence"][0]
    assert (item["outlet"], item["provenance"], item["label"]) == (
        "Test Times", "copy", "A copy of a Test Times report")
