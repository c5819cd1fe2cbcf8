"""A teacher signs up, logs out, logs in and changes their password in a real browser; the
account pages pass axe at phone and laptop widths."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.auth.models import User
from quizapp.extensions import db
from tests.browser.pages import check_accessibility, screenshot

pytestmark = pytest.mark.browser

FIRST, SECOND = "first passphrase here", "second passphrase here"


def log_in(page, email, password):
    """Log in through the header's link."""
    page.get_by_role("link", name="Log in").click()
    page.get_by_role("textbox", name="Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_teacher_signs_up_logs_out_logs_in_and_changes_password(open_page):
    """The whole account journey through the real forms, CSRF on."""
    page = open_page("laptop")
    page.goto("/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_role("link", name="New teacher? Create an account").click()
    page.get_by_role("textbox", name="Your name").fill("Grace Hopper")
    page.get_by_role("textbox", name="Email").fill("Grace@Example.org")
    page.get_by_label("New password", exact=True).fill(FIRST)
    page.get_by_label("Type the new password again", exact=True).fill(FIRST)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Grace Hopper")

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    page.goto("/teach/")
    expect(page).to_have_url(re.compile(r"/account/login\?next="))

    page.get_by_role("textbox", name="Email").fill("grace@example.org")
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Email or password is wrong.")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(FIRST)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))

    page.get_by_role("link", name="Change your password").click()
    page.get_by_label("Current password", exact=True).fill(FIRST)
    page.get_by_label("New password", exact=True).fill(SECOND)
    page.get_by_label("Type the new password again", exact=True).fill(SECOND)
    page.get_by_role("button", name="Change my password").click()
    expect(page.get_by_text("Your password is changed.")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    log_in(page, "GRACE@example.org", FIRST)
    expect(page.get_by_text("Email or password is wrong.")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(SECOND)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Grace Hopper")


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_account_pages_are_accessible(app, open_page, screenshot_dir, viewport):
    """Log-in, sign-up (with errors), invitation needed, teacher home and password pass axe."""
    page = open_page(viewport)

    def shoot(name):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    page.goto("/account/login")
    shoot("login")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Email or password is wrong.")).to_be_visible()
    shoot("login-error")
    page.goto("/account/signup")
    shoot("signup")
    page.get_by_role("textbox", name="Email").fill("not an email")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("That is not a valid email address.")).to_be_visible()
    shoot("signup-error")
    page.get_by_role("textbox", name="Your name").fill("Ada")
    page.get_by_role("textbox", name="Email").fill("ada@example.org")
    page.get_by_label("New password", exact=True).fill(FIRST)
    page.get_by_label("Type the new password again", exact=True).fill(FIRST)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))
    shoot("teach-home")
    page.goto("/account/password")
    shoot("change-password")
    db.session.execute(sa.update(User).values(role="admin"))
    db.session.commit()
    page.goto("/account/invitations")
    page.get_by_role("button", name="Make an invitation link").click()
    expect(page.get_by_role("textbox", name="Link")).to_have_value(re.compile(r"invite="))
    shoot("invitations")
    page.get_by_role("button", name="Log out").click()
    app.config["SIGNUP"] = "invite"
    page.goto("/account/signup")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-up is by invitation")
    shoot("invitation-needed")
