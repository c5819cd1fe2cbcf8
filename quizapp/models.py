"""Every model, imported in one place so the metadata (and Alembic) sees them all."""

from quizapp.auth.models import Invitation, User
from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion, Source
from quizapp.play.models import Attempt, Response
from quizapp.quizzes.models import Quiz, quiz_set

__all__ = [
    "Attempt",
    "Evidence",
    "Invitation",
    "Question",
    "QuestionSet",
    "QuestionVersion",
    "Quiz",
    "Response",
    "Source",
    "User",
    "quiz_set",
]
