"""A new teacher's first lesson, end to end in one real browser run, CSRF on.

Sign up; add an article by pasting and another by uploading a saved news page; make a set
and write one question of each kind, each passage picked by selecting it in the pasted
article; preview; publish; duplicate the bundled starter set and edit a question of the
copy; build a quiz from the new set; a learner opens it by its QR code's link, plays it to
the result, and the result's evidence link highlights the chosen passage. Then a second
teacher finds nothing of the first one's, by link or by forged request.
"""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.bank.models import Question
from quizapp.domain.sharing import qr_svg
from quizapp.extensions import db
from tests.browser.conftest import VIEWPORTS
from tests.browser.pages import attempt_plan
from tests.browser.test_learner_flow import answer_and_go_on
from tests.browser.test_question_editor import FILL, _pick
from tests.browser.test_teacher_sources import ARTICLE, add_by_pasting, add_by_uploading

pytestmark = pytest.mark.browser

STARTER = "Starter set: a tour of every kind"
PASSWORD = "a long passphrase here"
# One question of each kind about the pasted article, with the passage that supports it.
QUESTIONS = {
    "single_choice": ("Who called it the cheapest way to keep the sea out?", {
        "choices": ["The engineer", "The mayor", "The harbour master"],
        "answer": "The engineer"}, "said the engineer"),
    "multiple_response": ("Which two does the article report?", {
        "choices": ["The wall will be raised", "It is the cheapest way", "The work is done",
                    "The sea wall failed"],
        "answer": ["The wall will be raised", "It is the cheapest way"]},
        "The harbour wall will be raised by 40 centimetres"),
    "true_false": ("The council spoke on a Friday.", {"answer": False},
                   "the council said on Tuesday"),
    "matching": ("Match each part of the plan to what the article says of it.", {
        "pairs": [{"item": "Raised by 40 centimetres", "match": "The harbour wall"},
                  {"item": "The cheapest way", "match": "Keeping the sea out"}],
        "extra_matches": ["The library"]},
        "“It is the cheapest way to keep the sea out,”"),
    "short_answer": ("What will be raised?", {"accepted": ["the harbour wall"]},
                     "The harbour wall will be raised"),
    "ordering": ("Put these in the order the article gives them.", {
        "items": ["The council speaks on Tuesday", "The wall is raised", "Next winter comes"]},
        "before next winter, the council said on Tuesday"),
    "numeric": ("By how many centimetres will the wall be raised?", {
        "answer": 40, "tolerance": 0, "unit": "centimetres"}, "raised by 40 centimetres"),
}


def sign_up(page, name, email):
    """Create a teacher account through the sign-up form."""
    page.goto("/account/signup")
    page.get_by_role("textbox", name="Your name").fill(name)
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("Type the new password again", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))


def write(page, set_id, kind, label):
    """Write one question of `kind` on the pasted article, picking its passage by selection."""
    prompt, data, quote = QUESTIONS[kind]
    page.goto(f"/teach/sets/{set_id}/questions/new?kind={kind}")
    source = page.get_by_label("Source to read")
    source.select_option(source.locator("option", has_text="Harbour wall").get_attribute("value"))
    page.get_by_role("button", name="Show this source").click()
    expect(page.get_by_role("region", name=re.compile("Harbour wall"))).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(label.lower())
    page.get_by_role("textbox", name="Prompt").fill(prompt)
    FILL[kind](page, data)
    page.get_by_role("textbox", name="Explanation").fill("The article says so in these words.")
    page.get_by_role("textbox", name="Tags").fill("harbour")
    _pick(page, quote)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/teach/sets/{set_id}$"))


def make_set_with_every_kind(page):
    """Create a set, write a question of each kind into it, preview one and publish it."""
    page.goto("/teach/")
    page.get_by_role("link", name="Question sets").first.click()
    page.get_by_role("link", name="Create a set").click()
    page.get_by_role("textbox", name="Title").fill("Harbour news")
    page.get_by_role("button", name="Create the set").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour news")
    set_id = int(re.search(r"/teach/sets/(\d+)$", page.url).group(1))
    labels = {"single_choice": "Single choice", "multiple_response": "Multiple response",
              "true_false": "True or false", "matching": "Matching",
              "short_answer": "Short answer", "ordering": "Ordering", "numeric": "Numeric"}
    for kind, label in labels.items():
        write(page, set_id, kind, label)
    expect(page.get_by_text(f"{len(QUESTIONS)} questions.")).to_be_visible()
    page.get_by_role("link", name="Preview question 1", exact=True).click()
    expect(page.get_by_text(QUESTIONS["single_choice"][0]).first).to_be_visible()
    page.goto(f"/teach/sets/{set_id}")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Published: it can be used in quizzes.")).to_be_visible()
    return set_id


