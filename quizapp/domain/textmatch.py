"""Forgiving comparison of typed short answers, and nothing more forgiving than that.

A typed answer and a listed one are compared as words, after folding away what a learner
should never be marked down for (see questions/README.md, "How short answers match"):

- case, accents, punctuation and spacing ("U.S." is "US", "Five-Eyes" is "FiveEyes");
- number words up to 99, which become digits ("Phase One" is "Phase 1");
- a leading article ("the", "a", "an") and leading titles in TITLES ("Mr", "President",
  "Deputy Chairman"...), when a name follows them;
- a parenthesised expansion: "CBC (Canadian Broadcasting Corporation)" lists "CBC",
  "Canadian Broadcasting Corporation" and both together;
- the order of the parts of a list joined by "and", "&", "," or ";".

Then a typo allowance, per word: none for words under five letters, words with digits
and acronyms (one edit makes another word: "US"/"UK", "Iran"/"Iraq", "5G"/"4G"), one
edit for words of five to nine letters, two for ten letters or more that start with the
right letter. A typed answer within that allowance of a refused answer is wrong.
"""

import re
import unicodedata
from functools import lru_cache
from itertools import permutations, product

from rapidfuzz.distance import OSA

# Below this length one letter changed makes another word too easily ("Iran"/"Iraq").
TYPO_MIN_LENGTH = 5
# From this length a word may take a second typo ("Schellenberg" typed "Shelenberg").
TWO_TYPO_LENGTH = 10
ARTICLES = frozenset({"the", "a", "an"})
# Titles a learner may put before a name, or leave out, without changing the answer.
TITLES = tuple(sorted((tuple(t.split()) for t in (
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "madam", "lord", "lady",
    "president", "vice president", "prime minister", "minister", "foreign minister",
    "ambassador", "secretary of state", "secretary", "treasury secretary", "senator",
    "chancellor", "premier", "chairman", "chairwoman", "chair", "deputy chairman",
    "deputy chairwoman", "deputy chair", "ceo", "cfo", "professor",
)), key=len, reverse=True))
# Words after a title that show it is the answer itself, not a title before a name.
_NOT_A_NAME = frozenset({"of", "for", "to", "general", "and"})
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {w: n for n, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_TENS_AS_DIGITS = frozenset(str(20 + 10 * i) for i in range(len(_TENS)))
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_APOSTROPHES = re.compile(r"['’ʼ`]")
_PARENS = re.compile(r"\(([^()]*)\)")
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.IGNORECASE)


