"""A teacher creates a set, duplicates the bundled starter set, filters its page, previews a
question and publishes, in a real browser; every set page passes axe at both widths."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import check_accessibility, screenshot
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page, email="ada@example.org"):
    """Log in through the header's link, landing on the teacher's home page."""
    page.goto("/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))


@pytest.fixture
def teacher(make_user):
    """Return a teacher account."""
    return make_user(email="ada@example.org", name="Ada")


def test_a_teacher_creates_duplicates_filters_previews_and_publishes(open_page, bank,
                                                                     teacher):
    """The whole journey through the real forms, CSRF on, without typing a URL."""
    page = open_page("laptop")
    log_in(page)
    page.get_by_role("link", name="Question sets").click()
    page.get_by_role("link", name="Create a set").click()
    page.get_by_role("button", name="Create the set").click()
    expect(page.get_by_text("Give the set a title.")).to_be_visible()
    page.get_by_role("textbox", name="Title").fill("Reading the news")
    page.get_by_role("textbox", name="Description").fill("For year 9")
    page.get_by_role("button", name="Create the set").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading the news")
    expect(page.get_by_text("Not published yet.", exact=True)).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The set is published.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Unpublish")).to_be_visible()

    page.get_by_role("link", name="← Question sets").click()
    page.get_by_role("button", name=re.compile(r"Duplicate to adapt “Starter set")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"\(copy\)$"))
    expect(page.get_by_text(re.compile("This is your copy of"))).to_be_visible()
    expect(page.get_by_text("21 questions.", exact=True)).to_be_visible()

    page.get_by_role("combobox", name="Kind").select_option(label="Numeric")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("3 of 21 questions match.")).to_be_visible()
    expect(page.locator(".set-question")).to_have_count(3)

    page.get_by_role("link", name="Preview question").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Preview")
    expect(page.locator("fieldset.question.kind-numeric")).to_be_visible()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_text("Not answered")).to_be_visible()
    page.get_by_role("link", name=re.compile("Read it in the source")).first.click()
    expect(page).to_have_url(re.compile(r"/sources/[a-z0-9-]+\?hl=\d+-\d+#"))
    expect(page.locator("mark.is-current")).to_be_visible()

    page.go_back()
    page.get_by_role("link", name=re.compile("Back to")).click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The set is published.", exact=True)).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_every_set_page_is_accessible(open_page, bank, teacher, screenshot_dir, viewport):
    """Index, new (with a mistake), set page, edit, delete and preview pass axe."""
    page = open_page(viewport)
    log_in(page)

    def shoot(name):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    page.goto("/teach/sets/")
    shoot("set-index")
    page.get_by_role("link", name="Create a set").click()
    page.get_by_role("button", name="Create the set").click()
    expect(page.get_by_text("Give the set a title.")).to_be_visible()
    shoot("set-new-error")
    page.goto("/teach/sets/")
    page.get_by_role("button", name=re.compile(r"Duplicate to adapt “Starter set")).click()
    expect(page.get_by_text(re.compile("This is your copy of"))).to_be_visible()
    shoot("set-page")
    page.get_by_role("link", name="Edit title and description").click()
    shoot("set-edit")
    page.go_back()
    page.get_by_role("link", name="Delete the set").click()
    shoot("set-delete")
    page.go_back()
    for kind in ("Single choice", "Matching", "Ordering"):
        page.get_by_role("combobox", name="Kind").select_option(label=kind)
        page.get_by_role("button", name="Filter").click()
        page.get_by_role("link", name="Preview question").first.click()
        shoot(f"set-preview-{kind.lower().replace(' ', '-')}")
        page.go_back()
