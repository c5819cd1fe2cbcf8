"""The progress navigation of an attempt's pages, built in Python: it is on every page.

As a template partial it cost about a quarter of the question page's rendering: a dozen
calls from Jinja (labels, the address, a sum over the steps) and a new template context.
"""

from flask import current_app, url_for
from markupsafe import Markup, escape

_TAIL = Markup('<span class="visually-hidden"> %s</span></a></li>')
_CURRENT = ' aria-current="step"'


def progress_nav(steps, current, public_id):
    """Return the attempt's progress <nav> as markup.

    `steps` holds (position, done) for every page of the attempt, in order; `current` is
    the position shown, or None on pages about the whole attempt (review). Labels are
    translated as the templates' `_()` translates them.
    """
    _ = current_app.extensions["quizapp_label"]
    total = len(steps)
    answered = sum(1 for _position, done in steps if done)
    if current:
        label = _("Question %(n)s of %(total)s", n=current, total=total)
        labelled_by = "progress-label progress-count"
    else:
        label = _("%(n)s of %(total)s questions answered", n=answered, total=total)
        labelled_by = "progress-label"
    parts = [
        Markup('<nav class="progress-nav" aria-label="%s">\n') % _("Questions"),
        Markup('  <p class="progress-label" id="progress-label">%s</p>\n') % label,
        Markup('  <progress max="%d" value="%d" aria-labelledby="%s"></progress>\n')
        % (total, answered, labelled_by),
    ]
    if current:
        parts.append(Markup('  <p class="progress-count" id="progress-count">%s</p>\n')
                     % _("%(n)s answered", n=answered))
    # Built once, not per step: a question's address ends in its position.
    url_stem = url_for("play.question", public_id=public_id, position=1)[:-1]
    links = step_links(steps, current, url_stem, _("(answered)"), _("(not answered)"))
    parts.append(Markup('  <ol class="steps">\n  %s\n  </ol>\n</nav>\n') % links)
    return Markup("").join(parts)


def step_links(steps, current, url_stem, done_label, open_label):
    """Return the <li> links to every page of the attempt as markup.

    `steps` holds (position, done); a question's address is `url_stem` followed by its
    position. A template loop cost as much as the rest of the page for a 20-question quiz.
    """
    stem = escape(url_stem)
    tails = {True: _TAIL % done_label, False: _TAIL % open_label}
    items = []
    for position, done in steps:
        classes = "step step-done" if done else "step"
        here = _CURRENT if position == current else ""
        items.append(f'<li><a href="{stem}{position:d}" class="{classes}"{here}>{position:d}'
                     f"{tails[bool(done)]}")
    return Markup("\n  ".join(items))  # noqa: S704 - every part escaped above or an integer
