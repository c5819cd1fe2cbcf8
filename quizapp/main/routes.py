"""Views of the home page and joining a quiz by its code."""

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from quizapp.classes import services as class_services
from quizapp.limits import join_code_limit
from quizapp.main import bp
from quizapp.play import services
from quizapp.play.forms import JoinForm
from quizapp.play.learner import learner_key
from quizapp.timeutil import utcnow


@bp.route("/")
def index():
    """List the open quizzes and the learner's classes, and offer to join one by code."""
    return _home(JoinForm())


def _home(form, status=200):
    classes = class_services.learner_classes(learner_key(create=False))
    return render_template("main/index.html", quizzes=services.open_quizzes(utcnow()),
                           classes=classes, form=form), status


@bp.post("/join")
@join_code_limit
def join():
    """Open the quiz whose join code was typed, or join the class whose code it is."""
    form = JoinForm()
    if form.validate():
        quiz = services.quiz_by_code(form.code.data)
        if quiz is not None:
            return redirect(url_for("play.quiz", slug=quiz.slug))
        school_class = class_services.class_by_code(form.code.data)
        if school_class is not None:
            return redirect(url_for("classes.join_form", code=school_class.join_code))
        form.code.errors.append(_("No quiz has that code, and no class either. "
                                  "Check it with your teacher."))
    return _home(form, 400)


@bp.app_errorhandler(404)
def not_found(error):
    """Say the page does not exist."""
    return render_template("main/error.html", title=_("Page not found"),
                           message=_("There is no page at this address.")), 404


# What a person is told for each refused request; other 4xx codes get the 400 text, and
# 5xx codes the 500 text.
# Werkzeug's own descriptions are technical and untranslated, so they are never shown.
ERROR_TEXTS = {
    400: (_l("That request could not be read"),
          _l("Nothing was saved. Go back, reload the page and try again.")),
    405: (_l("That does not work here"),
          _l("This page cannot be used that way. Go back and use its links and buttons.")),
    413: (_l("That was too much to send"),
          _l("Nothing was saved: the form was larger than this site accepts.")),
    429: (_l("Too many tries"),
          _l("You have tried that too often. Wait a minute, then try again.")),
    500: (_l("Something went wrong"),
          _l("Your answers so far are saved. Try again in a moment.")),
}


@bp.app_errorhandler(HTTPException)
def refused(error):
    """Explain a refused request in the site's layout, keeping its status and headers."""
    if error.code is None or error.code < 400:
        return error
    fallback = 400 if error.code < 500 else 500
    title, message = ERROR_TEXTS.get(error.code, ERROR_TEXTS[fallback])
    if getattr(error, "explained", False):
        message = error.description  # the app's own explanation, already translated
        title = getattr(error, "title", None) or title
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return render_template("main/error.html", title=title, message=message), error.code, headers


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