def adapt_the_starter_set(page):
    """Duplicate the bundled starter set and change the prompt of its first question."""
    page.goto("/teach/sets/")
    page.get_by_role("button", name=re.compile(r"Duplicate to adapt “Starter set")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"\(copy\)$"))
    page.get_by_role("link", name="Edit question 1", exact=True).click()
    page.get_by_role("textbox", name="Prompt").fill("A prompt in my own words?")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("A prompt in my own words?")).to_be_visible()


def build_quiz(page):
    """Build a quiz of the new set; return its link as the page shows it."""
    page.goto("/teach/")
    page.get_by_role("link", name="Your quizzes").click()
    page.get_by_role("link", name="Build a quiz").click()
    page.get_by_role("textbox", name="Title").fill("Harbour quiz")
    page.get_by_role("checkbox", name="Harbour news").check()
    page.get_by_role("button", name="Build the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour quiz")
    link = page.locator(".quiz-link").inner_text()
    qr = page.locator(".qr img")
    assert page.request.get(qr.get_attribute("src")).text() == qr_svg(
        link, f"QR code of the link {link}")
    return link, int(re.search(r"/teach/quizzes/(\d+)$", page.url).group(1))


def play_and_follow_the_evidence(page, link):
    """Take the quiz by its QR code's link; follow the first evidence link of the result."""
    page.goto(link)
    page.get_by_role("textbox", name="Your name").fill("Lin")
    page.get_by_role("button", name="Start the quiz").click()
    plan = attempt_plan(page)
    assert len(plan) == len(QUESTIONS)
    for step in plan:
        answer_and_go_on(page, step, step.right, len(plan))
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator(".score")).to_have_text(f"{len(QUESTIONS)} out of {len(QUESTIONS)}")
    first = page.locator(".result-item").first
    prompt = first.locator(".result-heading").inner_text()
    quote = next(q for p, _d, q in QUESTIONS.values() if p in prompt)
    first.get_by_role("link", name=re.compile("Read it in the source")).click()
    expect(page.locator("mark.is-current")).to_have_text(quote)
    assert ARTICLE.index(quote) >= 0


def test_a_new_teacher_prepares_a_lesson_a_learner_takes_it_and_another_sees_nothing(
        browser, live_url, open_page, bank):
    """The whole journey of issue 8's check, through the real pages."""
    page = open_page("laptop")
    sign_up(page, "Grace Hopper", "grace@example.org")
    add_by_pasting(page)
    add_by_uploading(page)
    set_id = make_set_with_every_kind(page)
    adapt_the_starter_set(page)
    link, quiz_id = build_quiz(page)
    play_and_follow_the_evidence(open_page("phone"), link)
    copy = db.session.scalar(sa.select(Question).where(
        Question.current_version.has(prompt="A prompt in my own words?")))
    assert copy.current_version.number == 2 and copy.question_set.owner_id is not None
    db.session.rollback()

    other = browser.new_context(viewport=VIEWPORTS["laptop"], base_url=live_url)
    second = other.new_page()
    sign_up(second, "Alan Turing", "alan@example.org")
    for path in (f"/teach/sets/{set_id}", f"/teach/sets/{set_id}/edit",
                 f"/teach/quizzes/{quiz_id}", f"/teach/quizzes/{quiz_id}/results",
                 f"/teach/quizzes/{quiz_id}/export/attempts.csv"):
        assert second.request.get(path).status == 404, path
    second.goto("/teach/sets/")
    expect(second.get_by_text("Harbour news")).to_have_count(0)
    second.goto("/teach/sources/")
    expect(second.get_by_text("Harbour wall to be raised")).to_have_count(0)
    forged = second.request.post(f"/teach/sets/{set_id}/delete", form={"confirm": "1"})
    assert forged.status in (400, 404)
    page.goto(f"/teach/sets/{set_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour news")
    other.close()
