"""A teacher adds an article by pasting or uploading it; bad input is refused beside its field."""

import codecs
from datetime import date

import pytest

from quizapp.domain.provenance import STATUSES
from quizapp.sources.forms import PROVENANCE_CHOICES
from tests.sources.helpers import (
    DETAILS,
    NEWS_PAGE,
    TEXT,
    newest_source,
    paste,
    snapshot,
    teacher,
    upload,
)


def test_a_pasted_article_is_saved_as_the_teachers_source(client, make_user):
    """The body, details and owner are stored; the teacher lands on the page to check it."""
    user = teacher(client, make_user)
    response = paste(client, text="\r\n  " + TEXT.replace("\n", "\r\n") + "  \n\n",
                     trimmed="The byline and a photo caption.")
    source = newest_source()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/teach/sources/{source.id}"
    assert (source.owner_id, source.body, source.version) == (user.id, TEXT, 1)
    assert (source.headline, source.outlet, source.url) == (
        "Ferry fares rise again", "The Courier", "https://courier.example/ferry")
    assert (source.published, source.date_precision) == (date(2024, 3, 1), "month")
    assert (source.provenance, source.trimmed) == ("copy", "The byline and a photo caption.")
    assert source.slug == "ferry-fares-rise-again"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The source is saved" in page and "“Nobody warned us,”" in page
    assert "A copy of a The Courier report" in page and "March 2024" in page


def test_slugs_stay_unique(client, make_user):
    """Two articles with one headline get two addresses."""
    teacher(client, make_user)
    paste(client)
    paste(client)
    assert newest_source().slug == "ferry-fares-rise-again-2"


def test_an_uploaded_news_page_gives_its_article_details_and_what_was_trimmed(
        client, make_user):
    """Blank details are read from the page; what was left out is recorded and shown."""
    teacher(client, make_user)
    response = upload(client, NEWS_PAGE, "library.html")
    assert response.status_code == 302
    source = newest_source()
    assert source.body.startswith("The town’s Carnegie library opened its doors again")
    assert "cookies" not in source.body and "Related stories" not in source.body
    assert source.headline == "Library reopens after two-year repair of flood damage"
    assert source.outlet == "The Harbour Gazette"
    assert (source.published, source.date_precision) == (date(2023, 9, 16), "day")
    assert source.url == "https://harbourgazette.example/local/2023/09/library-reopens"
    for part in ("navigation", "cookie banner", "advertising", "comments", "related links"):
        assert part in source.trimmed
    page = client.get(f"/teach/sources/{source.id}").get_data(as_text=True)
    assert "Left out of the page" in page and "cookie banner" in page


def test_details_typed_beside_an_upload_win_over_the_pages(client, make_user):
    """The teacher knows better than the page's metadata."""
    teacher(client, make_user)
    upload(client, NEWS_PAGE, headline="Our headline", outlet="Gazette", published="2023")
    source = newest_source()
    assert (source.headline, source.outlet, source.date_precision) == (
        "Our headline", "Gazette", "year")


ENCODED = {
    "utf-8 with BOM": codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    "utf-16": TEXT.encode("utf-16"),
    "windows-1252": TEXT.replace("’", "'").encode("cp1252"),
}


@pytest.mark.parametrize("name", list(ENCODED))
def test_text_files_in_common_encodings_are_read(client, make_user, name):
    """A text file saved by any common editor gives the same article."""
    teacher(client, make_user)
    response = upload(client, ENCODED[name], "article.txt", **DETAILS)
    assert response.status_code == 302
    assert newest_source().body == TEXT


def test_the_provenance_choices_are_the_bank_formats():
    """The form offers exactly the statuses the bank format knows."""
    assert sorted(choice.value for choice in PROVENANCE_CHOICES) == sorted(STATUSES)


PASTE_REFUSALS = [
    ("empty text", {"text": "   \n "}, "text", "Paste the article"),
    ("text of control characters", {"text": "\t\t"}, "text", "Paste the article"),
    ("no headline", {"headline": ""}, "headline", "Type the article"),
    ("over-long headline", {"headline": "h" * 301}, "headline", "at most 300 characters"),
    ("over-long outlet", {"outlet": "o" * 121}, "outlet", "at most 120 characters"),
    ("no outlet", {"outlet": " "}, "outlet", "Type the outlet"),
    ("bad date", {"published": "14/03/2024"}, "published", "2024-03-14"),
    ("impossible date", {"published": "2024-02-30"}, "published", "a real date"),
    ("bad address", {"url": "courier.example/ferry"}, "url", "starting with https://"),
    ("address with spaces", {"url": "https://a.example/x y"}, "url", "https://"),
    ("unknown provenance", {"provenance": "trusted"}, "provenance", "Not a valid choice"),
    ("over-long note", {"provenance_note": "n" * 5001}, "provenance_note", "at most 5000"),
]


