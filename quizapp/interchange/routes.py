"""Views of importing and exporting question files."""

from quizapp.interchange import bp  # noqa: F401

