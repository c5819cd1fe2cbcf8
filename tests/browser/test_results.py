"""A teacher reads a quiz's results in a real browser: the chart, the item analysis, a
fair answer accepted, one attempt and a CSV download; axe passes on every results page."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import check_accessibility
from tests.results.conftest import RIGHT, WRONG, quiz, take, teacher  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser


def log_in(page):
    """Log in as the teacher through the form."""
    page.goto("/account/login")
    page.get_by_role("textbox", name="Email").fill("ada@example.org")
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))


def test_a_teacher_reads_results_accepts_a_fair_answer_and_exports(app, quiz, open_page):  # noqa: F811
    """The whole results journey, with CSRF on, through the real pages."""
    take(app, "Bea", RIGHT)
    take(app, "Cal", WRONG)
    page = open_page("laptop")
    log_in(page)
    page.goto(f"/teach/quizzes/{quiz.id}/results")
    expect(page.get_by_role("heading", level=1)).to_have_text("Results: Test quiz")
    chart = page.get_by_role("img", name=re.compile("Bar chart of the scores"))
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.get_by_role("row", name=re.compile(r"^Cal"))).to_contain_text("0 / 4")

    page.get_by_role("link", name="How each question did").click()
    page.get_by_role("button", name="Accept “the capital” as right").click()
    expect(page.get_by_text("“the capital” is now accepted; 1 answer was rescored.")) \
        .to_be_visible()
    page.get_by_role("link", name="Back to the results").click()
    expect(page.get_by_role("row", name=re.compile(r"^Cal"))).to_contain_text("1 / 4")

    page.get_by_role("link", name="Cal").click()
    expect(page.get_by_text("Grace Hopper")).to_be_visible()
    page.get_by_role("link", name="Back to the results").click()
    with page.expect_download() as download:
        page.get_by_role("listitem").filter(has_text="Attempts: one row per attempt") \
            .get_by_role("link", name="CSV", exact=True).click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text("utf-8"))))
    assert {row[3] for row in rows[1:]} == {"Bea", "Cal"}


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_results_pages_pass_axe(app, quiz, open_page, viewport):  # noqa: F811
    """No serious or critical axe problem on the results, item analysis and attempt pages."""
    attempt = take(app, "Cal", WRONG)
    take(app, "Bea", RIGHT)
    page = open_page(viewport)
    log_in(page)
    for name, path in (("results", "results"), ("item analysis", "items"),
                       ("attempt", f"attempts/{attempt.public_id}")):
        page.goto(f"/teach/quizzes/{quiz.id}/{path}")
        check_accessibility(page, name)
