"""Who the learner is: a random key kept in a long-lived signed session cookie."""

import uuid

from flask import session


def learner_key(create=True):
    """Return this browser's learner key, creating it when asked."""
    key = session.get("learner")
    if key is None and create:
        key = str(uuid.uuid4())
        session["learner"] = key
        session.permanent = True
    return key
