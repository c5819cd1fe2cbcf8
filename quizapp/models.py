"""Every model, imported in one place so the metadata (and Alembic) sees them all."""

from quizapp.auth.models import Invitation, User
from quizapp.bank.models import Evidence, Question, QuestionSet, QuestionVersion, Source
from quizapp.classes.models import RosterEntry, SchoolClass, quiz_class
from quizapp.interchange.models import ImportUpload
from quizapp.play.models import Attempt, Response
from quizapp.quizzes.models import Quiz, quiz_set
from quizapp.results.models import AnswerAcceptance, ScoreChange

__all__ = [
    "AnswerAcceptance",
    "Attempt",
    "Evidence",
    "ImportUpload",
    "Invitation",
    "Question",
    "QuestionSet",
    "QuestionVersion",
    "Quiz",
    "Response",
    "RosterEntry",
    "ScoreChange",
    "SchoolClass",
    "Source",
    "User",
    "quiz_class",
    "quiz_set",
]
