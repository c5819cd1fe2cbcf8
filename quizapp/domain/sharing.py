"""How a quiz is shared: a join code read aloud in class, a slug for its link, a QR code."""

import io
import re
import unicodedata

import segno

# No 0/O or 1/I: a code copied from a projector or read aloud must not be misread.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
SLUG_SUFFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SLUG_SUFFIX_LENGTH = 6
# Room for "-" and the suffix within the 80 characters of a slug.
SLUG_BASE_MAX = 80 - 1 - SLUG_SUFFIX_LENGTH
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def new_join_code(rng):
    """Return a random join code of readable capitals and digits."""
    return "".join(rng.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def slug_base(title, max_length=SLUG_BASE_MAX):
    """Return the ASCII slug a title reads as ("Café 5G!" is "cafe-5g"), or "quiz"."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    base = _NOT_SLUG.sub("-", folded).strip("-")[:max_length].rstrip("-")
    return base or "quiz"


def new_slug(title, rng):
    """Return a slug for a quiz: its title's words and a random suffix, so links are unique."""
    suffix = "".join(rng.choice(SLUG_SUFFIX_ALPHABET) for _ in range(SLUG_SUFFIX_LENGTH))
    return f"{slug_base(title)}-{suffix}"


def qr_svg(text, title):
    """Return a QR code of `text` as an SVG document with a title for screen readers."""
    code = segno.make(text, error="m")
    buffer = io.BytesIO()
    # Scaled by CSS where it is shown; the quiet zone (border) is what scanners need.
    code.save(buffer, kind="svg", scale=10, border=4, xmldecl=False, title=title,
              dark="#000", light="#fff")
    return buffer.getvalue().decode("utf-8")
