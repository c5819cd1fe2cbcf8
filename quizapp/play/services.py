"""The learner's quiz flow as verbs: start, answer, submit. Services flush; views commit."""

import random
import uuid
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from quizapp.bank.models import Evidence, Question, QuestionVersion
from quizapp.domain.feedback import key_shows, score_shows
from quizapp.domain.kinds import get_kind
from quizapp.extensions import db
from quizapp.play.members import entry_attempts_at, hold_entry
from quizapp.play.models import Attempt, Response
from quizapp.play.pages import orm_attempt, orm_response
from quizapp.play.review import Outcome, held_item, review_item, review_items
from quizapp.play.scoring import total_score
from quizapp.quizzes.draw import draw_questions, question_pool
from quizapp.quizzes.embargo import embargoed_questions
from quizapp.quizzes.models import Quiz, quiz_set
from quizapp.timeutil import utcnow


class PlayError(Exception):
    """Something the learner asked for that the quiz's rules do not allow."""


ANSWER_TOO_LATE = "This attempt was already handed in: your last answer was not saved."


def open_quizzes(now):
    """Return the quizzes learners may start now, by title."""
    # Unlisted quizzes (most teachers' quizzes) are reached by link, join code or QR code.
    quizzes = db.session.scalars(
        sa.select(Quiz).where(Quiz.listed.is_(True)).order_by(Quiz.title)).all()
    return [q for q in quizzes if q.is_open(now)]


def quiz_by_code(code):
    """Return the quiz with this join code (any case, spaces ignored), or None."""
    cleaned = "".join(code.split()).upper()
    return db.session.scalar(sa.select(Quiz).where(Quiz.join_code == cleaned))


def learner_attempts(quiz, learner_key):
    """Return this learner's attempts at `quiz`, newest first."""
    return db.session.scalars(
        sa.select(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.learner_key == learner_key)
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    ).all()


def start_attempt(quiz, learner_key, display_name, start_token, rng=None, roster_entry=None):
    """Start an attempt, or return the one this start form already made.

    With a `roster_entry` the attempt is made as that class member, and the attempts
    allowed count every attempt of the entry (from any device), not this browser's only.
    """
    existing = db.session.scalar(sa.select(Attempt).where(Attempt.start_token == start_token))
    if existing is not None:
        return existing
    now = utcnow()
    if not quiz.is_open(now):
        raise PlayError("This quiz is not open right now.")
    attempts = learner_attempts(quiz, learner_key)
    room = _has_room(quiz, attempts, roster_entry)
    for attempt in attempts:
        if not attempt.submitted:
            return _resume(attempt, roster_entry, room)
    if not room:
        raise PlayError("You have used every attempt this quiz allows.")
    attempt = _new_attempt(quiz, learner_key, display_name, start_token, now,
                           rng or random.SystemRandom())
    attempt.roster_entry_id = roster_entry.id if roster_entry else None
    db.session.add(attempt)
    quiz_id = quiz.id
    try:
        db.session.flush()
    except IntegrityError:
        # A rival start won the race (the same form posted twice, or another tab of this
        # learner, refused by the one-unfinished-attempt index): go to its attempt.
        db.session.rollback()
        return _race_winner(quiz_id, learner_key, start_token)
    return attempt


def _has_room(quiz, attempts, roster_entry):
    """Tell whether another attempt is allowed: this browser's, or the class member's."""
    if roster_entry is not None:
        hold_entry(roster_entry)
        # Read under the hold: a start from the member's other device waits for this one.
        attempts = entry_attempts_at(quiz, roster_entry)
    return quiz.attempts_allowed is None or len(attempts) < quiz.attempts_allowed


def _resume(attempt, roster_entry, room):
    """Return the browser's unfinished attempt, made a member's one if begun outside the class."""
    if roster_entry is not None and attempt.roster_entry_id is None and room:
        attempt.roster_entry_id = roster_entry.id
        db.session.flush()
    return attempt


def _new_attempt(quiz, learner_key, display_name, start_token, now, rng):
    """Return a new attempt with its questions drawn and laid out, not yet added."""
    balance_over = tuple(quiz.tags or ()) if quiz.balance_tags else None
    chosen = draw_questions(question_pool(db.session, quiz), quiz.question_count,
                            quiz.shuffle_questions, rng, balance_over)
    if not chosen:
        raise PlayError("This quiz has no questions yet.")
    attempt = Attempt(
        public_id=str(uuid.uuid4()), start_token=start_token, quiz=quiz,
        learner_key=learner_key, display_name=display_name, started_at=now,
        # A description is shown but counts for no mark.
        max_score=sum(get_kind(q.current_version.kind).marks for q in chosen),
        feedback=quiz.feedback, deadline=_deadline(quiz, now),
    )
    attempt.responses = [
        Response(position=i, question_version=q.current_version,
                 layout=get_kind(q.current_version.kind).layout(
                     q.current_version.data, rng, quiz.shuffle_choices))
        for i, q in enumerate(chosen, 1)
    ]
    return attempt


