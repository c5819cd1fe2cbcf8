"""Account rules: roles, email normalisation, password lengths, local redirects."""

import pytest

from quizapp.domain.accounts import (
    ROLES,
    local_path,
    may_teach,
    normalise_email,
    password_length_problem,
)


def test_only_teachers_and_admins_teach():
    """A learner's account is a role like the others, but not one that teaches."""
    assert [role for role in ROLES if may_teach(role)] == ["teacher", "admin"]
    assert "learner" in ROLES and not may_teach("learner") and not may_teach("pupil")


def test_emails_keep_their_local_part_and_compare_without_case():
    """The domain is lower-cased by email-validator; the key lower-cases everything."""
    email = normalise_email("  Grace.Hopper@Example.ORG ")
    assert email.address == "Grace.Hopper@example.org"
    assert email.key == "grace.hopper@example.org"
    assert normalise_email("GRACE.HOPPER@example.org").key == email.key


@pytest.mark.parametrize("text", ["", "no-at-sign", "a@b", "a@@b.org", "a b@c.org",
                                  "a@exa\nmple.org", "x" * 250 + "@example.org", "a@-x-.org"])
def test_invalid_emails_are_refused(text):
    """Anything email-validator refuses, or longer than 254 characters."""
    with pytest.raises(ValueError):
        normalise_email(text)


def test_unreachable_domains_are_accepted_without_a_dns_lookup():
    """A school intranet's domain need not resolve from here."""
    assert normalise_email("teacher@school.invalid-but-fine.example").key


@pytest.mark.parametrize(("password", "problem"), [
    ("x" * 9, "short"), ("x" * 10, None), ("x" * 128, None), ("x" * 129, "long")])
def test_password_lengths(password, problem):
    """10 to 128 characters."""
    assert password_length_problem(password) == problem


@pytest.mark.parametrize("target", ["/", "/teach/", "/sources/?hl=1-4#x", "/a%2F%2Fb"])
def test_local_paths_are_kept(target):
    """Paths on this site are followed."""
    assert local_path(target) == target


@pytest.mark.parametrize("target", [
    None, "", "teach", "//evil.example", "///evil.example", "/\\evil.example",
    "\\/evil.example", "https://evil.example/", "javascript:alert(1)", "/\x00", "/a\nb",
    "/\t/evil.example", " /teach/", "/" + "x" * 600, "http:/evil.example",
])
def test_anything_else_is_refused(target):
    """Other sites, scheme tricks, backslashes and control characters are not followed."""
    assert local_path(target) is None
