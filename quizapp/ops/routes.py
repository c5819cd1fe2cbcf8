"""Health checks for load balancers and orchestrators: cheap, unthrottled, cookie-free."""

from flask import current_app, jsonify

from quizapp.extensions import db, limiter, talisman
from quizapp.ops import bp
from quizapp.ops.readiness import check_readiness


def _no_store(response, status=200):
    """Return the JSON response with its status, never cached by a proxy."""
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/healthz")
@limiter.exempt
@talisman(force_https=False)  # checked over plain HTTP from inside the network
def healthz():
    """Say that the process is up and serving, without touching the database."""
    return _no_store(jsonify(status="ok"))


@bp.route("/readyz")
@limiter.exempt
@talisman(force_https=False)
def readyz():
    """Say whether the database answers and is at the newest migration; 503 if not."""
    readiness = check_readiness(db.engine, current_app.extensions["migrate"].directory)
    body = {"status": "ok" if readiness.ready else "unavailable",
            "database_revision": list(readiness.current), "head_revision": list(readiness.head)}
    if readiness.ready:
        return _no_store(jsonify(body))
    current_app.logger.warning("not ready: %s", readiness.reason)
    return _no_store(jsonify(reason=readiness.reason, **body), 503)
