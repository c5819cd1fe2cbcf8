"""A teacher builds a quiz from a bundled set in Chromium and a learner opens it by its QR
code's link and plays it to the result; every quiz page passes axe at phone and laptop widths."""

import re

import pytest
from playwright.sync_api import expect

from quizapp.domain.sharing import qr_svg
from tests.browser.pages import attempt_plan, check_accessibility, screenshot
from tests.browser.test_learner_flow import answer_and_go_on

pytestmark = pytest.mark.browser
STARTER = "Starter set: a tour of every kind"


def log_in(page, email="me@example.org"):
    """Log in as a teacher through the form."""
    page.goto("/account/login")
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_label("Password", exact=True).fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))


def build_quiz(page, title="Huawei, week 3", count="3"):
    """Build a quiz of the starter set from the teacher's home page; stay on its page."""
    page.goto("/teach/")
    page.get_by_role("link", name="Your quizzes").click()
    page.get_by_role("link", name="Build a quiz").click()
    page.get_by_role("textbox", name="Title").fill(title)
    page.get_by_role("checkbox", name=STARTER).check()
    page.get_by_role("spinbutton", name="Number of questions (optional)").fill(count)
    page.get_by_role("button", name="Build the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_teacher_shares_a_quiz_that_a_learner_opens_by_its_qr_code(open_page, bank,
                                                                      make_user):
    """Built in forms, shared by QR code, played to the result in a fresh browser."""
    make_user("me@example.org", name="Me")
    page = open_page("laptop")
    log_in(page)
    build_quiz(page)
    link = page.locator(".quiz-link").inner_text()
    code = page.locator(".join-code").inner_text()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/quiz/huawei-week-3-[a-z0-9]{6}", link)
    qr = page.locator(".qr img")
    expect(qr).to_have_attribute("alt", f"QR code of the link {link}")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    served = page.request.get(qr.get_attribute("src"))
    # The image is the QR code of exactly the link shown beside it.
    assert served.text() == qr_svg(link, f"QR code of the link {link}")
    page.get_by_role("link", name="Project in class").click()
    expect(page.locator(".join-code")).to_have_text(code)

    learner = open_page("phone")  # another browser context: no teacher's cookie
    learner.goto(link)
    expect(learner.get_by_role("heading", level=1)).to_have_text("Huawei, week 3")
    learner.get_by_role("textbox", name="Your name").fill("Lin")
    learner.get_by_role("button", name="Start the quiz").click()
    expect(learner).to_have_url(re.compile(r"/q/1$"))
    plan = attempt_plan(learner)
    assert len(plan) == 3
    for step in plan:
        answer_and_go_on(learner, step, step.right, len(plan))
    learner.get_by_role("button", name="Submit my answers").click()
    expect(learner.locator(".score")).to_have_text("3 out of 3")
    learner.goto("/")
    expect(learner.get_by_text("Huawei, week 3")).to_have_count(0)  # unlisted


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_quiz_pages_are_accessible(open_page, bank, make_user, screenshot_dir, viewport):
    """List, form (with errors), quiz page, projection, edit and delete pass axe."""
    make_user("me@example.org", name="Me")
    page = open_page(viewport)

    def shoot(name):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    log_in(page)
    page.goto("/teach/quizzes/")
    shoot("quizzes-empty")
    page.get_by_role("link", name="Build a quiz").click()
    shoot("quiz-new")
    page.get_by_role("spinbutton", name="Time limit in minutes (optional)").fill("-5")
    page.get_by_role("button", name="Build the quiz").click()
    expect(page.get_by_text("Choose at least one question set.")).to_be_visible()
    expect(page.get_by_text("whole number of minutes")).to_be_visible()
    shoot("quiz-new-errors")
    build_quiz(page)
    shoot("quiz-show")
    page.get_by_role("link", name="Project in class").click()
    shoot("quiz-project")
    page.get_by_role("link", name="Back to the quiz").click()
    page.get_by_role("link", name="Edit the quiz").click()
    shoot("quiz-edit")
    page.go_back()
    page.get_by_role("link", name="Delete the quiz").click()
    shoot("quiz-delete")
    page.goto("/teach/quizzes/")
    shoot("quizzes-list")
