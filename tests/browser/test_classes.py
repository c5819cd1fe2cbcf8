"""A teacher makes a class and assigns a quiz; a learner joins by code in another browser,
takes the quiz twice, and the gradebook shows the attempt that counts. Every class page
passes axe at phone and laptop widths."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.classes.models import SchoolClass
from quizapp.extensions import db
from tests.browser.pages import attempt_plan, check_accessibility, fill, screenshot
from tests.factories import PASSWORD, make_question

pytestmark = pytest.mark.browser

QUESTIONS = [make_question("single_choice"), make_question("true_false")]


@pytest.fixture
def world(app, bank_writer, make_user):
    """Load a two-question test bank and make a teacher account."""
    bank_writer.load(questions=QUESTIONS)
    make_user(email="tess@example.org", name="Tess")


def teacher_makes_a_class(page, check=lambda page, name: None):
    """Log in, make a class from the teacher home page, assign the test quiz; return its code."""
    page.goto("/account/login")
    page.get_by_role("textbox", name="Email").fill("tess@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return make_a_class(page, check)


def make_a_class(page, check=lambda page, name: None, quiz="Test quiz"):
    """From the teacher home page, make the class 10B History and assign `quiz` to it;
    return the class's join code."""
    page.get_by_role("link", name=re.compile("^Your classes")).click()
    check(page, "classes-empty")
    page.get_by_role("button", name="Make the class").click()
    expect(page.get_by_text("Give the class a name.")).to_be_visible()
    check(page, "classes-error")
    page.get_by_role("textbox", name="Class name").fill("10B History")
    page.get_by_role("button", name="Make the class").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("10B History")
    page.get_by_role("combobox", name="Quiz").select_option(label=quiz)
    page.get_by_role("button", name="Assign the quiz").click()
    expect(page.get_by_role("button", name=f"Unassign {quiz}")).to_be_visible()
    check(page, "class")
    code = db.session.scalar(sa.select(SchoolClass.join_code))
    db.session.rollback()
    return code


def learner_joins(page, code, name, check=lambda page, name: None):
    """Type the class code in the home page's join box, then a name."""
    page.goto("/")
    page.get_by_role("textbox", name="Join code").fill("NOPE42")
    page.get_by_role("button", name="Open the quiz").click()
    expect(page.get_by_text("No quiz has that code, and no class either.")).to_be_visible()
    page.get_by_role("textbox", name="Join code").fill(code.lower())
    page.get_by_role("button", name="Open the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Join a class")
    page.get_by_role("button", name="Join the class").click()
    expect(page.get_by_text("Type the name your teacher will see.")).to_be_visible()
    check(page, "class-join-error")
    page.get_by_role("textbox", name="Your name").fill(name)
    page.get_by_role("button", name="Join the class").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("10B History")


def take_quiz(page, right, quiz="Test quiz"):
    """Start `quiz` from the class page, answer all right or all wrong, hand in."""
    page.get_by_role("button", name=f"Start {quiz}").click()
    expect(page).to_have_url(re.compile(r"/q/1$"))
    plan = attempt_plan(page)
    for step in plan:
        fill(page, step, step.right if right else step.wrong)
        last = step.position == len(plan)
        page.get_by_role("button", name="Review and submit" if last else "Save and next →")\
            .click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    page.goto("/")  # the home page lists the learner's classes
    page.get_by_role("link", name="10B History").click()


def test_a_class_takes_a_quiz_and_the_gradebook_counts_the_best(world, new_page):
    """Two browsers: the teacher's and a learner's; the best of two attempts counts."""
    teacher = new_page()
    code = teacher_makes_a_class(teacher)
    learner = new_page("phone")
    learner_joins(learner, code, "Ann")
    take_quiz(learner, right=True)
    take_quiz(learner, right=False)
    expect(learner.get_by_text("2 attempts so far · Counted: 100.0%")).to_be_visible()
    teacher.get_by_role("link", name="Gradebook").click()
    row = teacher.get_by_role("row", name=re.compile("^Ann"))
    expect(row.get_by_role("cell")).to_have_text(["100.0%"])
    teacher.get_by_role("link", name="10B History").click()
    teacher.get_by_role("link", name="Roster").click()
    teacher.get_by_role("button", name="Remove Ann").click()
    expect(teacher.get_by_role("button", name="Put Ann back")).to_be_visible()
    teacher.goto(teacher.url.replace("/roster", "/gradebook"))
    expect(teacher.get_by_role("rowheader", name="Ann (removed)")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_every_class_page_is_accessible(world, new_page, screenshot_dir, viewport):
    """The teacher's and the learner's class pages, with and without errors, pass axe."""

    def check(page, name):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    teacher = new_page(viewport)
    code = teacher_makes_a_class(teacher, check)
    learner = new_page(viewport)
    learner_joins(learner, code, "Ann", check)
    check(learner, "class-member")
    take_quiz(learner, right=True)
    check(learner, "class-member-done")
    other = new_page(viewport)
    learner_joins(other, code, "Ann again")
    teacher.get_by_role("link", name="Roster").click()
    check(teacher, "roster")
    teacher.get_by_role("textbox", name="Name").first.fill("")
    teacher.get_by_role("button", name="Rename").first.click()
    expect(teacher.get_by_text("Type a name for this learner.")).to_be_visible()
    check(teacher, "roster-error")
    teacher.get_by_role("link", name="10B History").click()
    teacher.get_by_role("link", name="Gradebook").click()
    check(teacher, "gradebook")
    teacher.get_by_role("link", name="10B History").click()
    teacher.get_by_role("link", name="Your classes").click()
    check(teacher, "classes")
