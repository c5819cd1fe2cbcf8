"""The progress links of an attempt's pages, built in Python: one per question, on every page."""

from markupsafe import Markup, escape

_TAIL = Markup('<span class="visually-hidden"> %s</span></a></li>')
_CURRENT = ' aria-current="step"'


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
