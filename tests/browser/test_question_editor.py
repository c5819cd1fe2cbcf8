"""A teacher writes one question of each kind in a real browser, picking each passage by
selecting it in the source text; the editor passes axe at phone and laptop widths."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from quizapp.bank.models import Question
from quizapp.domain.kinds import KINDS
from quizapp.extensions import db
from tests.authoring.helpers import (
    OWN_BODY,
    TEACHER,
    expected_data,
    make_teacher_set,
    make_teacher_source,
)
from tests.browser.pages import check_accessibility, screenshot
from tests.factories import PASSWORD, SAMPLE_EVIDENCE, SAMPLE_QUESTIONS, TEST_SOURCE_BODY

pytestmark = pytest.mark.browser

SELECT = r"""([quote, nth]) => {
  const box = document.getElementById("pick-text");
  const node = box.firstChild;
  let start = node.data.indexOf(quote);
  for (let i = 0; i < nth; i += 1) { start = node.data.indexOf(quote, start + 1); }
  const range = document.createRange();
  range.setStart(node, start);
  let end = start + quote.length;
  if (/\s/.test(node.data[end] || "")) { end += 1; }  // the space after, as a mouse takes it
  range.setEnd(node, end);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


def _rows(page, noun, texts):
    for number, text in enumerate(texts, 1):
        page.get_by_role("textbox", name=f"{noun} {number}", exact=True).fill(text)


def _choices(page, data, marks):
    _rows(page, "Choice", data["choices"])
    for choice in marks:
        number = data["choices"].index(choice) + 1
        label = "Right answer" if len(marks) == 1 and not isinstance(data["answer"], list) \
            else "Right"
        page.get_by_role("radio" if label == "Right answer" else "checkbox",
                         name=f"{label} (Choice {number})").check()


def _matching(page, data):
    for number, pair in enumerate(data["pairs"], 1):
        page.get_by_role("textbox", name=f"Item {number}", exact=True).fill(pair["item"])
        page.get_by_role("textbox", name=f"Match for item {number}").fill(pair["match"])
    _rows(page, "Extra match", data["extra_matches"])


def _ordering(page, data):
    # Four rows are offered; a fifth comes from "Add another item", added by the script.
    page.get_by_role("button", name="Add another item").click()
    expect(page.get_by_role("textbox", name="Item 5", exact=True)).to_be_focused()
    _rows(page, "Item", ["", *data["items"]])


def _numeric(page, data):
    page.get_by_role("textbox", name="Answer", exact=True).fill(str(data["answer"]))
    page.get_by_role("textbox", name="Tolerance (optional)").fill(str(data["tolerance"]))
    page.get_by_role("textbox", name="Unit (optional)").fill(data["unit"])


FILL = {
    "single_choice": lambda page, data: _choices(page, data, [data["answer"]]),
    "multiple_response": lambda page, data: _choices(page, data, data["answer"]),
    "true_false": lambda page, data: page.get_by_role("radio", name="False").check(),
    "matching": _matching,
    "short_answer": lambda page, data: _rows(page, "Accepted answer", data["accepted"]),
    "ordering": _ordering,
    "numeric": _numeric,
}


def _log_in(page):
    page.goto("/account/login")
    page.get_by_role("textbox", name="Email").fill(TEACHER)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/teach/$"))


def _pick(page, quote, nth=0):
    """Select `quote` (its nth occurrence) in the source text and use it as a passage."""
    page.evaluate(SELECT, [quote, nth])
    page.get_by_role("button", name="Use the selected passage").click()
    expect(page.get_by_role("status")).to_have_text("The passage is quoted in Passage 1.")
    expect(page.get_by_role("textbox", name="Quote, word for word")).to_have_value(quote)


def _write(page, set_id, kind):
    """Choose `kind`, fill every field and pick the evidence; save."""
    page.goto(f"/teach/sets/{set_id}/questions/new")
    page.get_by_role("radio", name=KINDS[kind].label, exact=True).check()
    page.get_by_role("button", name="Write the question").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(KINDS[kind].label.lower())
    page.get_by_role("textbox", name="Prompt").fill(SAMPLE_QUESTIONS[kind]["prompt"])
    FILL[kind](page, expected_data(kind))
    page.get_by_role("textbox", name="Explanation").fill("The passage says so.")
    page.get_by_role("textbox", name="Tags").fill("testing")
    page.get_by_role("radio", name="3: hard").check()
    _pick(page, SAMPLE_EVIDENCE[kind])
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/teach/sets/{set_id}$"))


def _saved(set_id):
    """Return (kind, data, difficulty, [(quote, start, end)]) of each question in the set."""
    questions = db.session.scalars(sa.select(Question).where(Question.set_id == set_id)
                                   .order_by(Question.position)).all()
    found = [(q.current_version.kind, q.current_version.data, q.current_version.difficulty,
              [(e.quote, e.start, e.end) for e in q.current_version.evidence])
             for q in questions]
    db.session.rollback()
    return found


def test_a_teacher_writes_every_kind_picking_evidence_in_the_text(
        bank_writer, make_user, open_page):
    """Each kind is written through its own fields; each passage is picked by selection."""
    bank_writer.load(quizzes=[])
    user = make_user(email=TEACHER, name="Owner")
    set_id = make_teacher_set(user.id).id
    page = open_page("laptop")
    _log_in(page)
    for kind in SAMPLE_QUESTIONS:
        _write(page, set_id, kind)
    expected = []
    for kind in SAMPLE_QUESTIONS:
        start = TEST_SOURCE_BODY.index(SAMPLE_EVIDENCE[kind])
        expected.append((kind, expected_data(kind), 3,
                         [(SAMPLE_EVIDENCE[kind], start, start + len(SAMPLE_EVIDENCE[kind]))]))
    assert _saved(set_id) == expected


def test_a_selection_tells_two_equal_passages_apart(bank_writer, make_user, open_page):
    """The second of two identical sentences is the one stored when it is the one selected."""
    bank_writer.load(quizzes=[])
    user = make_user(email=TEACHER, name="Owner")
    set_id = make_teacher_set(user.id).id
    own = make_teacher_source(user.id)
    page = open_page("laptop")
    _log_in(page)
    page.goto(f"/teach/sets/{set_id}/questions/new?kind=true_false")
    page.get_by_role("textbox", name="Prompt").fill("The mayor found the plan unfair.")
    page.get_by_label("Source to read").select_option(str(own.id))
    page.get_by_role("button", name="Show this source").click()
    expect(page.get_by_role("region", name=re.compile("Council news"))).to_be_visible()
    expect(page.get_by_role("textbox", name="Prompt")).to_have_value(
        "The mayor found the plan unfair.")
    page.get_by_role("radio", name="False").check()
    page.get_by_role("textbox", name="Explanation").fill("He said it was fair.")
    page.get_by_role("textbox", name="Tags").fill("testing")
    quote = "The mayor said the plan was fair."
    _pick(page, quote, nth=1)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/teach/sets/{set_id}$"))
    second = OWN_BODY.index(quote, OWN_BODY.index(quote) + 1)
    assert _saved(set_id)[0][3] == [(quote, second, second + len(quote))]


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_editor_pages_are_accessible(
        bank_writer, make_user, open_page, screenshot_dir, viewport):
    """The kind list, every kind's editor, and an editor full of messages pass axe."""
    bank_writer.load(quizzes=[])
    user = make_user(email=TEACHER, name="Owner")
    set_id = make_teacher_set(user.id).id
    page = open_page(viewport)
    _log_in(page)

    def shoot(name):
        check_accessibility(page, name)
        screenshot(page, screenshot_dir, name, viewport)

    page.goto(f"/teach/sets/{set_id}/questions/new")
    shoot("question-kinds")
    page.goto(f"/teach/sets/{set_id}/questions/new?kind=cloze")
    expect(page.get_by_role("alert")).to_contain_text("Choose one of the kinds")
    shoot("question-kinds-error")
    for kind in KINDS:
        page.goto(f"/teach/sets/{set_id}/questions/new?kind={kind}")
        shoot(f"question-editor-{kind}")
    page.goto(f"/teach/sets/{set_id}/questions/new?kind=matching")
    page.get_by_role("textbox", name="Item 1", exact=True).fill("An item without its match")
    page.get_by_role("textbox", name="Quote, word for word").fill("Words in no article at all")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    shoot("question-editor-errors")
