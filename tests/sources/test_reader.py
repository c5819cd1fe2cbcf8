"""The source reader marks evidence passages and highlights the one asked for."""

from tests.factories import TEST_SOURCE_BODY


def test_reader_marks_passages_only_on_request(client, bank_writer):
    """By default nothing is marked; a plain link (no JavaScript) marks every passage."""
    bank_writer.load()
    page = client.get("/sources/test-source").get_data(as_text=True)
    assert "<mark" not in page and 'id="ev-' not in page
    assert 'href="/sources/test-source?passages=all"' in page
    assert "Show all 7 passages that answers in the quizzes rely on" in page
    page = client.get("/sources/test-source?passages=all").get_data(as_text=True)
    assert page.count('<mark class="evidence-mark">') >= 5
    assert "7 passages are marked" in page
    assert "is-current" not in page


def test_highlight_stays_loud_and_alone(client, bank_writer):
    """With ?hl= only that passage is marked, and the show-all link keeps it."""
    bank_writer.load()
    start = TEST_SOURCE_BODY.index("heard from 12 experts")
    end = start + len("heard from 12 experts")
    page = client.get(f"/sources/test-source?hl={start}-{end}").get_data(as_text=True)
    assert page.count("<mark") == 1
    assert f"/sources/test-source?hl={start}-{end}&amp;passages=all" in page
    page = client.get(f"/sources/test-source?hl={start}-{end}&passages=all")\
        .get_data(as_text=True)
    assert page.count("is-current") == 1 and page.count("<mark") > 2
    assert f'href="/sources/test-source?hl={start}-{end}">Hide them</a>' in page


def test_link_highlights_and_anchors_the_passage(client, bank_writer):
    """?hl=start-end highlights that passage and puts its anchor at its start."""
    bank_writer.load()
    start = TEST_SOURCE_BODY.index("heard from 12 experts")
    end = start + len("heard from 12 experts")
    page = client.get(f"/sources/test-source?hl={start}-{end}").get_data(as_text=True)
    assert f'id="ev-{start}-{end}"' in page
    assert '<mark class="evidence-mark is-current">heard from 12 experts</mark>' in page
    assert "The passage you came for is highlighted." in page


def test_bad_highlight_is_ignored(client, bank_writer):
    """An out-of-range or malformed highlight shows the article without one."""
    bank_writer.load()
    for value in ("5-99999", "abc", "9-3"):
        response = client.get(f"/sources/test-source?hl={value}")
        assert response.status_code == 200
        assert "is-current" not in response.get_data(as_text=True)


def test_body_is_shown_verbatim(client, bank_writer):
    """The article text on the page is the stored body, character for character."""
    bank_writer.load()
    page = client.get("/sources/test-source").get_data(as_text=True)
    assert "“We will not be rushed,”" in page
    assert "Test Times · February 2019" in page


def test_sources_index_and_unknown_source(client, bank_writer):
    """The index lists the source; an unknown one is a 404."""
    bank_writer.load()
    assert "A test article" in client.get("/sources/").get_data(as_text=True)
    assert client.get("/sources/nope").status_code == 404
