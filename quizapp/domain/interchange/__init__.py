"""Import and export question sets in formats teachers already have (issue 10).

Each format is one module with `parse(text) -> ImportResult` and
`write(questions) -> ExportResult`; both work on str (the caller decodes bytes). The
shared types live in `base`.
"""

from quizapp.domain.interchange.base import (
    ExportResult,
    ImportResult,
    InterchangeError,
    Note,
    question,
)

__all__ = ["ExportResult", "ImportResult", "InterchangeError", "Note", "question"]
