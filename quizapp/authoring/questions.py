"""Views of the question editor: one form for every kind, the kind's own fields drawn by its
editor template, and evidence quoted from the teacher's sources."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.auth.access import teacher_required
from quizapp.authoring import bp
from quizapp.authoring import question_services as services
from quizapp.authoring.access import changeable_set_or_404
from quizapp.authoring.question_forms import EditorState, QuestionForm, read_tags
from quizapp.bank.models import Question
from quizapp.domain.editing import place_quote
from quizapp.domain.kinds import KINDS, get_kind
from quizapp.extensions import db


@bp.route("/<int:set_id>/questions/new", methods=["GET", "POST"])
@teacher_required
def question_new(set_id):
    """Write a new question of the kind asked for, or choose its kind first."""
    question_set = changeable_set_or_404(set_id)
    name = request.args.get("kind")
    if name not in KINDS:
        return _choose_kind(question_set, name)
    return _edit(question_set, KINDS[name], None)


@bp.route("/<int:set_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@teacher_required
def question_edit(set_id, question_id):
    """Edit a question: saving a change makes its next version."""
    question_set = changeable_set_or_404(set_id)
    question = db.get_or_404(Question, question_id)
    if question.set_id != question_set.id:
        abort(404)
    return _edit(question_set, get_kind(question.current_version.kind), question)


def _choose_kind(question_set, asked):
    """Show the kinds to choose from; a kind asked for that does not exist is a 400."""
    error = None
    if asked is not None:
        error = _("Choose one of the kinds of question listed.")
    return render_template("authoring/question_kinds.html", question_set=question_set,
                           kinds=KINDS.values(), error=error), 400 if error else 200


def _initial_data(version):
    """Return the common fields of `version` as the form shows them."""
    if version is None:
        return {}
    return {"prompt": version.prompt, "explanation": version.explanation,
            "tags": ", ".join(version.tags), "difficulty": str(version.difficulty),
            "evidence": [{"source": str(e.source_id), "quote": e.quote, "start": str(e.start),
                          "end": str(e.end)} for e in version.evidence]}


def _edit(question_set, kind, question):
    """Show the editor; on a save, check everything and write a version, or say what is wrong."""
    version = question.current_version if question is not None else None
    sources = services.usable_sources(current_user, question_set, version)
    posted = request.method == "POST"
    form = QuestionForm() if posted else QuestionForm(data=_initial_data(version))
    form.offer_sources(sources)
    editor = EditorState(values=request.form.to_dict(flat=False) if posted
                         else kind.editor_values(version.data) if version else {})
    status = 200
    if not posted and version is not None and version.evidence:
        form.add_passage()
    elif "add" in request.form:
        editor.adding = request.form["add"]
        if editor.adding == "evidence":
            form.add_passage()
    elif posted and "show" not in request.form:
        draft = _read_draft(form, kind, sources, editor)
        if draft is not None:
            return _save(question_set, question, kind, draft)
        status = 400
    reading = _reading_source(form, sources)
    if reading is not None:
        form.reading.data = str(reading.id)
    return render_template(
        "authoring/question_edit.html", form=form, kind=kind, editor=editor,
        question_set=question_set, question=question, version=version, reading=reading,
        failed=status == 400), status


def _read_draft(form, kind, sources, editor):
    """Return the draft the form describes, or None with every problem put beside its field."""
    common_ok = form.validate()
    edited = kind.read_editor(request.form.to_dict(flat=False))
    problems = services.kind_problems(kind, edited)
    editor.place(edited, problems)
    passages = _read_evidence(form, sources)
    if not common_ok or problems or passages is None:
        return None
    return services.QuestionDraft(
        kind=kind.name, prompt=form.prompt.checked, data=edited.data,
        explanation=form.explanation.checked, tags=tuple(read_tags(form.tags.data)),
        difficulty=form.difficulty.checked, evidence=tuple(passages))


def _read_evidence(form, sources):
    """Return the passages quoted (rows without a quote are left out), or None on a problem."""
    passages, sound = [], True
    for entry in form.evidence:
        # Browsers send a text area's line breaks as CR LF; source bodies hold LF.
        quote = (entry.quote.data or "").replace("\r\n", "\n").strip()
        if not quote:
            continue
        source_id = entry.source.data or ""
        source = sources.get(int(source_id)) if source_id.isdigit() else None
        if source is None:
            entry.source.errors.append(_("Choose one of the sources listed."))
            sound = False
            continue
        placed = place_quote(source.body, quote, entry.hint())
        if placed.problem:
            entry.quote.errors.append(placed.problem)
            sound = False
            continue
        passages.append(services.Passage(source, quote, placed.start, placed.end))
    return passages if sound else None


def _reading_source(form, sources):
    """Return the source shown for picking passages: the one asked for, else the first cited."""
    wanted = [form.reading.data] + [entry.source.data for entry in form.evidence]
    for source_id in wanted:
        if source_id and source_id.isdigit() and int(source_id) in sources:
            return sources[int(source_id)]
    return next(iter(sources.values()), None)


def _save(question_set, question, kind, draft):
    """Write the draft as a new question or a new version, commit, and go where asked."""
    if question is None:
        question = services.create_question(question_set, draft)
        flash(_("The question is saved."), "success")
    else:
        unchanged = services.unchanged_hashes(kind, question.current_version)
        version = services.revise_question(question, draft, unchanged)
        if version is None:
            flash(_("Nothing had changed, so the question is as it was."), "success")
        else:
            flash(_("The question is saved as version %(number)s.", number=version.number),
                  "success")
    db.session.commit()
    return redirect(_next_page(question_set, question))


def _next_page(question_set, question):
    """Return the set page, or the question's preview when the teacher asked for it."""
    if request.form.get("then") == "preview":
        return url_for("authoring.question_preview", set_id=question_set.id,
                       question_id=question.id)
    return url_for("authoring.set_show", set_id=question_set.id)
