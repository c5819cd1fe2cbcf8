"""Issue 9's journey in one real-browser run, CSRF on: a class takes a quiz, and its teacher
reads the results and exports the scores.

A new teacher signs up, adapts a bundled set (so its short answer is theirs to accept) and
builds a quiz from it and a second bundled set: a one-minute limit, two attempts, the best
counting. They make a class and assign the quiz. Four learners join by the class code, each
in a browser of their own: Ann takes it twice (right, then wrong), Ben runs out of time after
one answer, Cat starts and never finishes, and Dan types a fair short answer the key rejects.
The teacher reads the results (every attempt with its state, the chart and its numbers in a
table), accepts Dan's answer in the item analysis and sees his score change, opens his
attempt, downloads the three CSV exports, both LMS layouts and the class gradebook, and reads
them with Python's csv module and, for the attempts and the gradebook, with LibreOffice.
Every results page passes axe.
"""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.play.models import Attempt
from tests.browser.pages import QUESTION_URL, attempt_plan, check_accessibility
from tests.browser.test_classes import learner_joins, make_a_class, take_quiz
from tests.browser.test_learner_flow import answer_and_go_on
from tests.browser.test_teacher_journey import sign_up
from tests.factories import make_question
from tests.results.test_spreadsheets import pytestmark as needs_libreoffice
from tests.results.test_spreadsheets import through_libreoffice

pytestmark = [pytest.mark.browser, needs_libreoffice]

QUIZ = "Week 3 check"
FAIR = "the capital"  # Dan's answer to "Which city will decide?" (the key says Ottawa)
SECOND_SET = {"id": "second-set", "title": "Second set", "questions": [
    make_question("true_false"), make_question("numeric")]}
# What each attempt shows before and after Dan's answer is accepted: score, percent, state.
BEFORE = [("Ann", "4 / 4", "100.0%", "submitted"), ("Ann", "0 / 4", "0.0%", "submitted"),
          ("Ben", "1 / 4", "25.0%", "time ran out"), ("Cat", "—", "—", "in progress"),
          ("Dan", "3 / 4", "75.0%", "submitted")]
AFTER = [*BEFORE[:4], ("Dan", "4 / 4", "100.0%", "submitted")]
# The attempts export, after the rescore: learner, class, status, score, percent.
ATTEMPT_ROWS = [("Ann", "10B History", "submitted", "0", "0"),
                ("Ann", "10B History", "submitted", "4", "100"),
                ("Ben", "10B History", "time ran out", "1", "25"),
                ("Cat", "10B History", "in progress", "", ""),
                ("Dan", "10B History", "submitted", "4", "100")]
# The percent that counts (Ann: the best of her two), in every gradebook export.
COUNTED = {"Ann": "100", "Ben": "25", "Cat": "", "Dan": "100"}


@pytest.fixture
def two_sets(app, bank_writer):
    """Load two bundled sets on the test source: a short answer is in the first."""
    bank_writer.load(questions=[make_question("single_choice"), make_question("short_answer")],
                     quizzes=[], more_sets=[SECOND_SET])


def build_the_quiz(page):
    """Duplicate the bundled Test set, then build the quiz from the copy and Second set."""
    page.get_by_role("link", name="Question sets").first.click()
    page.get_by_role("button", name="Duplicate to adapt “Test set”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Test set (copy)")
    page.goto("/teach/")
    page.get_by_role("link", name="Your quizzes").click()
    page.get_by_role("link", name="Build a quiz").click()
    page.get_by_role("textbox", name="Title").fill(QUIZ)
    page.get_by_role("checkbox", name="Test set (copy)").check()
    page.get_by_role("checkbox", name="Second set").check()
    page.get_by_role("checkbox", name="Shuffle the questions").uncheck()
    page.get_by_role("checkbox", name="Shuffle the choices").uncheck()
    page.get_by_role("spinbutton", name="Time limit in minutes (optional)").fill("1")
    page.get_by_role("spinbutton", name="Attempts allowed (optional)").fill("2")
    page.get_by_role("radio", name="The best attempt").check()
    page.get_by_role("button", name="Build the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUIZ)
    page.goto("/teach/")


def start(page):
    """Start the quiz from the learner's class page; return the attempt's plan."""
    page.get_by_role("button", name=f"Start {QUIZ}").click()
    expect(page).to_have_url(re.compile(r"/q/1$"))
    return attempt_plan(page)


def run_out_of_time(page):
    """Answer the first question, move the attempt's deadline into the past in the database
    (rather than wait a minute), and answer the second: the time is up."""
    plan = start(page)
    answer_and_go_on(page, plan[0], plan[0].right, len(plan))
    attempt = db.session.scalar(sa.select(Attempt).where(
        Attempt.public_id == QUESTION_URL.search(page.url).group(1)))
    attempt.deadline = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    answer_and_go_on(page, plan[1], plan[1].right, len(plan))
    expect(page.get_by_text("Time is up: your answers were submitted.")).to_be_visible()
    expect(page.locator(".score")).to_have_text("1 out of 4")


def never_finish(page):
    """Answer the first question and leave."""
    plan = start(page)
    answer_and_go_on(page, plan[0], plan[0].right, len(plan))


def answer_fairly(page):
    """Answer all right but the short answer, typed in words the key does not hold."""
    plan = start(page)
    for step in plan:
        fields = {"answer": FAIR} if step.kind == "short_answer" else step.right
        answer_and_go_on(page, step, fields, len(plan))
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator(".score")).to_have_text("3 out of 4")


