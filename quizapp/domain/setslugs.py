"""Slugs for what teachers make: readable, within the bank's slug rule, never taken twice."""

import re
import unicodedata

# The bank's rule (quizapp.domain.bankschema.SLUG): a-z, 0-9 and -, at most 80 characters.
SLUG_MAX_LENGTH = 80
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug_base(text, fallback="set", max_length=SLUG_MAX_LENGTH - 8):
    """Return `text` as a slug (accents dropped, words joined by -), or `fallback`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return words[:max_length].rstrip("-") or fallback


def first_free(base, taken):
    """Return `base`, or `base-2`, `base-3`... : the first not in `taken` (a container)."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
