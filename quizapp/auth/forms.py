"""Forms of the account pages; each says what is wrong beside the field."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField, ValidationError
from wtforms.validators import DataRequired, EqualTo, Length

from quizapp.domain.accounts import (
    EMAIL_MAX_LENGTH,
    NAME_MAX_LENGTH,
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    normalise_email,
    password_length_problem,
)
from quizapp.domain.usertext import clean_display_name


def _email_field():
    """Return an email field that refuses what email-validator refuses."""
    return StringField(_l("Email"), validators=[
        DataRequired(_l("Type your email address.")),
        Length(max=EMAIL_MAX_LENGTH,
               message=_l("An email address is at most %(max)d characters.",
                          max=EMAIL_MAX_LENGTH)),
    ])


def check_email(form, field):
    """Refuse an address that is not a valid email; keep the normalised one in `.email`."""
    try:
        field.email = normalise_email(field.data)
    except ValueError as error:
        raise ValidationError(_l("That is not a valid email address.")) from error


def check_new_password(form, field):
    """Refuse a password that is too short or too long."""
    problem = password_length_problem(field.data or "")
    if problem == "short":
        raise ValidationError(_l("Use at least %(min)d characters.", min=PASSWORD_MIN_LENGTH))
    if problem == "long":
        raise ValidationError(_l("Use at most %(max)d characters.", max=PASSWORD_MAX_LENGTH))


def _new_password_fields():
    """Return a new password field and its confirmation."""
    password = PasswordField(_l("New password"), validators=[
        DataRequired(_l("Choose a password.")), check_new_password])
    confirm = PasswordField(_l("Type the new password again"), validators=[
        DataRequired(_l("Type the password again.")),
        EqualTo("password", message=_l("The two passwords are not the same."))])
    return password, confirm


def _name_field(required_message):
    """Return the field of the name an account shows, cleaned of invisible characters."""
    return StringField(_l("Your name"), validators=[
        DataRequired(required_message),
        Length(max=NAME_MAX_LENGTH,
               message=_l("Keep your name under %(max)d characters.", max=NAME_MAX_LENGTH))],
        filters=[lambda value: clean_display_name(value) if value else value])


class SignupForm(FlaskForm):
    """A new teacher's name, email and password (and invitation token, when required)."""

    name = _name_field(_l("Type the name learners and colleagues will see."))
    email = _email_field()
    password, confirm = _new_password_fields()
    invite = HiddenField()

    def validate_email(self, field):
        """Check the address itself; whether it is free is the view's question."""
        check_email(self, field)


class LearnerSignupForm(SignupForm):
    """A new learner's name, email and password, and the page to go back to.

    It has no role field: whatever a forged form sends, the account is a learner's.
    """

    name = _name_field(_l("Type the name your teachers will see."))
    # Never refused: local_path() ignores one that is too long or leaves the site.
    next = HiddenField()


class LoginForm(FlaskForm):
    """Email and password, and where to go afterwards."""

    email = _email_field()
    # Only a length limit: the stored hash, not this form, says whether it is right.
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Type your password.")),
        Length(max=PASSWORD_MAX_LENGTH, message=_l("Email or password is wrong."))])
    # Never refused: local_path() ignores one that is too long or leaves the site.
    next = HiddenField()


class ChangePasswordForm(FlaskForm):
    """The current password, then the new one twice."""

    current = PasswordField(_l("Current password"), validators=[
        DataRequired(_l("Type your current password.")),
        Length(max=PASSWORD_MAX_LENGTH, message=_l("That is not your current password."))])
    password, confirm = _new_password_fields()


class LogoutForm(FlaskForm):
    """CSRF protection for logging out: a forged link cannot end a session."""


class InvitationForm(FlaskForm):
    """CSRF protection for making an invitation."""
