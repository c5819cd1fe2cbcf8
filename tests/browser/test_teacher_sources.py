"""A teacher adds an article by pasting it and another by uploading a saved news page, edits
a cited text into a new version, in a real browser; every source page passes axe at phone
and laptop widths."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import check_accessibility, screenshot
from tests.factories import PASSWORD
from tests.sources.helpers import FIXTURES, give_test_source_to

pytestmark = pytest.mark.browser

ARTICLE = ("The harbour wall will be raised by 40 centimetres before next winter, the council "
           "said on Tuesday.\n\n“It is the cheapest way to keep the sea out,” said the engineer.")


def log_in(page, email):
    """Log in through the header's link."""
    page.goto("/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))


def add_by_pasting(page):
    """Paste an article with its details through the form; a mistake first, then fixed."""
    page.get_by_role("link", name="Your sources").first.click()
    page.get_by_role("link", name="Paste an article").click()
    page.get_by_label("The article's text").fill(ARTICLE)
    page.get_by_label("Headline").fill("Harbour wall to be raised")
    page.get_by_label("Outlet").fill("The Coast Post")
    page.get_by_label("Published").fill("5 May 2024")
    page.get_by_role("button", name="Save the article").click()
    expect(page.locator("#published-error")).to_contain_text("2024-03-14")
    expect(page.get_by_label("The article's text")).to_have_value(ARTICLE)
    page.get_by_label("Published").fill("2024-05-07")
    page.get_by_label("What is known of this copy").select_option("verified")
    page.get_by_role("button", name="Save the article").click()
    expect(page.get_by_text("The source is saved.")).to_be_visible()
    expect(page.locator(".source-body")).to_have_text(ARTICLE)
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour wall to be raised")


def add_by_uploading(page):
    """Upload a saved news page; its article, details and what was trimmed are shown."""
    page.get_by_role("link", name="Your sources").first.click()
    page.get_by_role("link", name="Upload a saved page").first.click()
    page.get_by_label("A saved web page (.html) or text file (.txt)").set_input_files(
        str(FIXTURES / "harbour_gazette.html"))
    page.get_by_role("button", name="Upload and save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Library reopens after two-year repair of flood damage")
    expect(page.locator(".source-body")).to_contain_text("an eight-year-old called Maisie")
    expect(page.locator(".source-body")).not_to_contain_text("cookies")
    expect(page.get_by_text("cookie banner", exact=False)).to_be_visible()
    expect(page.get_by_text("16 September 2023").first).to_be_visible()


def test_a_teacher_adds_articles_and_edits_a_cited_one(open_page, bank_writer, make_user):
    """Paste, upload, then edit a cited text: version 2 appears, version 1 links to it."""
    bank_writer.load()
    give_test_source_to(make_user())
    page = open_page("laptop")
    log_in(page, "ada@example.org")
    add_by_pasting(page)
    add_by_uploading(page)

    page.get_by_role("link", name="Your sources").first.click()
    page.get_by_role("link", name="A test article").first.click()
    page.get_by_role("link", name="Edit the text").click()
    expect(page.get_by_text("saving makes version 2")).to_be_visible()
    page.get_by_label("The article's text").fill("Ottawa corrected its statement.")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_text("this is version 2")).to_be_visible()
    expect(page.locator(".source-body")).to_have_text("Ottawa corrected its statement.")
    page.get_by_role("link", name="Version 1").click()
    expect(page.locator(".source-body")).to_contain_text("We will not be rushed")
    page.get_by_role("link", name="Open it in the reader learners use").click()
    expect(page.get_by_text("This is version 1 of this article")).to_be_visible()
    page.get_by_role("link", name="Read the newest version (version 2)").click()
    expect(page.locator(".source-body")).to_have_text("Ottawa corrected its statement.")


PAGES = {
    "sources-list": "/teach/sources/",
    "sources-paste": "/teach/sources/new",
    "sources-upload": "/teach/sources/upload",
    "source-page": "/teach/sources/{id}",
    "source-details": "/teach/sources/{id}/edit",
    "source-text": "/teach/sources/{id}/text",
    "source-reader-old": "/sources/test-source",
}


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_source_pages_pass_axe(open_page, bank_writer, make_user, screenshot_dir, viewport):
    """Every teacher source page, with and without error messages, passes axe."""
    bank_writer.load()
    source = give_test_source_to(make_user())
    page = open_page(viewport)
    log_in(page, "ada@example.org")
    page.goto(f"/teach/sources/{source.id}/text")
    page.get_by_label("The article's text").fill("A new version of the article.")
    page.get_by_role("button", name="Save as a new version").click()
    for name, url in PAGES.items():
        page.goto(url.format(id=source.id))
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)
    for url, button in (("/teach/sources/new", "Save the article"),
                        ("/teach/sources/upload", "Upload and save")):
        page.goto(url)
        page.get_by_role("button", name=button).click()
        expect(page.locator(".error").first).to_be_visible()
        check_accessibility(page, f"{url} with errors")
