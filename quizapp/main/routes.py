"""Views of the home page and joining a quiz by its code."""

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from quizapp.main import bp
from quizapp.play import services
from quizapp.play.forms import JoinForm
from quizapp.timeutil import utcnow


@bp.route("/")
def index():
    """List the open quizzes and offer to join one by code."""
    return render_template("main/index.html", quizzes=services.open_quizzes(utcnow()),
                           form=JoinForm())


@bp.post("/join")
def join():
    """Open the quiz whose join code was typed."""
    form = JoinForm()
    if form.validate():
        quiz = services.quiz_by_code(form.code.data)
        if quiz is not None:
            return redirect(url_for("play.quiz", slug=quiz.slug))
        form.code.errors.append(_("No quiz has that code. Check it with your teacher."))
    return render_template("main/index.html", quizzes=services.open_quizzes(utcnow()),
                           form=form), 400


@bp.app_errorhandler(404)
def not_found(error):
    """Say the page does not exist."""
    return render_template("main/error.html", title=_("Page not found"),
                           message=_("There is no page at this address.")), 404


@bp.app_errorhandler(CSRFError)
def csrf_failed(error):
    """Say the form expired or was forged, without changing anything."""
    return render_template("main/error.html", title=_("The form has expired"),
                           message=_("Nothing was saved. Go back, reload the page and try "
                                     "again.")), 400


@bp.app_errorhandler(500)
def server_error(error):
    """Apologise without showing internals."""
    return render_template("main/error.html", title=_("Something went wrong"),
                           message=_("Your answers so far are saved. Try again in a moment.")), 500
