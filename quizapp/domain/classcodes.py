"""Class join codes: short, unambiguous when read aloud or copied from a board."""

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S or 8/B: codes are copied by hand from a projector.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 6
# What a learner may type: a little longer than a code, for spaces and dashes.
CODE_MAX_INPUT = 20
CLASS_NAME_MAX = 120


def make_class_code(choice=secrets.choice):
    """Return a new random class code."""
    return "".join(choice(ALPHABET) for _ in range(CODE_LENGTH))


def clean_code(text):
    """Return `text` as a code to look up: spaces and dashes dropped, upper case."""
    return "".join(ch for ch in (text or "") if not ch.isspace() and ch != "-").upper()


def clean_class_name(text):
    """Return a class name trimmed with inner runs of spaces made one."""
    return " ".join((text or "").split())