@pytest.mark.parametrize("case, fields, field, message", PASTE_REFUSALS,
                         ids=[case[0] for case in PASTE_REFUSALS])
def test_bad_pasted_input_is_refused_beside_its_field(client, make_user, case, fields, field,
                                                      message):
    """Each mistake is named beside its field, and nothing is saved."""
    teacher(client, make_user)
    before = snapshot()
    response = paste(client, **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    error = page.split(f'id="{field}-error"', 1)[1].split("</p>", 1)[0]
    assert message in error
    assert f'aria-describedby="{field}' in page or f'aria-describedby="{field}-error"' in page
    assert snapshot() == before


UPLOAD_REFUSALS = [
    ("pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "a.pdf", "txt or .html"),
    ("pdf renamed .txt", b"%PDF-1.7\n1 0 obj\n<< /Type >>\n", "a.txt", "This file is a PDF"),
    ("docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "a.docx", ".txt or .html"),
    ("docx renamed .html", b"PK\x03\x04\x14\x00\x06\x00word/", "a.html", "office document"),
    ("binary renamed .txt", bytes(range(256)) * 8, "a.txt", "not readable text"),
    ("empty file", b"", "a.txt", "The file is empty"),
    ("page with no article", b"<!doctype html><html><body><nav><a href='/'>Home</a></nav>"
     b"<form><input name=q><button>Search</button></form></body></html>", "a.html",
     "No article was found"),
    ("text over the article length", b"word " * 20001, "a.txt", "the limit is 100000"),
    ("file over the article limit", b"word " * 430_000, "a.txt", "the limit is 2048 KB"),
]


@pytest.mark.parametrize("case, data, filename, message", UPLOAD_REFUSALS,
                         ids=[case[0] for case in UPLOAD_REFUSALS])
def test_bad_uploads_are_refused_beside_the_file_field(client, make_user, case, data,
                                                       filename, message):
    """An unsupported, unreadable or empty file is named beside the field; nothing is saved."""
    teacher(client, make_user)
    before = snapshot()
    response = upload(client, data, filename, **DETAILS)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page.split('id="file-error"', 1)[1].split("</p>", 1)[0]
    assert snapshot() == before


def test_a_page_without_headline_asks_for_one(client, make_user):
    """A page that names no headline or outlet gets a message beside each blank field."""
    teacher(client, make_user)
    sentence = b"A long enough sentence about the harbour wall and its repair. " * 3
    page = b"<html><body><div><p>" + sentence + b"</p><p>" + sentence + b"</p></div></body></html>"
    before = snapshot()
    response = upload(client, page, "page.html")
    text = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The page does not say it: type it." in text.split('id="headline-error"')[1]
    assert "The page does not say it: type it." in text.split('id="outlet-error"')[1]
    assert snapshot() == before


def test_an_upload_over_the_request_limit_gets_a_413_page(client, make_user, app):
    """A body larger than UPLOAD_MAX_BYTES is refused before it is read, saying why."""
    teacher(client, make_user)
    before = snapshot()
    response = upload(client, b"x" * (app.config["UPLOAD_MAX_BYTES"] + 1), "big.txt", **DETAILS)
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "That was too much to send" in page and "Nothing was saved" in page
    assert snapshot() == before


def test_other_forms_keep_the_small_request_limit(client, make_user, app):
    """Only the upload view accepts a large body; pasting more than 64 KiB is a 413."""
    teacher(client, make_user)
    response = paste(client, text="w" * (app.config["MAX_CONTENT_LENGTH"] + 10))
    assert response.status_code == 413


def test_an_upload_without_a_file_asks_for_one(client, make_user):
    """Sending the form with no file chosen says so beside the file field."""
    teacher(client, make_user)
    before = snapshot()
    response = client.post("/teach/sources/upload", data=DETAILS,
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Choose a file" in response.get_data(as_text=True).split('id="file-error"')[1]
    assert snapshot() == before
