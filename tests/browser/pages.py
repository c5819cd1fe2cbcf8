"""Drive the learner's pages through their real controls, and check what they show."""

import re
from dataclasses import dataclass

import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from quizapp.extensions import db
from quizapp.play.models import Attempt
from quizapp.quizzes.models import Quiz
from tests.play.helpers import perfect_form

QUESTION_URL = re.compile(r"/attempt/([0-9a-f-]{36})/q/(\d+)$")
BLOCKING_IMPACTS = ("serious", "critical")
_axe = Axe()


@dataclass(frozen=True)
class Step:
    """One drawn question: its place, kind, right form fields and a wrong one."""

    position: int
    kind: str
    right: dict
    wrong: dict


def quiz_facts(slug):
    """Return the quiz's title and join code, read from the database."""
    quiz = db.session.scalar(sa.select(Quiz).where(Quiz.slug == slug))
    facts = quiz.title, quiz.join_code
    db.session.rollback()
    return facts


def attempt_plan(page):
    """Return the Steps of the attempt whose question `page` shows, read from the database."""
    public_id = QUESTION_URL.search(page.url).group(1)
    attempt = db.session.scalar(sa.select(Attempt).where(Attempt.public_id == public_id))
    plan = [Step(r.position, r.question_version.kind, perfect_form(r), wrong_form(r))
            for r in attempt.responses]
    db.session.rollback()
    return plan


def wrong_form(response):
    """Return form fields that answer `response`'s question wrongly (ordering: partly)."""
    version, layout = response.question_version, response.layout
    data, kind = version.data, version.kind
    right = perfect_form(response)
    if kind == "single_choice":
        return {"answer": next(c for c in layout["choices"] if c != data["answer"])}
    if kind == "multiple_response":
        return {"answer": [c for c in layout["choices"] if c not in data["answer"]]}
    if kind == "true_false":
        return {"answer": "false" if data["answer"] else "true"}
    if kind == "matching":
        return {name: next(o for o in layout["options"] if o != value)
                for name, value in right.items()}
    if kind == "ordering":  # the shown order, which is never the right one
        return {f"position-{i}": str(i + 1) for i in range(len(layout["items"]))}
    return {"answer": "9999" if kind == "numeric" else "not in the article"}


def _choice(page, kind, value):
    role = "checkbox" if kind == "multiple_response" else "radio"
    name = {"true": "True", "false": "False"}.get(value, value) if kind == "true_false" else value
    return page.get_by_role(role, name=name, exact=True)


def _values(fields):
    value = fields["answer"]
    return value if isinstance(value, list) else [value]


def fill(page, step, fields):
    """Answer the question on `page` with `fields`, using its radios, boxes, selects and inputs."""
    if step.kind in ("single_choice", "multiple_response", "true_false"):
        for value in _values(fields):
            _choice(page, step.kind, value).check()
    elif step.kind in ("matching", "ordering"):
        for name, value in fields.items():
            page.locator(f"select#{name}").select_option(value=value)
    else:
        page.get_by_role("textbox", name="Your answer").fill(fields["answer"])


def expect_shown(page, step, fields):
    """Check that the question on `page` shows `fields` as the saved answer."""
    if step.kind in ("single_choice", "multiple_response", "true_false"):
        for value in _values(fields):
            expect(_choice(page, step.kind, value)).to_be_checked()
        expect(page.locator("input[name=answer]:checked")).to_have_count(len(_values(fields)))
    elif step.kind in ("matching", "ordering"):
        for name, value in fields.items():
            expect(page.locator(f"select#{name}")).to_have_value(value)
    else:
        expect(page.get_by_role("textbox", name="Your answer")).to_have_value(fields["answer"])


def expect_question(page, position, total, answered):
    """Check the question heading line, the progress bar and the URL."""
    expect(page).to_have_url(re.compile(rf"/q/{position}$"))
    expect(page.locator("#progress-label")).to_have_text(f"Question {position} of {total}")
    expect(page.locator("progress")).to_have_attribute("value", str(answered))
    expect(page.locator("progress")).to_have_attribute("max", str(total))
    expect(page.locator("#progress-count")).to_have_text(f"{answered} answered")


def check_accessibility(page, name):
    """Fail on any serious or critical axe-core violation on `page`."""
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe on the {name} page ({page.url}):\n" + "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"])
        for v in blocking
    )
    return results


def screenshot(page, folder, name, viewport):
    """Save a full-page screenshot as `<name>-<viewport>.png`."""
    page.screenshot(path=str(folder / f"{name}-{viewport}.png"), full_page=True,
                    animations="disabled", caret="hide")
