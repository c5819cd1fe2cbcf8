"""Find questions that give each other away when they are asked together.

A learner sees every question of an attempt, so one question's prompt, choices or items
must not print another question's answer ("a five-day trip" answers "how many days").
The checks work on plain values (anything with `id`, `kind`, `prompt` and `data`, as a
question definition has), so they can scan the bundled bank and teachers' quizzes alike.
"""

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from types import SimpleNamespace

import snowballstemmer
from rapidfuzz import fuzz

from quizapp.domain.textmatch import normalise

_STEMMER = snowballstemmer.stemmer("english")

_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11",
    "twelve": "12", "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16",
    "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30",
    "forty": "40", "fifty": "50", "hundred": "100", "once": "1", "twice": "2",
    "single": "1", "pair": "2", "both": "2", "first": "1", "second": "2", "third": "3",
}
# Words too common to tell two statements apart; they never count as content.
_STOPWORDS = frozenset("""
a an the and or but of to in on at by for from with as is are was were be been being it its
this that these those which who whom what when where why how whose there their they them he
she his her him we our us you your i not no nor so than then too very can could would should
will shall may might must do does did has have had into onto over under about after before
according says said say also any all some each other such only own same just more most one
if get make made use used won t s
""".split())
_FROM_TO = re.compile(r"\bfrom\b(?P<first>.+?)\bto\b(?P<last>.+?)(?:,|$| in time order)")
# How much of a statement's content must reappear for two texts to say the same thing.
SAME_FACT = 0.8
# How many of a question's own telling words must stand next to its answer elsewhere.
CONTEXT_WORDS = 2
# A word used by more than this share of the questions (or COMMON_MIN of them) tells nothing.
COMMON_SHARE = 0.1
COMMON_MIN = 3
# Prompt similarity (0-100) above which two questions ask the same thing.
NEAR_DUPLICATE = 85
# Words that mark a sentence as telling the order of two events.
_ORDER_WORDS = frozenset({"before", "after", "earlier", "later", "then", "previously",
                          "following", "followed", "since", "until", "first", "last"})


@dataclass(frozen=True)
class Giveaway:
    """One question (`reveals`) printing what another (`answers`) asks for."""

    answers: str
    reveals: str
    clue: str
    where: str

    def __str__(self):
        return (f"{self.reveals} gives away {self.answers}: its {self.where} shows "
                f"{self.clue!r}")


@dataclass(frozen=True)
class NearDuplicate:
    """Two questions that ask the same thing, or mirror one statement."""

    first: str
    second: str
    similarity: int

    def __str__(self):
        return (f"{self.first} and {self.second} ask the same thing "
                f"(similarity {self.similarity})")


def words(text, drop=frozenset(), stem=True):
    """Return `text` as comparable words: folded, number words as digits, stemmed."""
    return list(_words(str(text), drop, stem))


@functools.lru_cache(maxsize=65536)
def _words(text, drop, stem):
    # A quiz's texts are compared pair by pair, so each is folded once and remembered.
    folded = [_NUMBER_WORDS.get(w, w) for w in normalise(text).split() if w not in drop]
    return tuple(_STEMMER.stemWords(folded) if stem else folded)


def content_words(text):
    """Return the set of words of `text` that carry meaning."""
    return set(_words(str(text), _STOPWORDS, True))


def _contains(haystack, needle):
    """Tell whether the word list `needle` stands, in order and whole, in `haystack`."""
    if not needle:  # an empty clue would be everywhere
        return False
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def visible_texts(question):
    """Return (where, text) for everything a learner reads of `question`."""
    data = question.data
    texts = [("prompt", question.prompt)]
    texts += [("choice", c) for c in data.get("choices") or []]
    texts += [("item", i) for i in data.get("items") or []]
    for pair in data.get("pairs") or []:
        # Matching shows items and partners apart, so each is read on its own.
        texts += [("item", pair["item"]), ("partner", pair["match"])]
    texts += [("partner", m) for m in data.get("extra_matches") or []]
    return texts


def _choice_giveaways(question, text):
    """Say which right choices `text` prints."""
    data = question.data
    right = data["answer"] if isinstance(data["answer"], list) else [data["answer"]]
    # Names are compared unstemmed: "Canadians" is not "Canadian".
    said = words(text, stem=False)
    return [c for c in right if _contains(said, words(c, stem=False))]


def _names_a_wrong_choice(question, shown, names):
    """Tell whether `shown` also prints a wrong choice, so it singles out no answer."""
    data = question.data
    right = data["answer"] if isinstance(data["answer"], list) else [data["answer"]]
    said = words(_blank(_all_text(shown), names), stem=False)
    return any(_contains(said, words(c, stem=False)) for c in data["choices"] if c not in right)


def _numeric_giveaways(question, text):
    """Say whether `text` prints the number with its unit ("five-day" for 5 days)."""
    data = question.data
    number = words(_plain_number(data["answer"]))
    unit = words(data.get("unit") or "")
    said = words(text)
    for i in range(len(said) - len(number) + 1):
        if said[i:i + len(number)] != number:
            continue
        # A year or a bare count stands alone; otherwise the unit must follow closely.
        if not unit or unit[0] == "year" or any(w in unit for w in said[i + 1:i + 4]):
            return [" ".join(said[i:i + len(number) + 3])]
    return []


def _plain_number(value):
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def _short_answer_giveaways(question, text):
    """Say which accepted answers `text` prints."""
    said = words(text, stem=False)
    return [a for a in question.data["accepted"] if _contains(said, words(a, stem=False))]


def _matching_giveaways(question, text):
    """Say which pairs `text` prints together (an item next to its own partner)."""
    said = words(text)
    return [f"{p['item']} / {p['match']}" for p in question.data["pairs"]
            if _contains(said, words(p["item"])) and _contains(said, words(p["match"]))]


