"""Rate limits shared by several areas: guessing join codes, of quizzes and of classes."""

from flask import current_app

from quizapp.extensions import limiter


def _join_limit():
    """Return the configured limit on wrong join codes per client."""
    return current_app.config["JOIN_RATE_LIMIT"]


def _wrong_code(response):
    """Tell whether a join attempt failed, so that only wrong guesses count."""
    return response.status_code != 302


# Quiz and class codes are guessed against one budget, whichever form they are typed in.
join_code_limit = limiter.shared_limit(_join_limit, scope="join-codes", deduct_when=_wrong_code)
