"""Views of marking: the essays of one attempt, each with its mark form."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DecimalField, IntegerField
from wtforms.validators import InputRequired, NumberRange

from quizapp.auth.access import teacher_required
from quizapp.domain.kinds import get_kind
from quizapp.extensions import db
from quizapp.marking import bp
from quizapp.play.models import Attempt
from quizapp.play.scoring import MarkError, mark_response
from quizapp.play.services import result_responses


class MarkForm(FlaskForm):
    """One answer's mark, a fraction of its one mark."""

    position = IntegerField(validators=[InputRequired()])
    mark = DecimalField(_l("Mark (0 to 1)"), places=None, validators=[
        InputRequired(_l("Give a mark from 0 to 1.")),
        NumberRange(min=0, max=1, message=_l("Give a mark from 0 to 1."))])


def _markable_attempt_or_404(public_id):
    """Return a handed-in attempt at a quiz the current teacher runs (admins: any)."""
    attempt = db.one_or_404(db.select(Attempt).where(Attempt.public_id == public_id))
    if not (current_user.is_admin or attempt.quiz.owner_id == current_user.id):
        abort(404)
    if not attempt.submitted:
        abort(404)
    return attempt


@bp.route("/<public_id:public_id>/marking", methods=["GET", "POST"])
@teacher_required
def mark(public_id):
    """List the attempt's hand-marked answers; give one of them its mark."""
    attempt = _markable_attempt_or_404(public_id)
    responses = [r for r in result_responses(attempt)
                 if get_kind(r.question_version.kind).marked_by_teacher]
    form, status = MarkForm(), 200
    if request.method == "POST":
        target = next((r for r in responses if r.position == form.position.data), None)
        if form.validate() and target is not None:
            try:
                mark_response(target, float(form.mark.data), current_user)
            except MarkError as problem:
                form.mark.errors = [str(problem)]
            else:
                db.session.commit()
                flash(_("Question %(n)s is marked.", n=target.position), "success")
                return redirect(url_for("marking.mark", public_id=public_id))
        status = 400
    return render_template("marking/attempt.html", attempt=attempt, responses=responses,
                           form=form), status
