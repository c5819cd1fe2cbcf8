"""Each question kind owns its templates, found by name: a new kind needs one class and
its templates, and no shared template changes."""

import re
from pathlib import Path

import pytest
from flask import Blueprint

from quizapp.domain.kinds import KINDS, AnswerError, QuestionKind, register
from quizapp.extensions import db
from quizapp.play.models import Response
from tests.factories import make_quiz
from tests.play.helpers import question_url, start, submit

QUIZAPP = Path(__file__).resolve().parents[2] / "quizapp"

VERDICTS = {"true": "True", "false": "False", "not_given": "Not given"}

TOY_INPUT = """\
<p class="hint">Does the article say so?</p>
<div class="options">
{% for value, text in [('true', 'True'), ('false', 'False'), ('not_given', 'Not given')] %}
  <label class="option"><input type="radio" name="verdict" value="{{ value }}"\
{% if answer == value %} checked{% endif %}{% if locked %} disabled{% endif %}> \
<span>{{ text }}</span></label>
{% endfor %}
</div>
"""
TOY_ANSWER = (
    """{% for line in lines %}<strong class="toy-verdict">{{ line }}</strong>{% endfor %}""")


class TrueFalseNotGiven(QuestionKind):
    """A toy eighth kind: the article says the statement is true, false or nothing."""

    name = "true_false_not_given"
    label = "True, false or not given"
    fields = ("answer",)

    def check(self, data):
        """Check the answer is one of the three verdicts."""
        return [] if data.get("answer") in VERDICTS else ["answer must be a verdict"]

    def read(self, data, layout, form):
        """Return the chosen verdict."""
        value = (form.get("verdict") or [""])[0]
        if value and value not in VERDICTS:
            raise AnswerError("Choose one of the three verdicts.")
        return value or None

    def score(self, data, answer):
        """Score 1 for the right verdict."""
        return 1.0 if answer == data["answer"] else 0.0

    def key(self, data):
        """Return the right verdict."""
        return data["answer"]

    def describe(self, data, answer):
        """Name the verdict."""
        return [] if answer is None else [VERDICTS[answer]]


@pytest.fixture
def toy_kind(app, tmp_path):
    """Register the toy kind and its templates in their own folder, as a plugin would."""
    saved = dict(KINDS)
    register(TrueFalseNotGiven)
    folder = tmp_path / "toy-templates" / "kinds" / TrueFalseNotGiven.name
    folder.mkdir(parents=True)
    (folder / "input.html").write_text(TOY_INPUT, "utf-8")
    (folder / "answer.html").write_text(TOY_ANSWER, "utf-8")
    app.register_blueprint(Blueprint("toy_kind", __name__,
                                     template_folder=str(tmp_path / "toy-templates")))
    yield KINDS[TrueFalseNotGiven.name]
    KINDS.clear()
    KINDS.update(saved)


def _toy_question():
    return {"id": "toy-1", "kind": TrueFalseNotGiven.name,
            "prompt": "The minister gave a date for the decision.", "answer": "not_given",
            "explanation": "The text says only that Ottawa would decide soon.",
            "evidence": [{"source": "test-source",
                          "quote": "Ottawa said on Monday it would decide soon."}],
            "tags": ["testing"], "difficulty": 1}


def test_a_new_kind_renders_reads_and_scores_with_only_its_class_and_templates(
        client, bank_writer, toy_kind):
    """A kind added outside the app is asked, answered, scored and reviewed like the others."""
    bank_writer.load(questions=[_toy_question()], quizzes=[make_quiz()])
    attempt = start(client)
    page = client.get(question_url(attempt, 1)).get_data(as_text=True)
    fieldset = re.search(r'<fieldset class="question kind-true_false_not_given">.*?</fieldset>',
                         page, re.S).group(0)
    assert '<legend class="prompt">The minister gave a date for the decision.</legend>' in fieldset
    assert fieldset.count('type="radio" name="verdict"') == 3
    assert "True, false or not given" in page

    refused = client.post(question_url(attempt, 1), data={"verdict": "maybe"})
    assert refused.status_code == 400
    assert "Choose one of the three verdicts." in refused.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Response, attempt.responses[0].id).answer is None

    saved = client.post(question_url(attempt, 1), data={"verdict": "not_given", "go": "next"})
    assert saved.status_code == 302
    page = client.get(question_url(attempt, 1)).get_data(as_text=True)
    assert 'value="not_given" checked' in page

    submit(client, attempt)
    result = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert "<strong>1</strong> out of 1" in result
    assert result.count('<strong class="toy-verdict">Not given</strong>') == 2


def test_a_kind_without_an_answer_template_shows_answers_as_lines(
        client, bank_writer, toy_kind, tmp_path):
    """The answer template is optional: feedback falls back to the shared answer lines."""
    (tmp_path / "toy-templates" / "kinds" / toy_kind.name / "answer.html").unlink()
    bank_writer.load(questions=[_toy_question()], quizzes=[make_quiz()])
    attempt = start(client)
    client.post(question_url(attempt, 1), data={"verdict": "true", "go": "next"})
    submit(client, attempt)
    result = client.get(f"/attempt/{attempt.public_id}/result").get_data(as_text=True)
    assert '<span class="answer-line">True</span>' in result
    assert '<span class="answer-line">Not given</span>' in result
    assert "<strong>0</strong> out of 1" in result


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_has_its_input_template(app, name):
    """Each registered kind finds its learner input by its own name."""
    template = KINDS[name].template("input")
    assert template == f"kinds/{name}/input.html"
    app.jinja_env.get_template(template)


def test_no_shared_code_branches_on_a_kind_name():
    """Templates and views ask the registry, never compare a kind with a name."""
    compare = re.compile(r"kind\s*(==|!=|\bin\b)\s*[\[('\"]")
    offenders = [
        str(path.relative_to(QUIZAPP))
        for path in sorted(QUIZAPP.rglob("*"))
        # A file format maps each kind to its own syntax (or reports it cannot carry it),
        # so the interchange modules are tables per kind by nature; the rest of the app
        # must not be.
        if path.suffix in (".html", ".py") and "interchange" not in path.parts
        and compare.search(path.read_text("utf-8"))
    ]
    assert offenders == []
