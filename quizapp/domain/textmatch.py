"""Forgiving comparison of typed answers: case, punctuation, accents and one small typo."""

import re
import unicodedata

from rapidfuzz.distance import OSA

# Below this length a one-letter change makes another word too easily ("Iran"/"Iraq").
TYPO_MIN_LENGTH = 5
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text):
    """Return `text` folded for comparison: no accents, case, punctuation or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", without_accents.casefold()).split())


def _digits(text):
    return "".join(c for c in text if c.isdigit())


def matches(given, accepted):
    """Tell whether a typed answer matches an accepted one, allowing one small typo.

    A typo is one letter added, dropped or changed, or two neighbours swapped; it is
    forgiven only in answers of five or more characters, and never in the digits.
    """
    # Spacing is ignored too, so "U.S." is "US" and "Five-Eyes" is "Five Eyes".
    given_n, accepted_n = normalise(given).replace(" ", ""), normalise(accepted).replace(" ", "")
    if not given_n:
        return False
    if given_n == accepted_n:
        return True
    if len(accepted_n) < TYPO_MIN_LENGTH or _digits(given_n) != _digits(accepted_n):
        return False
    return OSA.distance(given_n, accepted_n, score_cutoff=1) <= 1
