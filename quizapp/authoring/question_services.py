"""Writing questions from the editor: drafts, their checks, and new versions. Services flush;
the view commits."""

import dataclasses
import re
import secrets
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa

from quizapp.bank.models import Evidence, Question, QuestionVersion, Source
from quizapp.domain import bankschema
from quizapp.domain.bankdefs import EvidenceDef, QuestionDef
from quizapp.domain.kinds import FieldError
from quizapp.extensions import db

SLUG_WORDS = 6
SLUG_STEM_LENGTH = 60  # room for the random tail within the bank's 80-character ids


@dataclass(frozen=True)
class Passage:
    """A quote placed in its source."""

    source: Source
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class QuestionDraft:
    """A question as the editor read it, checked and ready to become a version."""

    kind: str
    prompt: str
    data: dict
    explanation: str
    tags: tuple
    difficulty: int
    evidence: tuple

    @property
    def content_hash(self):
        """Return the hash the bank loader gives the same wording, so both agree on a change."""
        return QuestionDef(
            id="", set_id="", kind=self.kind, prompt=self.prompt, data=self.data,
            explanation=self.explanation, tags=tuple(self.tags), difficulty=self.difficulty,
            evidence=tuple(EvidenceDef(p.source.slug, p.quote, p.start, p.end)
                           for p in self.evidence),
        ).content_hash


def usable_sources(user, question_set, version=None):
    """Return {id: Source} a question may cite: bundled, the teacher's, the set owner's, and
    any the question already cites."""
    owners = {user.id, question_set.owner_id} - {None}
    query = sa.select(Source).where(sa.or_(Source.owner_id.is_(None),
                                           Source.owner_id.in_(owners)))
    sources = {s.id: s for s in db.session.scalars(query.order_by(Source.headline, Source.id))}
    for item in version.evidence if version is not None else ():
        sources.setdefault(item.source_id, item.source)
    return sources


def kind_problems(kind, edited):
    """Return the problems with an edited definition: the form's own, then the kind's rules."""
    problems = list(edited.problems)
    if not problems:
        problems = [FieldError(name, message) for name, value in edited.data.items()
                    for message in bankschema.check_kind_data(value, name)]
    # What the form already said about a field would only be said again, less clearly.
    said = {p.field for p in problems}
    # A kind may report a plain message: it is about the whole question.
    checked = [p if isinstance(p, FieldError) else FieldError(None, str(p))
               for p in kind.check(edited.data)]
    return problems + [p for p in checked if p.field is None or p.field not in said]


def draft_of(version, **changes):
    """Return a draft saying what `version` says, with `changes` (say, new `data`)."""
    draft = QuestionDraft(
        kind=version.kind, prompt=version.prompt, data=version.data,
        explanation=version.explanation, tags=tuple(version.tags),
        difficulty=version.difficulty,
        evidence=tuple(Passage(e.source, e.quote, e.start, e.end) for e in version.evidence))
    return dataclasses.replace(draft, **changes)


def unchanged_hashes(kind, version):
    """Return the hashes a draft has when it says what `version` says.

    A version loaded from a bank file may spell its definition as the editor does not
    (`tolerance: 0`, an empty list of extra matches), so the definition read back
    through the editor counts as unchanged too.
    """
    rewritten = kind.read_editor(kind.editor_values(version.data)).data
    return {version.content_hash, draft_of(version, data=rewritten).content_hash}


def unique_slug(prompt):
    """Return an unused question id made from the prompt's first words and a random tail.

    The tail keeps it apart from any id a bank file may use later: the loader finds
    questions by id, and must never take over a teacher's.
    """
    folded = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore").decode().lower()
    stem = "-".join(re.findall(r"[a-z0-9]+", folded)[:SLUG_WORDS])[:SLUG_STEM_LENGTH]
    stem = stem.strip("-") or "question"
    while True:
        slug = f"{stem}-{secrets.token_hex(3)}"
        if db.session.scalar(sa.select(Question.id).where(Question.slug == slug)) is None:
            return slug


def _new_version(question, number, draft):
    """Return a new version of `question` holding `draft`."""
    version = QuestionVersion(
        question=question, number=number, kind=draft.kind, prompt=draft.prompt,
        data=draft.data, explanation=draft.explanation, tags=list(draft.tags),
        difficulty=draft.difficulty, content_hash=draft.content_hash)
    version.evidence = [Evidence(source=p.source, quote=p.quote, start=p.start, end=p.end)
                        for p in draft.evidence]
    return version


def create_question(question_set, draft):
    """Add a question at the end of `question_set` with `draft` as its version 1."""
    last = db.session.scalar(sa.select(sa.func.max(Question.position))
                             .where(Question.set_id == question_set.id))
    question = Question(slug=unique_slug(draft.prompt), question_set=question_set,
                        position=0 if last is None else last + 1)
    db.session.add(question)
    question.current_version = _new_version(question, 1, draft)
    db.session.flush()
    return question


def revise_question(question, draft, unchanged_hashes):
    """Give `question` a new version holding `draft`; return it, or None when nothing changed.

    `unchanged_hashes` are the hashes that mean "as it is now". Older versions are never
    touched: attempts keep pointing at the one their learner saw.
    """
    if draft.content_hash in unchanged_hashes:
        return None
    last = db.session.scalar(sa.select(sa.func.max(QuestionVersion.number))
                             .where(QuestionVersion.question_id == question.id))
    version = _new_version(question, (last or 0) + 1, draft)
    question.current_version = version
    db.session.flush()
    return version
