"""Question files in and out: a teacher imports GIFT, Aiken, Moodle XML, CSV or a set
file into a set (preview, then confirm), and downloads a set in any of those formats.

The formats themselves are plain modules in quizapp/domain/interchange/; the views here
register on their own blueprint under /teach/sets, beside the authoring pages.
"""

from flask import Blueprint

bp = Blueprint("interchange", __name__, template_folder="templates", url_prefix="/teach/sets")

from quizapp.interchange import routes  # noqa: E402,F401 - registers the views on bp
