"""What operators and their load balancers need: health checks, request logs, static URLs."""

from flask import Blueprint

bp = Blueprint("ops", __name__)

from quizapp.ops import routes  # noqa: E402,F401 - registers the views on bp
