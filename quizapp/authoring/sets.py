"""Views of question sets: list, create, edit, duplicate, publish, delete, and previews."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.auth.access import teacher_required
from quizapp.authoring import bp
from quizapp.authoring import set_services as services
from quizapp.authoring.access import can_change, changeable_set_or_404, visible_set_or_404
from quizapp.authoring.set_forms import ConfirmForm, FilterForm, PublishForm, SetForm
from quizapp.authoring.set_listing import (
    PreviewResponse,
    keep,
    preview_layout,
    question_rows,
    tags_of,
)
from quizapp.bank.models import Question
from quizapp.domain.kinds import AnswerError, get_kind
from quizapp.extensions import db
from quizapp.play.review import review_item


def _status(form):
    """Return 400 for a form sent with mistakes, 200 otherwise."""
    return 400 if form.is_submitted() else 200


@bp.get("/")
@teacher_required
def sets_index():
    """List the teacher's own sets and the bundled ones (admins: every set)."""
    own, bundled, others = services.sets_for(current_user)
    return render_template("authoring/set_index.html", own=own, bundled=bundled,
                           others=others, counts=services.question_counts())


@bp.route("/new", methods=["GET", "POST"])
@teacher_required
def set_new():
    """Create a set owned by the teacher; it starts unpublished."""
    form = SetForm()
    if form.validate_on_submit():
        question_set = services.create_set(current_user, form.title.data, form.description.data)
        db.session.commit()
        flash(_("Set created. It is not published yet."), "success")
        return redirect(url_for("authoring.set_show", set_id=question_set.id))
    return render_template("authoring/set_form.html", form=form, question_set=None), \
        _status(form)


@bp.get("/<int:set_id>")
@teacher_required
def set_show(set_id):
    """Show a set's questions, narrowed by kind, tag and difficulty when asked."""
    question_set = visible_set_or_404(set_id)
    questions = services.live_questions(question_set)
    filters = FilterForm(request.args)
    filters.offer(tags_of(questions))
    rows = question_rows(questions)
    if request.args and filters.validate():
        kept = {q.id for q in keep(questions, filters.kind.data, filters.tag.data,
                                   filters.difficulty.data)}
        rows = [row for row in rows if row.question_id in kept]
    return render_template(
        "authoring/set_show.html", question_set=question_set, rows=rows, total=len(questions),
        filters=filters, filtered=len(rows) != len(questions),
        changeable=can_change(question_set, current_user),
        publish=PublishForm(published="0" if question_set.published else "1"),
    ), 400 if filters.errors else 200


@bp.route("/<int:set_id>/edit", methods=["GET", "POST"])
@teacher_required
def set_edit(set_id):
    """Change a set's title and description."""
    question_set = changeable_set_or_404(set_id)
    form = SetForm(obj=question_set)
    if form.validate_on_submit():
        services.update_set(question_set, form.title.data, form.description.data)
        db.session.commit()
        flash(_("Set saved."), "success")
        return redirect(url_for("authoring.set_show", set_id=set_id))
    return render_template("authoring/set_form.html", form=form, question_set=question_set), \
        _status(form)


@bp.route("/<int:set_id>/delete", methods=["GET", "POST"])
@teacher_required
def set_delete(set_id):
    """Ask, then delete a set, unless learners' attempts hold its questions."""
    question_set = changeable_set_or_404(set_id)
    form = ConfirmForm()
    reason = services.why_not_deletable(question_set)
    if reason is None and form.validate_on_submit():
        title = question_set.title
        services.delete_set(question_set)
        db.session.commit()
        flash(_("The set “%(title)s” is deleted.", title=title), "success")
        return redirect(url_for("authoring.sets_index"))
    status = 409 if reason and request.method == "POST" else _status(form)
    return render_template("authoring/set_delete.html", question_set=question_set, form=form,
                           reason=reason, quizzes=services.quizzes_using(question_set),
                           count=len(services.live_questions(question_set))), status


@bp.post("/<int:set_id>/duplicate")
@teacher_required
def set_duplicate(set_id):
    """Copy a set the teacher may see (their own or a bundled one) into a set of their own."""
    question_set = visible_set_or_404(set_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    copy = services.duplicate_set(question_set, current_user)
    db.session.commit()
    flash(_("This is your copy of “%(title)s”: change it as you like. It is not published yet.",
            title=question_set.title), "success")
    return redirect(url_for("authoring.set_show", set_id=copy.id))


@bp.post("/<int:set_id>/publish")
@teacher_required
def set_publish(set_id):
    """Publish or unpublish a set."""
    question_set = changeable_set_or_404(set_id)
    form = PublishForm()
    if not form.validate_on_submit():
        abort(400)
    services.set_published(question_set, form.published.data == "1")
    db.session.commit()
    flash(_("The set is published.") if question_set.published
          else _("The set is no longer published."), "success")
    return redirect(url_for("authoring.set_show", set_id=set_id))


def _question_or_404(question_set, question_id):
    """Return a live question of `question_set`, or 404."""
    question = db.session.get(Question, question_id)
    if question is None or question.set_id != question_set.id or question.retired:
        abort(404)
    return question


@bp.post("/<int:set_id>/questions/<int:question_id>/retire")
@teacher_required
def question_retire(set_id, question_id):
    """Take a question out of a set; attempts that used it keep their version."""
    question_set = changeable_set_or_404(set_id)
    question = _question_or_404(question_set, question_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.retire_question(question)
    db.session.commit()
    flash(_("The question is removed from the set."), "success")
    return redirect(url_for("authoring.set_show", set_id=set_id))


@bp.get("/<int:set_id>/questions/<int:question_id>/preview")
@teacher_required
def question_preview(set_id, question_id):
    """Show a question as a learner sees it, and its review: explanation and evidence."""
    question_set = visible_set_or_404(set_id)
    question = _question_or_404(question_set, question_id)
    version = question.current_version
    kind = get_kind(version.kind)
    response = PreviewResponse(question_version=version, layout=preview_layout(question))
    error = None
    if "check" in request.args:
        try:
            response.answer = kind.read(version.data, response.layout,
                                        request.args.to_dict(flat=False))
        except AnswerError as problem:
            error = _(str(problem))
    return render_template("authoring/set_preview.html", question_set=question_set,
                           question=question, version=version, kind=kind, response=response,
                           error=error, review=review_item(response)), 400 if error else 200
