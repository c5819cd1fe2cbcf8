"""axe-core finds no serious or critical problem on any page a learner sees, at phone and
laptop widths; every page is saved as a screenshot for a reviewer."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import (
    QUESTION_URL,
    attempt_plan,
    check_accessibility,
    fill,
    quiz_facts,
    screenshot,
)

pytestmark = pytest.mark.browser

STARTER = "starter-tour"
PRACTICE = "starter-practice"


def partial_form(step):
    """Return fields that earn part of the mark where a kind allows it, else wrong ones."""
    if step.kind == "multiple_response":
        return {"answer": step.right["answer"][:1]}
    if step.kind == "matching":
        return dict(list(step.right.items())[:1])
    return step.wrong


# How each kind is answered, so the result page shows every verdict.
ANSWERS = {"single_choice": "right", "multiple_response": "partial", "true_false": "wrong",
           "matching": "partial", "short_answer": "right", "ordering": "wrong",
           "numeric": "right"}


@pytest.fixture
def shoot(screenshot_dir):
    """Return a function that checks a page with axe and saves its screenshot."""

    def shoot(page, name, viewport):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    return shoot


def forms_for(step):
    """Return the fields ANSWERS asks for on `step`."""
    how = ANSWERS[step.kind]
    return step.right if how == "right" else partial_form(step) if how == "partial" else step.wrong


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_every_page_is_accessible_and_screenshotted(open_page, bank, shoot, viewport):
    """Home, quiz, each kind's question, an error, review, result and source pages pass axe."""
    page = open_page(viewport)
    title, _ = quiz_facts(STARTER)
    page.goto("/")
    shoot(page, "home", viewport)

    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    shoot(page, "quiz", viewport)
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Type the name your teacher will see.")).to_be_visible()
    shoot(page, "quiz-error", viewport)
    page.get_by_role("textbox", name="Your name").fill("Grace")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page).to_have_url(QUESTION_URL)
    plan = attempt_plan(page)
    base = page.url.rsplit("/q/", 1)[0]

    firsts = {}
    for step in plan:
        firsts.setdefault(step.kind, step)
    for kind, step in firsts.items():
        page.goto(f"{base}/q/{step.position}")
        shoot(page, f"question-{kind.replace('_', '-')}", viewport)
        fill(page, step, forms_for(step))
        page.get_by_role("button", name="Review and submit").click()
        expect(page).to_have_url(re.compile(r"/review$"))

    ordering = [s for s in plan if s.kind == "ordering"][-1]
    page.goto(f"{base}/q/{ordering.position}")
    page.locator("select#position-0").select_option("1")
    page.locator("select#position-1").select_option("1")
    page.get_by_role("button", name="Review and submit").click()
    expect(page.get_by_role("alert")).to_contain_text("Give each item a different position")
    expect(page.get_by_role("alert")).to_be_focused()
    shoot(page, "question-error", viewport)

    page.goto(f"{base}/review")
    expect(page.get_by_text(f"{len(plan) - len(firsts)} questions are not answered yet"))\
        .to_be_visible()
    shoot(page, "review", viewport)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    for verdict in ("right", "partial", "wrong", "unanswered"):
        expect(page.locator(f".verdict-{verdict}").first).to_be_visible()
    shoot(page, "result", viewport)

    page.get_by_role("link", name=re.compile("^Read it in the source")).first.click()
    expect(page.locator("mark.is-current").first).to_be_in_viewport()
    shoot(page, "source", viewport)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sources").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sources")
    shoot(page, "sources", viewport)
    page.goto("/no-such-page")
    shoot(page, "not-found", viewport)


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_instant_feedback_is_accessible(open_page, bank, shoot, viewport):
    """The feedback shown right after an answer passes axe and takes the focus."""
    page = open_page(viewport)
    page.goto(f"/quiz/{PRACTICE}")
    page.get_by_role("textbox", name="Your name").fill("Alan")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page).to_have_url(QUESTION_URL)
    step = attempt_plan(page)[0]
    fill(page, step, step.right)
    page.get_by_role("button", name="Check my answer").click()
    feedback = page.get_by_role("region", name="Feedback")
    expect(feedback).to_be_focused()
    expect(feedback.locator(".verdict")).to_have_text("✓ Right")
    shoot(page, "question-feedback", viewport)
