"""A learner takes the starter quiz in Chromium: every kind, a reload, a resume, the result
and an evidence link to its highlighted passage."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import (
    attempt_plan,
    expect_question,
    expect_shown,
    fill,
    quiz_facts,
)

pytestmark = pytest.mark.browser

STARTER = "starter-tour"
KINDS = {"single_choice", "multiple_response", "true_false", "matching", "short_answer",
         "ordering", "numeric"}


def join_and_start(page, slug, name):
    """Open the quiz by typing its join code on the home page, then start it."""
    title, code = quiz_facts(slug)
    page.goto("/")
    page.get_by_role("textbox", name="Join code").fill(code.lower())
    page.get_by_role("button", name="Open the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.get_by_role("textbox", name="Your name").fill(name)
    page.get_by_role("button", name="Start the quiz").click()
    expect(page).to_have_url(re.compile(r"/q/1$"))


def answer_and_go_on(page, step, fields, total):
    """Answer the question on `page` and save it with the button that moves on."""
    fill(page, step, fields)
    button = "Save and next →" if step.position < total else "Review and submit"
    page.get_by_role("button", name=button).click()


def test_learner_takes_the_starter_quiz_resumes_and_reads_the_evidence(open_page, bank):
    """Every kind is answered, a reload and a new tab resume, the score and passage show."""
    page = open_page("laptop")
    join_and_start(page, STARTER, "Ada")
    plan = attempt_plan(page)
    total = len(plan)
    assert {step.kind for step in plan} == KINDS
    wrong = next(s.position for s in plan if s.kind == "single_choice")
    answers = {s.position: s.wrong if s.position == wrong else s.right for s in plan}
    half = total // 2

    for step in plan[:half]:
        expect_question(page, step.position, total, answered=step.position - 1)
        answer_and_go_on(page, step, answers[step.position], total)

    # A reload mid-way stays on the question and keeps the count.
    expect_question(page, half + 1, total, answered=half)
    page.reload()
    expect_question(page, half + 1, total, answered=half)
    page.get_by_role("link", name=f"{half} (answered)", exact=True).click()
    expect_question(page, half, total, answered=half)
    expect_shown(page, plan[half - 1], answers[half])
    page.reload()
    expect_shown(page, plan[half - 1], answers[half])
    page.close()

    # A new tab on the same browser finds the attempt, resumes it and shows saved answers.
    page = open_page("laptop")
    page.goto(f"/quiz/{STARTER}")
    expect(page.get_by_role("button", name="Start the quiz")).to_have_count(0)
    page.get_by_role("link", name="Resume your attempt").click()
    expect_question(page, half + 1, total, answered=half)
    page.get_by_role("link", name="1 (answered)", exact=True).click()
    expect_shown(page, plan[0], answers[1])
    page.get_by_role("link", name=f"{half + 1} (not answered)", exact=True).click()

    for step in plan[half:]:
        expect_question(page, step.position, total, answered=step.position - 1)
        answer_and_go_on(page, step, answers[step.position], total)

    expect(page.get_by_role("heading", level=1)).to_have_text("Review and submit")
    expect(page.get_by_text("Every question is answered.")).to_be_visible()
    expect(page.locator("progress")).to_have_attribute("value", str(total))
    page.get_by_role("button", name="Submit my answers").click()

    expect(page).to_have_url(re.compile(r"/result$"))
    expect(page.locator(".score")).to_have_text(f"{total - 1} out of {total}")
    expect(page.locator(".percent")).to_have_text(f"{round((total - 1) / total * 100)}%")
    expect(page.locator(f"#q{wrong} .verdict")).to_have_text("✗ Wrong")
    expect(page.locator(".verdict-right")).to_have_count(total - 1)
    follow_deepest_evidence_link(page)


def follow_deepest_evidence_link(page):
    """Follow the result page's link to the passage furthest into its article."""
    links = page.get_by_role("link", name=re.compile("^Read it in the source"))
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs, "the result page links no evidence"
    offsets = [tuple(map(int, re.search(r"hl=(\d+)-(\d+)", h).groups())) for h in hrefs]
    index = max(range(len(hrefs)), key=lambda i: offsets[i][0])
    start, end = offsets[index]
    quote = links.nth(index).locator("xpath=ancestor::li[1]//blockquote").inner_text()
    links.nth(index).click()

    anchor = f"ev-{start}-{end}"
    expect(page).to_have_url(re.compile(rf"/sources/[\w-]+\?hl={start}-{end}#{anchor}$"))
    assert page.evaluate("location.hash") == f"#{anchor}"
    current = page.locator("mark.is-current")
    expect(current.first).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0, "the link did not scroll to the passage"
    expect(page.get_by_text("The passage you came for is highlighted.")).to_be_visible()
    assert page.evaluate(
        "id => document.getElementById(id).nextElementSibling.matches('mark.is-current')",
        anchor)
    shown = "".join(current.all_inner_texts())
    assert _words(shown) == _words(quote.strip("“”"))


def _words(text):
    return " ".join(text.split())