def _race_winner(quiz_id, learner_key, start_token):
    """Return the attempt a rival start made, by its token or as the learner's open one."""
    winner = db.session.scalar(sa.select(Attempt).where(Attempt.start_token == start_token))
    if winner is None:
        winner = db.session.scalar(sa.select(Attempt).where(
            Attempt.quiz_id == quiz_id, Attempt.learner_key == learner_key,
            Attempt.submitted_at.is_(None)))
    if winner is None:
        # The rival's attempt was handed in already: rare enough to ask for another click.
        raise PlayError("Your attempt changed in another tab: press Start again.")
    return winner


def _deadline(quiz, now):
    limits = []
    if quiz.time_limit_minutes:
        limits.append(now + timedelta(minutes=quiz.time_limit_minutes))
    if quiz.closes_at:
        limits.append(quiz.closes_at)
    return min(limits) if limits else None


def get_attempt(public_id, learner_key):
    """Return the learner's attempt with its quiz, or None when it is not theirs."""
    return db.session.scalar(
        sa.select(Attempt)
        .where(Attempt.public_id == public_id, Attempt.learner_key == learner_key)
        .options(joinedload(Attempt.quiz))
    )


def get_response(attempt, position):
    """Return the response at `position` with its question version, or None."""
    return db.session.scalar(
        sa.select(Response)
        .where(Response.attempt_id == attempt.id, Response.position == position)
        .options(joinedload(Response.question_version))
    )


# The statement of the answer save, built once: it runs on every learner's save, and
# building a statement costs more than the database takes to run it. (What the save reads,
# and the hold it reads under, are in pages.py.)
_responses = Response.__table__
_SAVE = (
    sa.update(_responses).where(_responses.c.id == sa.bindparam("response_id"))
    .values(answer=sa.bindparam("answer", type_=_responses.c.answer.type),
            answered_at=sa.bindparam("answered_at", type_=_responses.c.answered_at.type),
            locked=sa.bindparam("now_locked", type_=_responses.c.locked.type))
)


def _steps(attempt):
    """Return (position, answered, takes an answer) for every question, in order."""
    rows = db.session.execute(
        sa.select(Response.position, Response.answered_at.is_not(None), QuestionVersion.kind)
        .join(Response.question_version)
        .where(Response.attempt_id == attempt.id).order_by(Response.position)
    ).all()
    return [(position, bool(answered), get_kind(kind).takes_answer)
            for position, answered, kind in rows]


def progress(attempt, steps=None):
    """Return (position, done) for every question of the attempt, in order.

    A question is done once answered; one that asks for no answer (a description) is
    done from the start, so it never shows as left to answer. `steps`, when the caller
    read them already (see pages.read_page), saves the query.
    """
    return [(position, answered or not takes)
            for position, answered, takes in (steps if steps is not None else _steps(attempt))]


def resume_position(attempt):
    """Return where to go on: the first unanswered question, or the text just before it.

    Descriptions right before it are shown first, so an introduction is never skipped;
    None when every question is answered.
    """
    steps = _steps(attempt)
    first = next((i for i, (_, answered, takes) in enumerate(steps)
                  if takes and not answered), None)
    if first is None:
        return None
    while first > 0 and not steps[first - 1][2]:
        first -= 1
    return steps[first][0]


def save_response(attempt, response, form):
    """Read and store the learner's answer; tell whether it changed anything.

    The caller read `response` held for the save (pages.read_page_to_save), so the answer
    it holds is the one saved, and a locked answer stays locked. Raise AnswerError when the
    answer cannot be read.
    """
    version = response.question_version
    answer = get_kind(version.kind).read(version.data, response.layout, form)
    if response.locked or answer == response.answer:
        return False
    values = {"answer": answer, "answered_at": utcnow() if answer is not None else None,
              "now_locked": answer is not None and attempt.feedback == "immediate"}
    # One plain statement rather than a flush; the page's view of the response keeps step.
    db.session.connection().execute(_SAVE, {"response_id": response.id, **values})
    response.answer, response.answered_at = answer, values["answered_at"]
    response.locked = values["now_locked"]
    return True


