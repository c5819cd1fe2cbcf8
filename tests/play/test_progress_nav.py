"""The progress navigation built in Python: what it says, where it links, what it escapes."""

import re

from markupsafe import Markup

from quizapp.play.steps import progress_nav, step_links
from quizapp.templating import python_label_gettext

PUBLIC_ID = "6c620483-9ea9-46dd-b125-21bb5180f3c4"


def test_labels_are_filled_in_escaped_and_undoubled():
    """A label's values are escaped, its %% is one %, and a plain label stays as written."""
    _ = python_label_gettext(lambda text: text)
    assert _("Question %(n)s of %(total)s", n="<b>", total=3) == "Question &lt;b&gt; of 3"
    assert _("100%% done") == "100% done"
    assert _("Questions") == "Questions" and isinstance(_("Questions"), Markup)
    assert isinstance(_("%(n)s answered", n=2), Markup)


def test_a_question_pages_navigation(app):
    """Question 2 of 3: the current step marked, the count, a link to every page."""
    with app.test_request_context():
        nav = progress_nav([(1, True), (2, False), (3, True)], 2, PUBLIC_ID)
    assert isinstance(nav, Markup)
    assert '<p class="progress-label" id="progress-label">Question 2 of 3</p>' in nav
    assert '<progress max="3" value="2" aria-labelledby="progress-label progress-count">' in nav
    assert '<p class="progress-count" id="progress-count">2 answered</p>' in nav
    links = re.findall(r'<li><a href="([^"]+)" class="([^"]+)"([^>]*)>(\d+)<span '
                       r'class="visually-hidden"> ([^<]+)</span></a></li>', nav)
    assert links == [
        (f"/attempt/{PUBLIC_ID}/q/1", "step step-done", "", "1", "(answered)"),
        (f"/attempt/{PUBLIC_ID}/q/2", "step", ' aria-current="step"', "2", "(not answered)"),
        (f"/attempt/{PUBLIC_ID}/q/3", "step step-done", "", "3", "(answered)"),
    ]


def test_the_review_pages_navigation(app):
    """No current question: the answered count is the label, nothing is marked current."""
    with app.test_request_context():
        nav = progress_nav([(1, True), (2, False)], None, PUBLIC_ID)
    assert "1 of 2 questions answered" in nav and 'aria-labelledby="progress-label"' in nav
    assert "aria-current" not in nav and "progress-count" not in nav


def test_labels_are_markup_as_in_templates_and_plain_text_is_escaped(app):
    """A translation is markup, as Jinja's `_()` makes it (the app's own catalog), and is
    written as it is, never escaped twice; a label given as plain text is escaped."""
    words = {"(answered)": "(fait &amp; vu)", "Questions": "Q &amp; R"}
    app.extensions["quizapp_label"] = python_label_gettext(lambda text: words.get(text, text))
    with app.test_request_context():
        nav = progress_nav([(1, True), (2, False)], 1, PUBLIC_ID)
    assert "(fait &amp; vu)" in nav and 'aria-label="Q &amp; R"' in nav
    assert "&amp;amp;" not in nav
    links = step_links([(1, False)], None, "/attempt/x/q/", "done", "<à faire> & co")
    assert "&lt;à faire&gt; &amp; co</span>" in links