def attempts_shown(page):
    """Return (learner, score, percent, state) of each row of the attempts table, sorted."""
    rows = page.locator("section[aria-labelledby=attempts-heading] tbody tr")
    cells = [row.locator("th, td").all_inner_texts() for row in rows.all()]
    return sorted(((c[0], c[2], c[3], c[6]) for c in cells),
                  key=lambda row: (row[0], row[1] != "4 / 4"))


def chart_numbers(page):
    """Check the chart is drawn; return its table's non-empty bins as {label: count}."""
    chart = page.get_by_role("img", name=re.compile("Bar chart of the scores"))
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    table = page.get_by_role("table", name="Handed-in attempts by score")
    bins = {row.get_by_role("rowheader").inner_text(): int(row.get_by_role("cell").inner_text())
            for row in table.locator("tbody tr").all()}
    return {label: count for label, count in bins.items() if count}


def download(page, link):
    """Click a download link; return the file's text, read as UTF-8."""
    with page.expect_download() as started:
        link.click()
    return started.value.path().read_text("utf-8")


def export_link(page, item):
    """Return the plain "CSV" link of the exports list item that says `item`."""
    return page.get_by_role("listitem").filter(has_text=item) \
        .get_by_role("link", name="CSV", exact=True)


def rows_of(text):
    """Return the CSV text's rows as dicts, by Python's csv module."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def learners_take_the_quiz(new_page, code):
    """Ann twice, Ben out of time, Cat never finishing, Dan with a fair answer."""
    learners = {name: new_page("phone") for name in ("Ann", "Ben", "Cat", "Dan")}
    for name, page in learners.items():
        learner_joins(page, code, name)
    ann = learners["Ann"]
    take_quiz(ann, right=True, quiz=QUIZ)
    take_quiz(ann, right=False, quiz=QUIZ)
    expect(ann.get_by_text("2 of 2 attempts used · Counted: 100.0%")).to_be_visible()
    expect(ann.get_by_text("You have used every attempt this quiz allows.")).to_be_visible()
    run_out_of_time(learners["Ben"])
    never_finish(learners["Cat"])
    answer_fairly(learners["Dan"])


def open_the_results(page):
    """Go from the teacher's home page to the quiz's results."""
    page.goto("/teach/")
    page.get_by_role("link", name="Your quizzes").click()
    page.get_by_role("link", name=QUIZ).click()
    page.get_by_role("link", name="Attempts, scores and CSV exports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Results: {QUIZ}")
    expect(page.get_by_text("5 attempts, 4 handed in.")).to_be_visible()


def accept_the_fair_answer(page):
    """In the item analysis, accept Dan's typed answer; come back to the results."""
    page.get_by_role("link", name="How each question did").click()
    answers = page.get_by_role("region", name="Which city will decide?")
    fair = answers.get_by_role("row", name=re.compile(f"^{FAIR}"))
    expect(fair.get_by_role("cell")).to_have_text(["1", "✗ wrong", "Accept as right"])
    check_accessibility(page, "item analysis")
    fair.get_by_role("button", name=f"Accept “{FAIR}” as right").click()
    expect(page.get_by_text(f"“{FAIR}” is now accepted; 1 answer was rescored.")) \
        .to_be_visible()
    expect(fair.get_by_role("cell")).to_have_text(["1", "✓ right", ""])
    check_accessibility(page, "item analysis, answer accepted")
    page.get_by_role("link", name="Back to the results").click()


def open_dans_attempt(page):
    """Read Dan's attempt: his answer beside the key, marked right now, and the evidence."""
    page.get_by_role("link", name="Dan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dan: {QUIZ}")
    expect(page.get_by_text(re.compile(r"Score 4 of 4 \(100\.0%\)"))).to_be_visible()
    city = page.locator(".result-item").filter(has_text="Which city will decide?")
    expect(city.locator(".verdict")).to_have_text("✓ Right")
    expect(city).to_contain_text(FAIR)
    expect(city).to_contain_text("Ottawa")
    expect(city).to_contain_text("Ottawa said on Monday it would decide soon.")
    check_accessibility(page, "attempt")
    page.get_by_role("link", name="Back to the results").click()


