"""An eighth kind is written in the editor with nothing but its class and its templates, and
every kind reads back what its editor shows."""

import pytest
from flask import Blueprint

from quizapp.domain import editing
from quizapp.domain.kinds import KINDS, FieldError, register
from tests.authoring.helpers import question_form
from tests.factories import SAMPLE_QUESTIONS
from tests.play.test_kind_templates import TOY_INPUT, TrueFalseNotGiven

TOY_EDITOR = """\
{% from "_macros/editor.html" import field_errors %}
<fieldset class="rows"><legend>Verdict</legend>
{{ field_errors(editor, 'answer', 'verdict-error') }}
{% for value, text in [('true', 'True'), ('false', 'False'), ('not_given', 'Not given')] %}
<label><input type="radio" name="verdict" value="{{ value }}"\
{% if editor.value('verdict') == value %} checked{% endif %}> {{ text }}</label>
{% endfor %}
</fieldset>
"""


class EditableTrueFalseNotGiven(TrueFalseNotGiven):
    """The toy kind of the learner tests, with the two methods the editor needs."""

    def check(self, data):
        """Say what is wrong beside the verdict."""
        return [FieldError("answer", problem) for problem in super().check(data)]

    def editor_values(self, data):
        """Show the verdict."""
        return {"verdict": [data["answer"]]}

    def read_editor(self, form):
        """Read the verdict."""
        return editing.Edited({"answer": editing.first(form, "verdict")})


@pytest.fixture
def editable_toy(app, tmp_path):
    """Register the toy kind and its input and editor templates, as a plugin would."""
    saved = dict(KINDS)
    register(EditableTrueFalseNotGiven)
    folder = tmp_path / "toy-templates" / "kinds" / EditableTrueFalseNotGiven.name
    folder.mkdir(parents=True)
    (folder / "input.html").write_text(TOY_INPUT, "utf-8")
    (folder / "editor.html").write_text(TOY_EDITOR, "utf-8")
    app.register_blueprint(Blueprint("toy_editor", __name__,
                                     template_folder=str(tmp_path / "toy-templates")))
    yield KINDS[EditableTrueFalseNotGiven.name]
    KINDS.clear()
    KINDS.update(saved)


def test_an_eighth_kind_is_written_with_only_its_class_and_templates(editable_toy, desk):
    """The kind list offers it, its editor shows its fields, its check speaks beside them."""
    name = editable_toy.name
    assert f'value="{name}"' in desk.client.get(desk.new_url()).get_data(as_text=True)
    page = desk.client.get(desk.new_url(name)).get_data(as_text=True)
    assert page.count('name="verdict"') == 3
    form = {k: v for k, v in question_form("true_false", desk.source_id).items()
            if k != "answer"}
    refused = desk.client.post(desk.new_url(name), data={**form, "verdict": "maybe"})
    assert refused.status_code == 400
    assert 'id="verdict-error"><span aria-hidden="true">⚠</span> Answer must be a verdict.' in (
        refused.get_data(as_text=True))
    saved = desk.client.post(desk.new_url(name), data={**form, "verdict": "not_given"})
    assert saved.status_code == 302
    question = desk.question_set.questions[0]
    assert question.current_version.data == {"answer": "not_given"}
    assert 'value="not_given" checked' in desk.client.get(desk.edit_url(question)).get_data(
        as_text=True)


def test_a_plain_message_from_a_kind_is_shown_at_the_top(editable_toy, desk, monkeypatch):
    """A kind whose check gives plain text still stops the save, and says why."""
    monkeypatch.setattr(EditableTrueFalseNotGiven, "check", TrueFalseNotGiven.check)
    form = {k: v for k, v in question_form("true_false", desk.source_id).items()
            if k != "answer"}
    refused = desk.client.post(desk.new_url(editable_toy.name), data={**form, "verdict": "x"})
    assert refused.status_code == 400
    assert "<p>Answer must be a verdict.</p>" in refused.get_data(as_text=True)


@pytest.mark.parametrize("kind", sorted(SAMPLE_QUESTIONS))
def test_every_kind_reads_back_what_its_editor_shows(kind):
    """A definition shown in the editor and saved untouched is the same definition."""
    data = {k: v for k, v in SAMPLE_QUESTIONS[kind].items() if k != "prompt"}
    edited = KINDS[kind].read_editor(KINDS[kind].editor_values(data))
    assert edited.data == data
    assert edited.problems == []
