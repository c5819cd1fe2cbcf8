"""Evidence passages: finding quotes in a source and marking them up for the reader."""

from dataclasses import dataclass, field
from urllib.parse import quote as percent_encode

# Quotes longer than this are linked by their first and last words (textStart,textEnd).
FRAGMENT_MAX_CHARS = 80
FRAGMENT_EDGE_WORDS = 4


def locate(body, quote):
    """Return the (start, end) offsets of the first verbatim occurrence of `quote`, or None."""
    start = body.find(quote)
    if start < 0 or not quote:
        return None
    return start, start + len(quote)


def anchor_id(start, end):
    """Return the HTML id a passage's link scrolls to."""
    return f"ev-{start}-{end}"


@dataclass
class Segment:
    """A run of the source body covered by the same set of evidence passages."""

    text: str
    marked: bool = False
    current: bool = False
    anchors: list[str] = field(default_factory=list)


def segments(body, passages, current=None):
    """Split `body` into runs, marking those inside any passage and those in `current`.

    `passages` is an iterable of (start, end) offsets and may overlap; each passage
    gets an anchor at its first run so a link can scroll to it.
    """
    passages = sorted({(s, e) for s, e in passages if 0 <= s < e <= len(body)})
    if current is not None and current not in passages:
        passages = sorted([*passages, current])
    cuts = sorted({0, len(body), *(p for pair in passages for p in pair)})
    result = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [p for p in passages if p[0] <= left and right <= p[1]]
        result.append(Segment(
            text=body[left:right],
            marked=bool(covering),
            current=current in covering,
            anchors=[anchor_id(*p) for p in covering if p[0] == left],
        ))
    return result


def _encode(text):
    return percent_encode(text, safe="").replace("-", "%2D")


def text_fragment_url(url, quote):
    """Return `url` with a `#:~:text=` fragment that makes browsers highlight `quote`."""
    base = url.split("#", 1)[0]
    words = quote.split()
    if len(quote) <= FRAGMENT_MAX_CHARS or len(words) <= 2 * FRAGMENT_EDGE_WORDS:
        directive = _encode(" ".join(words))
    else:
        first = " ".join(words[:FRAGMENT_EDGE_WORDS])
        last = " ".join(words[-FRAGMENT_EDGE_WORDS:])
        directive = f"{_encode(first)},{_encode(last)}"
    return f"{base}#:~:text={directive}"
