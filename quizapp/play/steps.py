"""The progress navigation of an attempt's pages, built in Python: it is on every page.

As a template partial it cost about a quarter of the question page's rendering: a dozen
calls from Jinja (labels, the address, a sum over the steps) and a new template context.
It is built as plain text, each label escaped once, and marked safe at the end: building
it from markup pieces cost as much again, in escaping helpers around every `%`.
"""

from flask import current_app, url_for
from markupsafe import Markup, escape


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
    # Every label below is markup already: `_()` escaped it and what it filled in.
    parts = [
        f'<nav class="progress-nav" aria-label="{_("Questions")}">\n',
        f'  <p class="progress-label" id="progress-label">{label}</p>\n',
        f'  <progress max="{total:d}" value="{answered:d}" aria-labelledby="{labelled_by}">'
        "</progress>\n",
    ]
    if current:
        parts.append('  <p class="progress-count" id="progress-count">'
                     f'{_("%(n)s answered", n=answered)}</p>\n')
    # Built once, not per step: a question's address ends in its position.
    url_stem = url_for("play.question", public_id=public_id, position=1)[:-1]
    links = step_links(steps, current, url_stem, _("(answered)"), _("(not answered)"))
    parts.append(f'  <ol class="steps">\n  {links}\n  </ol>\n</nav>\n')
    return Markup("".join(parts))  # noqa: S704 - labels escaped by _(), the rest integers


def step_links(steps, current, url_stem, done_label, open_label):
    """Return the <li> links to every page of the attempt as markup.

    `steps` holds (position, done); a question's address is `url_stem` followed by its
    position; the labels are escaped here unless they are markup. A template loop cost as
    much as the rest of the page for a 20-question quiz.
    """
    stem = str(escape(url_stem))
    tails = {flag: f'<span class="visually-hidden"> {escape(label)}</span></a></li>'
             for flag, label in ((True, done_label), (False, open_label))}
    items = []
    for position, done in steps:
        classes = "step step-done" if done else "step"
        here = ' aria-current="step"' if position == current else ""
        items.append(f'<li><a href="{stem}{position:d}" class="{classes}"{here}>{position:d}'
                     f"{tails[bool(done)]}")
    return Markup("\n  ".join(items))  # noqa: S704 - every part escaped above or an integer
