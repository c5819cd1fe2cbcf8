"""Rules for text that people type: what the app refuses and how a display name is cleaned."""

import re
import unicodedata

# Tab and line breaks are the only control characters a typed form value may hold.
FORM_CONTROL_ALLOWED = frozenset("\t\n\r")

# Letters that draw nothing: used to make a name look blank or to pad it invisibly.
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")

# Categories dropped from names: controls, formatting (bidi overrides, zero-width
# characters, soft hyphens), surrogates, private use and unassigned code points.
DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})

# More combining marks than this on one letter only serve to smear it over its neighbours.
MAX_MARKS_PER_LETTER = 4


# Unicode's control characters (category Cc): exactly these 65, fixed by the standard.
CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")


def control_characters(text, allowed=frozenset()):
    """Return the control characters (category Cc) in `text`, except those `allowed`."""
    # A regular expression rather than a category lookup per character: every request's
    # path and form pass through here.
    return {ch for ch in CONTROL_CHARACTER.findall(text) if ch not in allowed}


def clean_display_name(text):
    """Return a name as others will see it: NFKC, no invisible or control characters, trimmed.

    Whitespace of every kind becomes single spaces; the result may be empty, which callers
    must refuse.
    """
    text = unicodedata.normalize("NFKC", text)
    kept, marks = [], 0
    for ch in text:
        category = unicodedata.category(ch)
        if ch.isspace() or ch in BLANK_LETTERS or category in ("Zl", "Zp"):
            kept.append(" ")
            marks = 0
        elif category in DROPPED_CATEGORIES:
            continue
        elif category in ("Mn", "Me"):
            marks += 1
            if marks <= MAX_MARKS_PER_LETTER and kept and kept[-1] != " ":
                kept.append(ch)
        else:
            kept.append(ch)
            marks = 0
    return " ".join("".join(kept).split())
