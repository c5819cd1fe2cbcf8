"""`flask users`: operators create teacher and admin accounts and list them."""

import os

import click
from flask.cli import AppGroup

from quizapp.auth import services
from quizapp.domain.accounts import (
    NAME_MAX_LENGTH,
    PASSWORD_MAX_LENGTH,
    PASSWORD_MIN_LENGTH,
    TEACHING_ROLES,
    normalise_email,
    password_length_problem,
)
from quizapp.domain.usertext import clean_display_name
from quizapp.extensions import db

users_cli = AppGroup("users", help="Manage teacher and admin accounts.")
PASSWORD_VARIABLE = "QUIZAPP_PASSWORD"  # noqa: S105 - the name of a variable, not a secret


def _password():
    """Return the new password from QUIZAPP_PASSWORD or a hidden, confirmed prompt."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_length_problem(password)
    if problem is not None:
        raise click.ClickException(
            f"The password must be {PASSWORD_MIN_LENGTH} to {PASSWORD_MAX_LENGTH} characters.")
    return password


@users_cli.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(TEACHING_ROLES), default="teacher", show_default=True)
@click.option("--name", help="Name shown on the site (default: the part before the @).")
def create_command(email, role, name):
    """Create an account; the password comes from a prompt or QUIZAPP_PASSWORD."""
    try:
        address = normalise_email(email)
    except ValueError as error:
        raise click.ClickException(f"Not a valid email address: {error}") from error
    name = clean_display_name(name or address.address.split("@", 1)[0])
    if not name or len(name) > NAME_MAX_LENGTH:
        raise click.ClickException(f"The name must be 1 to {NAME_MAX_LENGTH} characters.")
    if services.user_by_email(address.address) is not None:
        raise click.ClickException(f"An account with {address.address} already exists.")
    user = services.create_user(address, name, _password(), role=role)
    db.session.commit()
    click.echo(f"Created {user.role} {user.email}.")


@users_cli.command("list")
def list_command():
    """List every account with its role."""
    for user in services.all_users():
        click.echo(f"{user.role:8} {user.email}  ({user.name})")
