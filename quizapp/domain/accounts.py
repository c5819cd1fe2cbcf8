"""Account rules: roles, email addresses, password lengths and safe redirects after log-in."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

ROLES = ("teacher", "admin", "learner")
# Accounts that may use the teacher's pages; a learner's account only carries their attempts.
TEACHING_ROLES = ("teacher", "admin")
SIGNUP_MODES = ("open", "invite")
EMAIL_MAX_LENGTH = 254  # the longest address SMTP can carry
NAME_MAX_LENGTH = 80
# Long enough to resist guessing, short enough that hashing a pasted novel costs nothing.
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128
NEXT_MAX_LENGTH = 500


@dataclass(frozen=True)
class Email:
    """An address as the person typed it (normalised) and the key it is compared by."""

    address: str
    key: str


def normalise_email(text):
    """Return the Email for `text`, or raise ValueError saying what is wrong with it."""
    text = (text or "").strip()
    if len(text) > EMAIL_MAX_LENGTH:
        raise ValueError("too long")
    try:
        # No DNS lookups: a school's offline network must not stop sign-up.
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValueError(str(error)) from error
    return Email(address=checked.normalized, key=email_key(checked.normalized))


def may_teach(role):
    """Tell whether an account of `role` may use the teacher's pages."""
    return role in TEACHING_ROLES


def email_key(address):
    """Return the case-insensitive key of an already normalised address."""
    return address.strip().lower()


def password_length_problem(password):
    """Return "short" or "long" when `password` has a length we refuse, else None."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return "short"
    if len(password) > PASSWORD_MAX_LENGTH:
        return "long"
    return None


def local_path(target):
    """Return `target` if it is a path on this site, else None (no open redirects)."""
    if not target or len(target) > NEXT_MAX_LENGTH or not target.startswith("/"):
        return None
    # Browsers read "//host" and "/\host" as another site; control characters hide tricks.
    if target.startswith("//") or "\\" in target:
        return None
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
