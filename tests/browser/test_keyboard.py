"""A learner takes a quiz with the keyboard only, and always sees where the focus is."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import attempt_plan, expect_question

pytestmark = pytest.mark.browser

FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
}"""


def tab_to(page, selector, limit=40):
    """Press Tab until the focus is on `selector`, and check the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_RING), f"no visible focus indicator on {selector}"
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def focused_value(page):
    return page.evaluate("document.activeElement.value")


def choose_radio(page, value):
    """Tab into the radio group, then pick `value` with Space and the arrow keys."""
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    for _ in range(10):
        if focused_value(page) == value:
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator("input[type=radio]:checked")).to_have_value(value)


def tick_boxes(page, values):
    """Tab through the check boxes and tick `values` with Space."""
    tab_to(page, "input[type=checkbox]")
    boxes = page.locator("input[type=checkbox]")
    for index in range(boxes.count()):
        expect(boxes.nth(index)).to_be_focused()
        if focused_value(page) in values:
            page.keyboard.press("Space")
        if index < boxes.count() - 1:
            page.keyboard.press("Tab")
    expect(page.locator("input[type=checkbox]:checked")).to_have_count(len(values))


def pick_options(page, fields):
    """Tab to each select and move to the wanted option with the arrow keys."""
    for name, value in fields.items():
        tab_to(page, f"select#{name}")
        for _ in range(12):
            if focused_value(page) == value:
                break
            page.keyboard.press("ArrowDown")
        expect(page.locator(f"select#{name}")).to_have_value(value)


def answer_by_keyboard(page, step):
    """Answer the question on `page` rightly without the mouse, and send it with Enter."""
    fields = step.right
    if step.kind in ("single_choice", "true_false"):
        choose_radio(page, fields["answer"])
    elif step.kind == "multiple_response":
        tick_boxes(page, fields["answer"])
    elif step.kind in ("matching", "ordering"):
        pick_options(page, fields)
        tab_to(page, "button[value=next], button[value=review]")
    else:
        tab_to(page, "input#answer")
        page.keyboard.type(fields["answer"])
    page.keyboard.press("Enter")


def test_quiz_is_taken_with_the_keyboard_only(open_page, bank_writer):
    """Skip link, join code, name, every kind of answer and the submission, all by keyboard."""
    bank_writer.load()
    page = open_page("laptop")
    page.goto("/")
    tab_to(page, "a.skip-link")
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    tab_to(page, "input#code")
    page.keyboard.type("test01")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Test quiz")
    tab_to(page, "input#display_name")
    page.keyboard.type("Kim")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/q/1$"))
    plan = attempt_plan(page)
    for step in plan:
        expect_question(page, step.position, len(plan), answered=step.position - 1)
        answer_by_keyboard(page, step)

    expect(page.get_by_text("Every question is answered.")).to_be_visible()
    tab_to(page, "button[type=submit]")
    expect(page.get_by_role("button", name="Submit my answers")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".score")).to_have_text(f"{len(plan)} out of {len(plan)}")