def expire_if_due(attempt, now=None):
    """Submit an attempt whose time is up; tell whether it is (now) submitted."""
    now = now or utcnow()
    due = attempt.hand_in_by
    if not attempt.submitted and due is not None and now >= due:
        attempt = orm_attempt(attempt)  # the page's plain view cannot be scored
        submit_attempt(attempt)
    return attempt.submitted


def hand_in_overdue(quiz_ids, now=None):
    """Hand in every attempt at the quizzes `quiz_ids` whose time is up; return how many.

    A learner's own next request hands in their overdue attempt; one who never comes back
    would leave it "in progress" for good, and what they saved would never count. Results,
    gradebooks and exports call this first, so a teacher reads every attempt handed in at
    its deadline (or the quiz's close), as the learner's next request would have.
    """
    now = now or utcnow()
    overdue = db.session.scalars(
        sa.select(Attempt).join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(Attempt.quiz_id.in_(quiz_ids), Attempt.submitted_at.is_(None),
               sa.or_(Attempt.deadline <= now, Quiz.closes_at <= now))
        .options(contains_eager(Attempt.quiz))).all()
    return sum(submit_attempt(attempt, at=attempt.hand_in_by) for attempt in overdue)


def submit_attempt(attempt, at=None):
    """Score the attempt once, handed in `at` (now by default); a second submission changes
    nothing."""
    if attempt.submitted:
        return False
    now = at or utcnow()
    claimed = db.session.execute(
        sa.update(Attempt)
        .where(Attempt.id == attempt.id, Attempt.submitted_at.is_(None))
        .values(submitted_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.refresh(attempt)
        return False
    # populate_existing: answers saved by other requests before the claim must count.
    responses = db.session.scalars(
        sa.select(Response).where(Response.attempt_id == attempt.id)
        .options(joinedload(Response.question_version))
        .execution_options(populate_existing=True)
    ).all()
    for response in responses:
        version = response.question_version
        response.score = get_kind(version.kind).score(version.data, response.answer)
    attempt.submitted_at = now
    total_score(attempt, responses)
    db.session.flush()
    return True


def score_visible(attempt, now=None):
    """Tell whether the attempt's rule lets its score (and key) show."""
    return score_shows(attempt.feedback, attempt.quiz.closes_at, now or utcnow(),
                       attempt.submitted)


def outcome(attempt, now=None):
    """Return what the result page may show: score and reviews, or nothing while hidden."""
    now = now or utcnow()
    if not score_visible(attempt, now):
        return Outcome(score=None, max_score=attempt.max_score, items=[], held_back=0)
    responses = result_responses(attempt)
    hidden = embargoed_questions(db.session, now,
                                 [r.question_version.question_id for r in responses])
    items = review_items(responses, hidden)
    shown = [item for item in items if not item.held_back]
    # With questions held back, the score counts only the others: a total would reveal them.
    score = sum(item.score or 0 for item in shown) if hidden else attempt.score
    return Outcome(score=score, max_score=sum(item.marks for item in shown), items=items,
                   held_back=sum(1 for item in items if item.held_back),
                   unmarked=sum(1 for item in shown if item.verdict == "unmarked"))


def inline_feedback(attempt, response, now=None):
    """Return the review shown under an answered question, or None when the rule waits."""
    now = now or utcnow()
    if not key_shows(attempt.feedback, attempt.quiz.closes_at, now, attempt.submitted,
                     response.locked):
        return None
    response = orm_response(response)  # the review follows the version to its evidence
    if embargoed_questions(db.session, now, [response.question_version.question_id]):
        return held_item(response)
    return review_item(response)


def scored_attempts(quiz, attempts, now=None):
    """Return the ids of `attempts` whose score may be listed: each attempt's own rule
    allows it, and none of the quiz's questions is embargoed."""
    now = now or utcnow()
    shown = {a.id for a in attempts if score_visible(a, now)}
    if not shown:
        return shown
    pool = (sa.select(Question.id).join(quiz_set, quiz_set.c.set_id == Question.set_id)
            .where(quiz_set.c.quiz_id == quiz.id))
    return set() if embargoed_questions(db.session, now, pool) else shown


def result_responses(attempt):
    """Return the attempt's responses with everything the result page shows, loaded."""
    return db.session.scalars(
        sa.select(Response)
        .where(Response.attempt_id == attempt.id)
        .order_by(Response.position)
        .options(
            selectinload(Response.question_version)
            .selectinload(QuestionVersion.evidence)
            .selectinload(Evidence.source)
        )
    ).all()
