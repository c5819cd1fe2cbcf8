"""What the learner sees for each answered question once feedback may show."""

from dataclasses import dataclass

from flask_babel import gettext

from quizapp.domain.evidence import anchor_id, text_fragment_url
from quizapp.domain.kinds import get_kind
from quizapp.domain.provenance import provenance_label


@dataclass(frozen=True)
class EvidenceLink:
    """A passage, where to read it in our reader, and on the original page when known."""

    quote: str
    outlet: str
    # How the app names the source: "A copy of a Reuters report", not just "Reuters".
    source_label: str
    source_slug: str
    highlight: str
    anchor: str
    original_url: str | None


@dataclass(frozen=True)
class ReviewItem:
    """One question's outcome: answers, verdict, explanation and evidence."""

    position: int
    prompt: str
    kind: str
    kind_label: str
    given: list[str]
    right: list[str]
    # None for a description, and for an essay its teacher has not marked yet.
    score: float | None
    verdict: str
    explanation: str
    evidence: list[EvidenceLink]
    # The key is embargoed by a stricter quiz: only the learner's own answer shows.
    held_back: bool = False
    # What the question counts for in the maximum (0 for a description).
    marks: int = 1


@dataclass(frozen=True)
class Outcome:
    """What a result page may show: the score (None while hidden) and each question's review."""

    score: float | None
    max_score: int
    items: list[ReviewItem]
    held_back: int
    # Answers still waiting for a teacher's mark: while any do, the score is provisional.
    unmarked: int = 0

    @property
    def provisional(self):
        """Tell whether the score may still change when a teacher marks an answer."""
        return self.unmarked > 0


def verdict(score, answered, kind=None):
    """Name the outcome: right, partly right, wrong, unanswered; or info, unmarked, marked."""
    if kind is not None and not kind.marks:
        return "info"
    if not answered:
        return "unanswered"
    if kind is not None and kind.marked_by_teacher:
        # A teacher's mark is a judgement, not a key: never "wrong", even at 0.
        return "unmarked" if score is None else "marked"
    if score >= 1:
        return "right"
    return "partial" if score > 0 else "wrong"


def review_item(response):
    """Return the review of one response (scored now if the attempt is still open)."""
    version = response.question_version
    kind = get_kind(version.kind)
    score = response.score
    if score is None:
        score = kind.score(version.data, response.answer)
    return ReviewItem(
        position=response.position,
        prompt=version.prompt,
        kind=kind.name,
        kind_label=kind.label,
        given=kind.describe(version.data, response.answer),
        right=kind.describe(version.data, kind.key(version.data)),
        score=score,
        verdict=verdict(score, response.answer is not None, kind),
        marks=kind.marks,
        explanation=version.explanation,
        evidence=[
            EvidenceLink(
                quote=e.quote, outlet=e.source.outlet, source_slug=e.source.slug,
                source_label=provenance_label(e.source.outlet, e.source.provenance, gettext),
                highlight=f"{e.start}-{e.end}", anchor=anchor_id(e.start, e.end),
                original_url=text_fragment_url(e.source.url, e.quote) if e.source.url else None,
            )
            for e in version.evidence
        ],
    )


def held_item(response):
    """Return a review of one response that shows the learner's answer and nothing of the key."""
    version = response.question_version
    kind = get_kind(version.kind)
    return ReviewItem(
        position=response.position, prompt=version.prompt, kind=kind.name, kind_label=kind.label,
        given=kind.describe(version.data, response.answer), right=[], score=0,
        verdict="held", explanation="", evidence=[], held_back=True, marks=kind.marks,
    )


def review_items(responses, embargoed=frozenset()):
    """Return the review of every response, in order, holding back embargoed questions."""
    return [held_item(r) if r.question_version.question_id in embargoed else review_item(r)
            for r in responses]
