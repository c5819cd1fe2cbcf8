"""Static file URLs carry a hash of the file's content, so proxies may cache them for a year.

`url_for("static", filename="quizapp.css")` becomes `/static/quizapp.css?v=<hash>`: a new
release changes the URL of every file that changed, and browsers fetch it afresh.
"""

import hashlib
from functools import cache
from pathlib import Path


@cache
def content_version(path):
    """Return a short hash of the file's bytes, or None when it does not exist."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data).hexdigest()[:12]


def init_static_versions(app):
    """Add `v=<content hash>` to every URL of a static file the app builds."""

    @app.url_defaults
    def add_static_version(endpoint, values):
        """Version a static file's URL by its content."""
        if endpoint != "static" or "v" in values or "filename" not in values:
            return
        version = content_version(str(Path(app.static_folder) / values["filename"]))
        if version:
            values["v"] = version
