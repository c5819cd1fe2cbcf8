"""A teacher imports a question file in a real browser: upload, preview, confirm, then
downloads the set; the import and export pages pass axe at phone and laptop widths."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.bank.models import QuestionSet
from quizapp.extensions import db
from tests.browser.pages import check_accessibility, screenshot
from tests.factories import PASSWORD
from tests.interchange.files import BROKEN_GIFT, GIFT

pytestmark = pytest.mark.browser


def _log_in(page, make_user):
    make_user(email="ada@example.org", name="Ada")
    page.goto("/account/login")
    page.get_by_role("textbox", name="Email").fill("ada@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))


def _choose_file(page, tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    page.get_by_label("Question file").set_input_files(str(path))


def test_upload_preview_confirm_and_download(open_page, make_user, tmp_path):
    """The whole journey through the real forms, CSRF on, without JavaScript help."""
    page = open_page("laptop")
    _log_in(page, make_user)
    page.get_by_role("link", name="Import questions from a file").click()
    page.get_by_role("textbox", name="Title of the new set").fill("Geography")
    _choose_file(page, tmp_path, "broken.gift", BROKEN_GIFT)
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("line 3, column 14: the answers starting here have no closing }"))\
        .to_be_visible()
    expect(page.get_by_text("This file cannot be imported: nothing was imported.")).to_be_visible()
    _choose_file(page, tmp_path, "course.gift", GIFT)
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")
    expect(page.get_by_role("heading", name="3 questions")).to_be_visible()
    expect(page.get_by_text("line 4: capital: per-answer feedback is not kept")).to_be_visible()
    assert db.session.scalar(sa.select(sa.func.count(QuestionSet.id))) == 0
    page.get_by_role("button", name="Import 3 questions").click()
    expect(page.get_by_text("Imported 3 questions into Geography.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download Geography")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download").first.click()
    download = download_info.value
    assert download.suggested_filename == "geography.gift.txt"
    text = download.path().read_text("utf-8")
    assert "::capital::What is the capital of France? {=Paris ~London ~Berlin}" in text


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_import_pages_are_accessible(open_page, make_user, tmp_path, screenshot_dir, viewport):
    """The upload form (blank and with errors), the preview and the export page pass axe."""
    page = open_page(viewport)
    _log_in(page, make_user)

    def shoot(name):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    page.goto("/teach/sets/import")
    shoot("import-upload")
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("Give the new set a title.")).to_be_visible()
    shoot("import-upload-errors")
    page.get_by_role("textbox", name="Title of the new set").fill("Geography")
    _choose_file(page, tmp_path, "broken.gift", BROKEN_GIFT)
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("This file cannot be imported: nothing was imported.")).to_be_visible()
    shoot("import-upload-file-errors")
    _choose_file(page, tmp_path, "course.gift", GIFT)
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")
    shoot("import-preview")
    page.get_by_role("button", name="Import 3 questions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Download Geography")
    shoot("export")


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_essay_and_description_pages_are_accessible(open_page, bank_writer, screenshot_dir,
                                                    viewport):
    """A learner reads a description, writes an essay, and sees a provisional result."""
    from tests.factories import make_question, make_quiz

    bank_writer.load(questions=[make_question("description"), make_question("essay")],
                     quizzes=[make_quiz()])
    page = open_page(viewport)

    def shoot(name):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    page.goto("/quiz/test-quiz")
    page.get_by_role("textbox", name="Your name").fill("Lee")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.get_by_text("Nothing to answer here")).to_be_visible()
    shoot("description")
    page.get_by_role("button", name="Next →").click()
    page.get_by_role("textbox", name="Your answer").fill("Allies pressed Canada.\n\nIt waited.")
    shoot("essay")
    page.get_by_role("button", name="Review and submit").click()
    expect(page.get_by_text("Every question is answered.")).to_be_visible()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_text("1 answer waits for your teacher's mark")).to_be_visible()
    expect(page.get_by_text("Waiting for your teacher's mark")).to_be_visible()
    shoot("result-provisional")


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_marking_page_is_accessible(app, open_page, bank_writer, make_user, screenshot_dir,
                                        viewport):
    """A teacher marks an essay in the browser; the page passes axe before and after."""
    from quizapp.quizzes.models import Quiz
    from tests.factories import make_question, make_quiz
    from tests.play.helpers import question_url, start, submit

    bank_writer.load(questions=[make_question("essay")], quizzes=[make_quiz()])
    app.config["WTF_CSRF_ENABLED"] = False  # the learner's part, through the test client
    learner = app.test_client()
    attempt = start(learner)
    learner.post(question_url(attempt, 1), data={"answer": "Because.", "go": "review"})
    submit(learner, attempt)
    app.config["WTF_CSRF_ENABLED"] = True
    page = open_page(viewport)
    _log_in(page, make_user)
    teacher_id = db.session.scalar(sa.text("SELECT id FROM user_account"))
    db.session.execute(sa.update(Quiz).values(owner_id=teacher_id))
    db.session.commit()
    page.goto(f"/teach/attempts/{attempt.public_id}/marking")
    check_accessibility(page, "marking")
    screenshot(page, screenshot_dir, "marking", viewport)
    page.get_by_label("Mark for question 1 (0 to 1)").fill("3")
    page.get_by_role("button", name="Save the mark").click()
    expect(page.get_by_text("Give a mark from 0 to 1.")).to_be_visible()
    check_accessibility(page, "marking-error")
    page.get_by_label("Mark for question 1 (0 to 1)").fill("1")
    page.get_by_role("button", name="Save the mark").click()
    expect(page.get_by_text("Question 1 is marked.")).to_be_visible()
    check_accessibility(page, "marking-done")