def _strip_accents(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(text):
    """Return `text` folded for comparison: no accents, case, punctuation or extra spaces."""
    return " ".join(_NOT_WORD.sub(" ", _strip_accents(text).casefold()).split())


def _is_acronym(token):
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _numbers_as_digits(words):
    out = []
    for word in words:
        value = NUMBER_WORDS.get(word[0])
        previous = out[-1][0] if out else ""
        if value is not None and 0 < value < 10 and previous in _TENS_AS_DIGITS:
            # "twenty five" is 25, not "20 5".
            out[-1] = (str(int(previous) + value), True)
        elif value is not None:
            out.append((str(value), True))
        else:
            out.append(word)
    return out


def _drop_leading(words):
    """Drop leading articles and titles, as long as some word remains after them."""
    while True:
        plain = tuple(w for w, _ in words)
        if len(plain) > 1 and plain[0] in ARTICLES:
            words = words[1:]
            continue
        title = next((t for t in TITLES if plain[:len(t)] == t and len(plain) > len(t)
                      and plain[len(t)] not in _NOT_A_NAME), None)
        if title is None:
            return words
        words = words[len(title):]


def _words(text, digits):
    """Return the folded words of `text`, each with whether it must be typed exactly."""
    words = []
    # An apostrophe joins its word, so "People's" is one word, as typed "Peoples".
    for token in _NOT_WORD.sub(" ", _APOSTROPHES.sub("", _strip_accents(text))).split():
        folded = token.casefold()
        # A number is exact whether written in digits or words ("eight" is not "eighty").
        strict = (_is_acronym(token) or len(folded) < TYPO_MIN_LENGTH
                  or folded in NUMBER_WORDS or any(c.isdigit() for c in folded))
        words.append((folded, strict))
    return tuple(_drop_leading(_numbers_as_digits(words) if digits else words))


def _list_parts(text, digits):
    parts = [p for p in _LIST_SEPARATOR.split(text) if normalise(p)]
    return tuple(w for w in (_words(p, digits) for p in parts) if w)


def _unbracket(text):
    return text.replace("(", " ").replace(")", " ")


@lru_cache(maxsize=4096)
def forms(text, expand=True):
    """Return the ways `text` may be read: each a tuple of parts, each a tuple of words.

    A listed answer is read with and without its parenthesised expansions (`expand`); a
    typed one only whole, its parts being judged one by one (see `judge`).
    """
    readings = [_unbracket(text)]
    if expand:
        readings += [_PARENS.sub(" ", text), *_PARENS.findall(text)]
    found = []
    # Numbers are read both as words and as digits, so "FiveEyes" is still "Five Eyes".
    for reading, digits in product(readings, (True, False)):
        parts = _list_parts(reading, digits)
        if parts and parts not in found:
            found.append(parts)
    return tuple(found)


def _compact(part):
    return "".join(w for w, _ in part)


def _exact_key(form):
    return tuple(sorted(_compact(part) for part in form))


def _budget(given, word, strict):
    if strict:
        return 0
    # A second typo only where the word starts right: a changed start is more often a
    # prefix ("coherent" for "incoherent") than a slip.
    return 2 if len(word) >= TWO_TYPO_LENGTH and given[:1] == word[:1] else 1


def _part_close(typed, listed):
    if _compact(typed) == _compact(listed):
        return True
    if len(typed) != len(listed):
        return False
    for (given, _), (word, strict) in zip(typed, listed, strict=True):
        budget = _budget(given, word, strict)
        if given != word and OSA.distance(given, word, score_cutoff=budget) > budget:
            return False
    return True


def _form_close(typed, listed):
    if len(typed) != len(listed) or len(typed) > 4:
        return _exact_key(typed) == _exact_key(listed)
    return any(all(_part_close(t, a) for t, a in zip(order, listed, strict=True))
               for order in permutations(typed))


def same(given, listed):
    """Tell whether `given` is `listed` once folded, with no typo forgiven."""
    keys = {_exact_key(f) for f in forms(listed)}
    return any(_exact_key(f) in keys for f in forms(given, expand=False))


def near(given, listed):
    """Tell whether `given` is `listed`, or one allowed typo per word away from it."""
    return any(_form_close(g, a) for g in forms(given, expand=False) for a in forms(listed))


def matches(given, accepted):
    """Tell whether a typed answer matches an accepted one, forgiving small typos."""
    return judge(given, [accepted])


def _judge_whole(given, accepted, refused):
    if any(same(given, a) for a in accepted):
        return True
    if any(near(given, r) or near(r, given) for r in refused):
        return False
    return any(near(given, a) for a in accepted)


def judge(given, accepted, refused=()):
    """Tell whether a typed answer is right, given the answers listed right and wrong.

    An exact match with an accepted answer wins; then an answer that is, or is a typo
    away from, a refused one is wrong; then a typo of an accepted answer is right.
    A typed answer with brackets is right whole, or when every piece of it is right:
    "CBC (Canadian Broadcasting Corporation)" is, "UK (US)" hedges and is not.
    """
    if _judge_whole(given, accepted, refused):
        return True
    pieces = [_PARENS.sub(" ", given), *_PARENS.findall(given)]
    pieces = [p for p in pieces if normalise(p)]
    return len(pieces) > 1 and all(_judge_whole(p, accepted, refused) for p in pieces)
