"""Small question files for the import tests, written as teachers' tools write them."""

GIFT = (
    "// Exported from a Moodle course\r\n"
    "$CATEGORY: $course$/top/Geography\r\n"
    "\r\n"
    "::Capital:: What is the capital of France? {=Paris#Yes ~London#No ~Berlin}\r\n"
    "\r\n"
    "::Essay:: Write about Paris. {}\r\n"
    "\r\n"
    "Read the next questions carefully.\r\n"
)
GIFT_COUNTS = {"single_choice": 1, "essay": 1, "description": 1}

BROKEN_GIFT = "::A:: First {=yes ~no}\n\n::B:: Second {=yes ~no\n"


def table_counts(db, *models):
    """Return the number of rows of each model."""
    import sqlalchemy as sa

    return [db.session.scalar(sa.select(sa.func.count()).select_from(m)) for m in models]
