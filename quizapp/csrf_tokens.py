"""CSRF protection that checks each signed token once per process, not on every POST.

Flask-WTF unsigns the posted token on every POST: a key derivation, an HMAC and a JSON
decoding, on the answer save as on any form. While tokens never expire
(WTF_CSRF_TIME_LIMIT None), a signed token that passed that check once stays valid for the
session token it carries; this process remembers which session token each such signed
token carries, and a later POST of the same signed token is compared with its session's
token and nothing more. Anything else, a token never seen or a session that changed its
token, is checked by Flask-WTF as before, with its own errors.
"""

import hmac

from flask import current_app, g, request, session
from flask_wtf.csrf import CSRFProtect, same_origin

# Signed tokens remembered per process; past this many, all are forgotten.
TOKENS_KEPT = 4096
FIELD = "csrf_token"


def remembering():
    """Tell whether tokens may be remembered: they never expire, under the usual name."""
    config = current_app.config
    return (config.get("WTF_CSRF_TIME_LIMIT", 3600) is None
            and config.get("WTF_CSRF_FIELD_NAME", FIELD) == FIELD)


def secret():
    """Return the key CSRF tokens are signed with."""
    return current_app.config.get("WTF_CSRF_SECRET_KEY") or current_app.secret_key


def _tokens():
    """Return this process's two maps: (secret, signed token) to the session token it
    carries, and (secret, session token) to a signed token that carries it."""
    return current_app.extensions.setdefault("quizapp_csrf_tokens", ({}, {}))


def remember(signed, raw):
    """Remember that `signed`, signed or checked with the current secret, carries `raw`."""
    carried, signatures = _tokens()
    if len(carried) >= TOKENS_KEPT:
        carried.clear()
        signatures.clear()
    key = secret()
    carried[(key, signed)] = raw
    signatures[(key, raw)] = signed


def signed_for(raw):
    """Return a signed token known to carry the session token `raw`, or None."""
    return _tokens()[1].get((secret(), raw))


def is_known(signed):
    """Tell whether `signed` is a token this process checked or signed for this session."""
    raw = session.get(FIELD)
    if not signed or not isinstance(raw, str) or not remembering():
        return False
    carried = _tokens()[0].get((secret(), signed))
    return carried is not None and hmac.compare_digest(carried, raw)


class RememberingCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRFProtect, which skips unsigning a token it has checked before."""

    def protect(self, apply_exemptions=False):
        """Accept a known token as Flask-WTF would; check any other as Flask-WTF does."""
        if request.method not in current_app.config["WTF_CSRF_METHODS"]:
            return  # Flask-WTF checks nothing else either, exempt or not
        posted = self._get_csrf_token()
        if is_known(posted) and self._referrer_ok():
            g.csrf_valid = True
            return
        super().protect(apply_exemptions)
        if g.get("csrf_valid") and posted and remembering():
            remember(posted, session[FIELD])

    @staticmethod
    def _referrer_ok():
        """Tell whether the referrer passes Flask-WTF's check on HTTPS, when it applies."""
        if not (request.is_secure and current_app.config["WTF_CSRF_SSL_STRICT"]):
            return True
        return bool(request.referrer) and same_origin(request.referrer,
                                                      f"https://{request.host}/")