def _states(statement, text):
    """Tell whether `text` carries nearly all the content of `statement`."""
    wanted = content_words(statement)
    return bool(wanted) and len(wanted & content_words(text)) / len(wanted) >= SAME_FACT


def _true_false_giveaways(question, text):
    """Say whether `text` states the same fact as the statement (true or false alike)."""
    return [question.prompt] if _states(question.prompt, text) else []


def _mentions(item, text):
    """Tell whether `text` names most of the content of an ordering item."""
    wanted = content_words(item)
    return bool(wanted) and len(wanted & content_words(text)) / len(wanted) >= 0.6


def _ordering_giveaways(question, text):
    """Say whether `text` tells the order of two of the items."""
    said = set(words(text, stem=False))
    if not said & _ORDER_WORDS:
        return []
    named = [i for i in question.data["items"] if _mentions(i, text)]
    return [" / ".join(named)] if len(named) >= 2 else []


_CHECKS = {
    "single_choice": _choice_giveaways,
    "multiple_response": _choice_giveaways,
    "numeric": _numeric_giveaways,
    "short_answer": _short_answer_giveaways,
    "matching": _matching_giveaways,
    "true_false": _true_false_giveaways,
    "ordering": _ordering_giveaways,
}
# A bare answer ("Poland") only gives a question away next to what that question is about;
# these kinds' clues (a pair, a whole statement, two events in order) carry their context.
_NEEDS_CONTEXT = frozenset({"single_choice", "multiple_response", "numeric", "short_answer"})


def _all_text(question):
    return " ".join(text for _, text in visible_texts(question))


def _context(asked, near, clue, common):
    """Return the telling words of `asked`'s prompt that `near` repeats beside the answer."""
    telling = content_words(asked.prompt) - content_words(clue) - common
    return sorted(telling & content_words(near))


def _items(question, names):
    """Return a matching question's items, which a learner reads beside every partner."""
    return " ".join(_blank(p["item"], names) for p in question.data.get("pairs") or [])


def _blank(text, names):
    """Return `text` without the given names, which are labels rather than answers."""
    for name in names:
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return text


def giveaways(asked, shown, common=frozenset(), names=()):
    """Return how question `shown` gives away the answer of question `asked`.

    `common` holds words (as `words` returns them) that most questions share, such as the
    subject of every article; they never count as the context that makes a giveaway.
    `names` are labels blanked out before looking (outlets' names: "Silicon UK" is no "UK").
    """
    check = _CHECKS[asked.kind]
    if "choices" in asked.data and _names_a_wrong_choice(asked, shown, names):
        return []
    own = words(asked.prompt)
    prompt = _blank(shown.prompt, names)
    found = []
    if asked.kind == "true_false":
        # The statement loses its labels too, or "According to BBC News" would count.
        asked = SimpleNamespace(id=asked.id, kind=asked.kind, data=asked.data,
                                prompt=_blank(asked.prompt, names))
    for where, text in visible_texts(shown):
        text = _blank(text, names)
        for clue in check(asked, text):
            if asked.kind in _NEEDS_CONTEXT:
                if _contains(own, words(clue)):
                    continue  # the question names it itself, so showing it again tells nothing
                near = text if where == "prompt" else f"{prompt} {_items(shown, names)} {text}"
                context = _context(asked, near, clue, common)
                if len(context) < CONTEXT_WORDS:
                    continue
                clue = f"{clue} (with {', '.join(context)})"
            found.append(Giveaway(asked.id, shown.id, clue, where))
    return found


def common_words(questions):
    """Return the words so many of `questions` use that they tell nothing apart."""
    seen = Counter(w for q in questions for w in content_words(_all_text(q)))
    limit = max(COMMON_MIN, COMMON_SHARE * len(questions))
    return frozenset(w for w, n in seen.items() if n > limit)


def giveaways_among(questions, names=(), common=None):
    """Return every giveaway between any two of `questions` (asked together).

    `common` defaults to the words common among `questions` themselves; pass the words
    common to a whole bank when checking a few of its questions.
    """
    common = common_words(questions) if common is None else common
    found = []
    for a, b in itertools.permutations(questions, 2):
        found += giveaways(a, b, common, names)
    return found


def ordering_names_its_ends(question):
    """Return the first and last items an ordering prompt names ("from X to Y"), if any."""
    if question.kind != "ordering":
        return None
    match = _FROM_TO.search(normalise(question.prompt))
    if not match:
        return None
    items = question.data["items"]
    names_first = content_words(match.group("first")) & content_words(items[0])
    names_last = content_words(match.group("last")) & content_words(items[-1])
    if names_first or names_last:
        return (items[0], items[-1])
    return None


def similarity(a, b):
    """Return how alike two questions' prompts are, 0 to 100, ignoring order and filler."""
    return round(fuzz.token_sort_ratio(" ".join(content_words(a.prompt)),
                                       " ".join(content_words(b.prompt))))


def _same_passage(a, b):
    """Tell whether two questions cite overlapping passages of one source."""
    return any(x.source == y.source and x.start < y.end and y.start < x.end
               for x in getattr(a, "evidence", ()) for y in getattr(b, "evidence", ()))


def near_duplicates(questions, threshold=NEAR_DUPLICATE):
    """Return pairs of questions that ask about one passage in nearly the same words.

    The same sentence asked twice, or as a true statement and its false mirror image,
    teaches it once and lets the second copy answer the first.
    """
    found = []
    for a, b in itertools.combinations(questions, 2):
        if not _same_passage(a, b):
            continue
        score = similarity(a, b)
        if score >= threshold:
            found.append(NearDuplicate(a.id, b.id, score))
    return found