def download_the_exports(page):
    """Download the quiz's five exports from the results page; check the cells a teacher
    would; return the attempts and gradebook files' text."""
    attempts_csv = download(page, export_link(page, "Attempts: one row per attempt"))
    assert sorted((r["learner"], r["class"], r["status"], r["score"], r["percent"])
                  for r in rows_of(attempts_csv)) == ATTEMPT_ROWS
    responses = rows_of(download(page, export_link(page, "Responses: one row per answer")))
    dans = next(r for r in responses if r["learner"] == "Dan" and r["kind"] == "short_answer")
    # Rescored, on the version Dan saw (whose key did not yet hold his answer).
    assert (dans["given_answer"], dans["score"], dans["version"], dans["correct_answer"]) \
        == (FAIR, "1", "1", "Ottawa")
    gradebook_csv = download(page, export_link(page, "Gradebook: one row per learner"))
    assert {r["learner"]: r[QUIZ] for r in rows_of(gradebook_csv)} == COUNTED
    canvas = list(csv.reader(io.StringIO(
        download(page, export_link(page, "Gradebook for Canvas")), newline="")))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", QUIZ]
    assert canvas[1][0] == "Points Possible"
    assert {row[0]: (row[4], row[5]) for row in canvas[2:]} == {
        name: ("10B History", percent) for name, percent in COUNTED.items()}
    moodle = rows_of(download(page, export_link(page, "Gradebook for Moodle")))
    assert {r["Full name"]: r[QUIZ] for r in moodle} == COUNTED
    return attempts_csv, gradebook_csv


def read_the_class_gradebook(page):
    """Open the class's gradebook page; return its CSV download's text."""
    page.goto("/teach/")
    page.get_by_role("link", name=re.compile("^Your classes")).click()
    page.get_by_role("link", name="10B History").click()
    page.get_by_role("link", name="Gradebook").click()
    for name, shown in (("Ann", "100.0%"), ("Ben", "25.0%"), ("Cat", "–no attempt"),
                        ("Dan", "100.0%")):
        row = page.get_by_role("row", name=re.compile(f"^{name}"))
        expect(row.get_by_role("cell")).to_have_text([shown])
    check_accessibility(page, "class gradebook")
    class_csv = download(page, page.get_by_role("link", name="CSV", exact=True))
    assert {r["learner"]: r[QUIZ] for r in rows_of(class_csv)} == COUNTED
    return class_csv


def through_calc(text, tmp_path, name):
    """Return the CSV text's rows as LibreOffice Calc reads and writes them back."""
    return through_libreoffice(text.encode(), tmp_path, name)


def test_a_class_takes_a_quiz_and_the_teacher_reads_and_exports_the_results(
        two_sets, new_page, tmp_path):
    """Issue 9's check, through the real pages of a teacher's and four learners' browsers."""
    teacher = new_page()
    sign_up(teacher, "Grace Hopper", "grace@example.org")
    build_the_quiz(teacher)
    code = make_a_class(teacher, quiz=QUIZ)
    learners_take_the_quiz(new_page, code)

    open_the_results(teacher)
    assert attempts_shown(teacher) == BEFORE
    assert chart_numbers(teacher) == {"0–9": 1, "20–29": 1, "70–79": 1, "90–100": 1}
    check_accessibility(teacher, "results")
    accept_the_fair_answer(teacher)
    assert attempts_shown(teacher) == AFTER
    assert chart_numbers(teacher) == {"0–9": 1, "20–29": 1, "90–100": 2}
    check_accessibility(teacher, "results, rescored")
    open_dans_attempt(teacher)
    attempts_csv, gradebook_csv = download_the_exports(teacher)
    class_csv = read_the_class_gradebook(teacher)

    # LibreOffice reads back the same learners, states, scores and counted percents.
    calc = through_calc(attempts_csv, tmp_path, "attempts")
    assert calc[0] == next(csv.reader([attempts_csv.splitlines()[0]]))
    assert sorted((row[3], row[4], row[6], row[7], row[9]) for row in calc[1:]) \
        == ATTEMPT_ROWS
    for text, name in ((gradebook_csv, "gradebook"), (class_csv, "class-gradebook")):
        calc = through_calc(text, tmp_path, name)
        assert calc[0] == ["learner", "class", "roster_status", QUIZ]
        assert {row[0]: row[3] for row in calc[1:]} == COUNTED
