"""Views of a teacher's quizzes: list, build, share (link, code, QR code), edit, close, delete."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from quizapp.auth.access import teacher_required
from quizapp.domain.sharing import qr_svg
from quizapp.extensions import db
from quizapp.quizzes import services
from quizapp.quizzes.access import can_change, changeable_quiz_or_404, visible_quiz_or_404
from quizapp.quizzes.forms import FEEDBACK_LABELS, GRADING_LABELS, ConfirmForm, QuizForm
from quizapp.timeutil import utcnow

bp = Blueprint("quizzes", __name__, template_folder="templates", url_prefix="/teach/quizzes")


@bp.before_request
@teacher_required
def require_login():
    """Send visitors without an account to log in and refuse learners: all pages are teachers'."""


def _quiz_form(quiz=None):
    """Return the quiz form offering the sets the current user may use."""
    usable = services.usable_sets(current_user)
    if quiz is not None:  # an admin editing keeps sets the owner chose
        usable += [s for s in quiz.sets if s not in usable]
    data = None
    if quiz is not None and request.method == "GET":
        data = {name: getattr(quiz, name) for name in services.SETTINGS}
        data["sets"] = [s.id for s in quiz.sets]
    return QuizForm(data=data, set_choices=[(s.id, s.title) for s in usable],
                    tag_choices=services.set_tags([s.id for s in usable]),
                    pool_size=services.pool_size), {s.id: s for s in usable}


def _public_link(quiz):
    """Return the absolute link learners open the quiz by."""
    return url_for("play.quiz", slug=quiz.slug, _external=True)


@bp.get("/")
def index():
    """List the teacher's quizzes, and the bundled ones they may share."""
    own, bundled = services.teacher_quizzes(current_user)
    return render_template("quizzes/index.html", own=own, bundled=bundled)


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Build a quiz from the teacher's sets and the bundled ones."""
    form, sets = _quiz_form()
    if form.validate_on_submit():
        quiz = services.create_quiz(current_user, [sets[i] for i in form.sets.data],
                                    form.values())
        db.session.commit()
        flash(_("Your quiz is ready to share."), "success")
        return redirect(url_for("quizzes.show", quiz_id=quiz.id))
    status = 400 if request.method == "POST" else 200
    return render_template("quizzes/form.html", form=form, quiz=None,
                           now=utcnow()), status


@bp.get("/<int:quiz_id>")
def show(quiz_id):
    """Show how to share a quiz (link, join code, QR code) and its settings."""
    quiz = visible_quiz_or_404(quiz_id)
    return render_template("quizzes/show.html", quiz=quiz, link=_public_link(quiz),
                           attempts=services.attempt_count(quiz), form=ConfirmForm(),
                           changeable=can_change(quiz, current_user), now=utcnow(),
                           feedback_labels=FEEDBACK_LABELS,
                           grading_labels=GRADING_LABELS)


@bp.get("/<int:quiz_id>/qr.svg")
def qr_code(quiz_id):
    """Send the QR code of the quiz's link as an SVG image."""
    quiz = visible_quiz_or_404(quiz_id)
    link = _public_link(quiz)
    svg = qr_svg(link, _("QR code of the link %(link)s", link=link))
    return Response(svg, mimetype="image/svg+xml",
                    headers={"Cache-Control": "private, max-age=300"})


@bp.get("/<int:quiz_id>/project")
def project(quiz_id):
    """Show the join code, link and QR code large enough to project in class."""
    quiz = visible_quiz_or_404(quiz_id)
    return render_template("quizzes/project.html", quiz=quiz, link=_public_link(quiz))


@bp.route("/<int:quiz_id>/edit", methods=["GET", "POST"])
def edit(quiz_id):
    """Change a quiz's sets and settings; attempts already made keep theirs."""
    quiz = changeable_quiz_or_404(quiz_id)
    form, sets = _quiz_form(quiz)
    if form.validate_on_submit():
        services.update_quiz(quiz, [sets[i] for i in form.sets.data], form.values())
        db.session.commit()
        flash(_("Your changes are saved. Attempts already made keep their questions and "
                "rules."), "success")
        return redirect(url_for("quizzes.show", quiz_id=quiz.id))
    status = 400 if request.method == "POST" else 200
    return render_template("quizzes/form.html", form=form, quiz=quiz, now=utcnow()), status


@bp.post("/<int:quiz_id>/close")
def close(quiz_id):
    """Close the quiz now: no new attempts, and attempts in progress are handed in."""
    quiz = changeable_quiz_or_404(quiz_id)
    if ConfirmForm().validate_on_submit():
        services.close_quiz(quiz, utcnow())
        db.session.commit()
        flash(_("The quiz is closed."), "success")
    return redirect(url_for("quizzes.show", quiz_id=quiz.id))


@bp.route("/<int:quiz_id>/delete", methods=["GET", "POST"])
def delete(quiz_id):
    """Ask, then delete a quiz nobody has attempted; one with attempts can only be closed."""
    quiz = changeable_quiz_or_404(quiz_id)
    form = ConfirmForm()
    attempts = services.attempt_count(quiz)
    if form.validate_on_submit() and not attempts:
        services.delete_quiz(quiz)
        db.session.commit()
        flash(_("The quiz “%(title)s” is deleted.", title=quiz.title), "success")
        return redirect(url_for("quizzes.index"))
    status = 409 if request.method == "POST" and attempts else 200
    return render_template("quizzes/delete.html", quiz=quiz, form=form,
                           attempts=attempts), status
