"""A learner joins a class on a phone, makes an account from the class page, then logs in
in another browser and finds the class there. The learner's account pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import check_accessibility, screenshot
from tests.classes.helpers import make_class

pytestmark = pytest.mark.browser

PASSPHRASE = "my learner passphrase"
OFFER = "Keep your attempts on any device: make an account"


@pytest.fixture
def class_code(app, bank_writer, make_user):
    """Load the test bank; return the code of a teacher's class with the test quiz assigned."""
    bank_writer.load()
    teacher = make_user(email="tess@example.org", name="Tess")
    return make_class(teacher, quizzes=["test-quiz"]).join_code


def test_a_learner_account_brings_the_class_to_a_second_browser(class_code, new_page,
                                                                 screenshot_dir):
    """Join, sign up from the class page, log in elsewhere, see the class; every page passes axe."""

    def check(page, name, viewport):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    phone = new_page("phone")
    phone.goto(f"/class/join?code={class_code}")
    phone.get_by_role("textbox", name="Your name").fill("Ann")
    phone.get_by_role("button", name="Join the class").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("10B History")
    phone.get_by_role("link", name=OFFER).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Make a learner account")
    check(phone, "learner-signup", "phone")
    phone.get_by_role("button", name="Make my account").click()
    expect(phone.get_by_text("Type the name your teachers will see.")).to_be_visible()
    check(phone, "learner-signup-error", "phone")
    phone.get_by_role("textbox", name="Your name").fill("Ann Lee")
    phone.get_by_role("textbox", name="Email").fill("ann@example.org")
    phone.get_by_label("New password", exact=True).fill(PASSPHRASE)
    phone.get_by_label("Type the new password again", exact=True).fill(PASSPHRASE)
    phone.get_by_role("button", name="Make my account").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("10B History")
    expect(phone.get_by_role("link", name=OFFER)).to_have_count(0)

    laptop = new_page("laptop")
    laptop.goto("/")
    laptop.get_by_role("link", name="Log in").click()
    laptop.get_by_role("textbox", name="Email").fill("ann@example.org")
    laptop.get_by_label("Password", exact=True).fill(PASSPHRASE)
    laptop.get_by_role("button", name="Log in").click()
    expect(laptop).to_have_url(re.compile(r"/class/$"))
    expect(laptop.get_by_role("heading", level=1)).to_have_text("My classes")
    expect(laptop.get_by_role("link", name="Your sources")).to_have_count(0)
    check(laptop, "my-classes", "laptop")
    laptop.get_by_role("link", name="10B History").click()
    expect(laptop.get_by_text("You are in this class as Ann.")).to_be_visible()
    expect(laptop.get_by_role("button", name="Start Test quiz")).to_be_visible()
    laptop.goto("/teach/")
    expect(laptop.get_by_role("heading", level=1)).to_have_text("This page is for teachers")
    check(laptop, "learner-refused", "laptop")
    laptop.get_by_role("button", name="Log out").click()
    laptop.goto("/class/")
    expect(laptop.get_by_text("You have not joined a class yet.")).to_be_visible()
