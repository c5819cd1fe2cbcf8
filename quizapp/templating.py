"""Template filters and globals shared by every area."""

from pathlib import Path

from babel.support import NullTranslations
from flask import current_app, g, render_template, request, session
from flask_babel import get_locale, get_translations, gettext
from flask_wtf.csrf import generate_csrf
from jinja2 import pass_eval_context
from markupsafe import Markup

from quizapp import csrf_tokens
from quizapp.domain.kinds import get_kind
from quizapp.domain.provenance import provenance_label

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def published_label(source):
    """Return a source's date as precisely as it is known."""
    day = source.published
    if day is None or source.date_precision == "unknown":
        return "Date unknown"
    if source.date_precision == "year":
        return str(day.year)
    if source.date_precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_label(day):
    """Return a full date as the app writes it: 31 March 2020."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def source_label(source):
    """Return how the app names a source to learners, honest about its provenance."""
    return provenance_label(source.outlet, source.provenance, gettext)


def score_label(value):
    """Return a score without needless decimals: 3, 2.5, 2.33."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def plain_number(value):
    """Return a number as a learner would type it back: 12, 0.125, 200000000000."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _translations():
    """Return the translations of this request, looked up once rather than once per label."""
    found = g.get("_quizapp_translations")
    if found is None:
        found = g._quizapp_translations = get_translations()
    return found


def layout_part(name, shared=True):
    """Return a part of the layout (`_layout/...`), rendered once when it is `shared`.

    A shared part is the same for every visitor of a locale (the head's links, the
    header of a visitor who is not logged in, the footer): rendering it on every
    request cost a learner's question page as much as its own queries.
    """
    if not shared or current_app.jinja_env.auto_reload:
        return _render_part(name)
    locale = str(get_locale()) if current_app.extensions["quizapp_translated"] else None
    key = (name, locale, request.script_root)
    parts = current_app.extensions.setdefault("quizapp_layout_parts", {})
    found = parts.get(key)
    if found is None:
        found = parts[key] = _render_part(name)
    return found


def _render_part(name):
    """Render a layout part as markup: Jinja escaped what it holds."""
    return Markup(render_template(name).strip())  # noqa: S704 - autoescaped by Jinja


def csrf_token():
    """Return the session's signed CSRF token, as Flask-WTF's csrf_token() does.

    Flask-WTF signs the session's token again on every page. While tokens never expire
    (WTF_CSRF_TIME_LIMIT None), one signature per session and key serves every page, and
    the form checks it just the same; the check knows it too (see quizapp.csrf_tokens).
    """
    raw = session.get("csrf_token")
    if "csrf_token" in g or raw is None or not csrf_tokens.remembering():
        return generate_csrf()
    signed = csrf_tokens.signed_for(raw)
    if signed is None:
        signed = generate_csrf()
        csrf_tokens.remember(signed, raw)
    else:
        g.csrf_token = signed  # where Flask-WTF keeps it for the rest of the request
    return signed


_CSRF_CONTEXT = {"csrf_token": csrf_token}


def label_gettext(lookup):
    """Return the `_()` of templates: `lookup`'s translation, then its %(name)s filled in.

    It does what Jinja's new-style gettext does (markup where the template escapes, and
    `%` formatting always, so a literal % is written %%), in one call: Jinja's own `_()`
    passes each label through three calls, and a question page has a dozen labels.
    """

    @pass_eval_context
    def gettext(eval_ctx, string, /, **variables):
        text = lookup(string)
        if eval_ctx.autoescape:
            text = Markup(text)  # noqa: S704 - a label the app wrote, as Jinja marks it
        return text % variables

    return gettext


def python_label_gettext(lookup):
    """Return the `_()` of templates for markup built in Python: a label as markup, with
    its %(name)s filled in and escaped."""

    def gettext(string, /, **variables):
        text = Markup(lookup(string))  # noqa: S704 - a label the app wrote
        # A label with nothing to fill in and no %% to undouble is already what it says.
        return text % variables if variables or "%" in text else text

    return gettext


def _has_catalogs(app):
    """Tell whether Flask-Babel has any compiled catalog (.mo) to translate with."""
    for folder in app.extensions["babel"].translation_directories:
        if any(Path(folder).glob("*/LC_MESSAGES/*.mo")):
            return True
    return False


def init_templating(app):
    """Register the filters and globals."""
    app.jinja_env.filters["published"] = published_label
    app.jinja_env.filters["score"] = score_label
    app.jinja_env.filters["day"] = day_label
    app.jinja_env.filters["source_label"] = source_label
    app.jinja_env.filters["plain_number"] = plain_number
    app.jinja_env.globals["kind_of"] = get_kind
    app.jinja_env.globals["layout_part"] = layout_part
    # Flask-WTF offers its csrf_token() both as a global and from a context processor.
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: _CSRF_CONTEXT)
    app.jinja_env.add_extension("jinja2.ext.do")
    translated = app.extensions["quizapp_translated"] = _has_catalogs(app)
    if translated:
        # Flask-Babel finds the request's translations again for every label; a page has
        # dozens.
        callables = {
            "gettext": lambda s: _translations().ugettext(s),
            "ngettext": lambda s, p, n: _translations().ungettext(s, p, n),
            "pgettext": lambda c, s: _translations().upgettext(c, s),
            "npgettext": lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        }
    else:
        # No catalog to load: every request would get Flask-Babel's NullTranslations,
        # which give the text back as it is. Use one for good, without a lookup per label.
        null = NullTranslations()
        callables = {"gettext": null.ugettext, "ngettext": null.ungettext,
                     "pgettext": null.upgettext, "npgettext": null.unpgettext}
    app.jinja_env.install_gettext_callables(**callables, newstyle=True)
    app.jinja_env.globals["_"] = label_gettext(callables["gettext"])
    # The same `_()` for markup built in Python (the attempt's progress navigation).
    app.extensions["quizapp_label"] = python_label_gettext(callables["gettext"])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
