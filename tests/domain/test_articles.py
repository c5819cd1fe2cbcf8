"""A teacher's own articles: pasted text and uploaded files become a stable source body."""

import codecs
import socket
from datetime import date
from pathlib import Path

import pytest

from quizapp.domain import articles
from quizapp.domain.articles import ArticleError, from_pasted_text, from_upload, relocate
from quizapp.domain.evidence import locate

FIXTURES = Path(__file__).parent / "articles"
NEWS_PAGE = (FIXTURES / "news_page.html").read_bytes()
NO_ARTICLE = (FIXTURES / "no_article.html").read_bytes()

TEXT = ("Caf\u00e9 prices rose by \u00a33 \u2014 \u201cnot a surprise\u201d, said the owner."
        "\n\nNa\u00efve hopes.")


@pytest.fixture
def offline(monkeypatch):
    """Make any attempt to open a network connection fail the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the extraction tried to use the network")

    class NoNetwork(socket.socket):
        connect = connect_ex = refuse

    monkeypatch.setattr(socket, "socket", NoNetwork)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# -- pasted text and .txt uploads -----------------------------------------------------------

def test_pasted_text_is_cleaned_into_one_stable_body():
    pasted = ("\r\n\r\n  First line\x00 of the\x07 story\x1b.\t(tab kept)  \r\n\r\n\r\n\r\n"
              "Second\rThird\n\n\n")
    draft = from_pasted_text(pasted)
    assert draft.body == "First line of the story.\t(tab kept)\n\nSecond\nThird"
    assert from_pasted_text(pasted).body == draft.body
    assert from_pasted_text(draft.body).body == draft.body  # cleaning twice changes nothing


@pytest.mark.parametrize("encoded", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("cp1252"),
    TEXT.replace("\n", "\r\n").encode("cp1252"),
], ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "windows-1252", "windows-1252-crlf"])
def test_text_files_in_every_common_encoding_give_the_same_body(encoded):
    draft = from_upload(encoded, "article.txt")
    assert draft.body == TEXT
    assert draft.warnings == []
    assert draft.published is None and draft.date_precision == "unknown"


def test_stray_control_characters_in_a_text_file_are_dropped():
    saved = ("Line one\x0bstill one.\x00\r\n" + "A long ordinary line of words. " * 5 + "\x1a")
    assert from_upload(saved.encode("cp1252"), "old.txt").body == (
        "Line onestill one.\n" + ("A long ordinary line of words. " * 5).strip())


def test_a_text_file_named_html_is_read_as_text_with_a_warning():
    draft = from_upload(TEXT.encode(), "article.html")
    assert draft.body == TEXT
    assert "holds plain text" in draft.warnings[0]


# -- saved news pages ------------------------------------------------------------------------

def test_a_saved_news_page_gives_its_article_and_metadata(offline):
    draft = from_upload(NEWS_PAGE, "river-meadow.html")
    assert draft.body.startswith("The town council voted on Wednesday evening")
    assert draft.body.endswith("The first ditches will be blocked in October.")
    assert draft.body.count("\n\n") == 5  # six paragraphs, as the bank's sources are laid out
    for left_out in ("cookies", "Subscribe", "Garden Centre", "About time", "Related stories",
                     "dataLayer", "All rights reserved", "font-family"):
        assert left_out not in draft.body
    assert draft.headline == "Town council votes to restore the river meadow"
    assert draft.outlet == "The Valley Courier"
    assert (draft.published, draft.date_precision) == (date(2024, 3, 14), "day")
    assert draft.url == "https://valleycourier.example/news/2024/03/river-meadow"
    assert draft.warnings == []


def test_what_was_trimmed_is_said_in_words_a_teacher_reads(offline):
    trimmed = from_upload(NEWS_PAGE, "page.html").trimmed
    for part in ("navigation", "cookie banner", "advertising", "comments", "related links"):
        assert part in trimmed
    assert "other paragraph" in trimmed  # the byline is not part of the article


def test_the_body_is_stable_and_quotes_from_the_page_are_found_in_it(offline):
    first = from_upload(NEWS_PAGE, "page.html").body
    assert from_upload(NEWS_PAGE, "page.html").body == first
    assert from_pasted_text(first).body == first  # what is stored survives being cleaned again
    quote = "the restored meadow could hold back about 40,000 cubic metres of flood water"
    start, end = locate(first, quote)
    assert first[start:end] == quote


def test_the_content_decides_a_page_is_html_whatever_its_name(offline):
    draft = from_upload(NEWS_PAGE, "story.txt")
    assert draft.headline == "Town council votes to restore the river meadow"
    assert "holds a web page" in draft.warnings[0]


def test_a_windows_1252_page_is_read_by_its_declared_charset(offline):
    page = NEWS_PAGE.decode().replace('charset="utf-8"', 'charset="windows-1252"')
    draft = from_upload(page.encode("cp1252"), "page.htm")
    assert "£310,000" in draft.body


def test_a_page_without_a_date_or_headline_says_so(offline):
    first = b"A long enough sentence about the harbour wall. " * 4
    second = b"Another sentence follows it here for the reader. " * 4
    page = b"<html><body><div><p>" + first + b"</p><p>" + second + b"</p></div></body></html>"
    draft = from_upload(page, "page.html")
    assert draft.body.startswith("A long enough sentence")
    assert draft.published is None and draft.date_precision == "unknown"
    assert len(draft.warnings) == 2


# -- every refusal ---------------------------------------------------------------------------

REFUSED_UPLOADS = [
    ("empty file", b"", {}, "empty"),
    ("blank file", b"  \r\n\t\n ", {}, "empty"),
    ("BOM only", codecs.BOM_UTF8 + b"\n", {}, "empty"),
    ("control characters only", b"\x07\x08\x0b\n", {}, "undecodable"),
    ("PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", {},
     "unsupported"),
    ("PNG image", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", {}, "unsupported"),
    ("JPEG image", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", {}, "unsupported"),
    ("zip or docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml", {}, "unsupported"),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", {}, "unsupported"),
    ("binary with NULs", bytes(range(256)) * 4, {}, "undecodable"),
    ("undefined cp1252 bytes", b"caf\xe9 \x81\x8d\x8f", {}, "undecodable"),
    ("oversize file", b"word " * 1000, {"max_bytes": 4096}, "too_large"),
    ("over-long text", b"word " * 1000, {"max_chars": 1000}, "too_long"),
    ("page with no article", NO_ARTICLE, {}, "no_article"),
    ("page of scripts only", b"<!doctype html><html><head><script>var a = 1;</script></head>"
                             b"<body><script>run()</script></body></html>", {}, "no_article"),
]


@pytest.mark.parametrize(("data", "limits", "code"), [r[1:] for r in REFUSED_UPLOADS],
                         ids=[r[0] for r in REFUSED_UPLOADS])
def test_every_unusable_upload_is_refused_with_a_clear_message(offline, data, limits, code):
    with pytest.raises(ArticleError) as refused:
        from_upload(data, "upload.txt", **limits)
    assert refused.value.code == code
    message = refused.value.format(lambda text: text)
    assert message.endswith(".") and "%(" not in message
    assert str(refused.value) == message


def test_limits_are_told_in_the_message():
    with pytest.raises(ArticleError) as refused:
        from_upload(b"x" * 5000, "big.txt", max_bytes=2048)
    assert "5 KB" in str(refused.value) and "2 KB" in str(refused.value)
    with pytest.raises(ArticleError) as refused:
        from_pasted_text("x" * 12, max_chars=10)
    assert "12" in str(refused.value) and "10" in str(refused.value)


@pytest.mark.parametrize("pasted", ["", "   ", "\r\n\r\n", "\x00\x00", "\ufeff"])
def test_empty_pasted_text_is_refused(pasted):
    with pytest.raises(ArticleError) as refused:
        from_pasted_text(pasted)
    assert refused.value.code == "empty"


def test_messages_go_through_the_given_translation():
    with pytest.raises(ArticleError) as refused:
        from_upload(b"x" * 5000, "big.txt", max_bytes=2048)
    assert refused.value.format(lambda text: text.upper().replace("%(SIZE)D", "%(size)d")
                                .replace("%(LIMIT)D", "%(limit)d")).startswith("THE FILE IS 5 KB")


def test_the_size_limit_is_checked_before_anything_is_read():
    with pytest.raises(ArticleError) as refused:
        from_upload(b"%PDF-" + b"\x00" * 5000, "big.pdf", max_bytes=1024)
    assert refused.value.code == "too_large"


def test_sniffing_names_the_type():
    assert articles.sniff(b"<!-- saved -->\n<!DOCTYPE html><html></html>")[0] == "html"
    assert articles.sniff(b"Plain words about <b>tags</b>.")[0] == "text"


# -- editing a body that evidence cites ------------------------------------------------------

OLD = "The mayor opened the bridge on Monday.\n\nIt cost four million pounds.\n\nCrowds cheered."


def spans(body, *quotes):
    return [locate(body, q) for q in quotes]


def test_quotes_in_untouched_text_follow_an_edit_elsewhere():
    new = "Breaking.\n\n" + OLD.replace("Crowds cheered.", "Hundreds of people cheered.")
    results = relocate(OLD, new, spans(OLD, "opened the bridge", "four million pounds"))
    for result in results:
        assert result.stands
        assert new[result.start:result.end] == result.quote


def test_a_reworded_quote_is_gone_and_not_guessed():
    new = OLD.replace("four million pounds", "five million pounds")
    [result] = relocate(OLD, new, spans(OLD, "It cost four million pounds."))
    assert not result.stands and result.start is None
    assert result.quote == "It cost four million pounds."


def test_a_moved_paragraph_is_found_where_it_went():
    new = ("Crowds cheered.\n\nThe mayor opened the bridge on Monday.\n\n"
           "It cost four million pounds.")
    [result] = relocate(OLD, new, spans(OLD, "Crowds cheered."))
    assert (result.start, result.end) == (0, len("Crowds cheered."))


def test_a_quote_found_twice_after_its_own_text_changed_is_gone():
    new = OLD.replace("It cost four million pounds.", "It cost 4m.")
    new += "\n\nIt cost four million pounds.\n\nSo they say: It cost four million pounds."
    [result] = relocate(OLD, new, spans(OLD, "It cost four million pounds."))
    assert not result.stands


def test_an_unchanged_body_keeps_every_offset():
    quotes = spans(OLD, "mayor", "Monday.\n\nIt cost", "Crowds cheered.")
    results = relocate(OLD, OLD, quotes)
    assert [(r.start, r.end) for r in results] == quotes


# -- dates as precise as the page states them ------------------------------------------------

def page_dated(head="", line=""):
    sentence = "A long enough sentence about the harbour wall and the town. " * 5
    return (f"<html><head>{head}<title>Harbour wall</title></head><body><article>"
            f"<h1>Harbour wall</h1><p>{line}</p><p>{sentence}</p></article></body></html>")


@pytest.mark.parametrize(("page", "published", "precision"), [
    (page_dated('<meta property="article:published_time" content="2023-05-09T10:00:00Z">'),
     date(2023, 5, 9), "day"),
    (page_dated(line="Published 1 March 2024"), date(2024, 3, 1), "day"),
    (page_dated(line="Published March 14th, 2024"), date(2024, 3, 14), "day"),
    (page_dated('<meta property="article:published_time" content="2023-05">'),
     date(2023, 5, 1), "month"),
    (page_dated('<meta property="article:published_time" content="2023">'),
     date(2023, 1, 1), "year"),
    (page_dated(), None, "unknown"),
], ids=["meta day", "first of the month", "written day", "month only", "year only", "none"])
def test_the_date_is_as_precise_as_the_page_states_it(offline, page, published, precision):
    draft = articles.from_html(page)
    assert (draft.published, draft.date_precision) == (published, precision)


def test_extraction_works_in_a_worker_thread_as_views_run(offline):
    import threading

    found = []
    worker = threading.Thread(target=lambda: found.append(from_upload(NEWS_PAGE, "p.html")))
    worker.start()
    worker.join()
    assert found and found[0].headline == "Town council votes to restore the river meadow"
