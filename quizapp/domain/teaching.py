"""Checks for questions of low teaching value, on plain values.

A question whose answer is the subject of every article ("which company...?" → Huawei)
is answered without reading; a true/false statement that copies a sentence of an article
word for word tests matching strings, not understanding.
"""

import re

from quizapp.domain.textmatch import normalise

# A statement copies an article when one unbroken run of the article's words makes up
# this share of it (and is at least COPIED_MIN words long).
COPIED_SHARE = 0.6
COPIED_MIN = 6
# "According to Silicon UK," and similar openings name the source; they are not the claim.
_ATTRIBUTION = re.compile(r"^\s*(according to [^,]+,|[\w ]+ (reports|says|states) that)\s*",
                          re.IGNORECASE)


def key_texts(question):
    """Return the texts a question's key consists of, for the kinds whose key is a name."""
    data = question.data
    if question.kind == "single_choice":
        return [data["answer"]]
    if question.kind == "short_answer":
        return list(data["accepted"])
    return []


def _stands_in(needle, haystack):
    return f" {normalise(needle)} " in f" {normalise(haystack)} "


def answer_is_everywhere(question, bodies):
    """Tell whether the question's answer is printed in every one of the article bodies."""
    keys = key_texts(question)
    return bool(keys) and len(bodies) > 1 and all(
        any(_stands_in(key, body) for key in keys) for body in bodies)


def claim_words(statement):
    """Return the words of a statement without its opening attribution."""
    return normalise(_ATTRIBUTION.sub("", statement)).split()


def copied_run(statement, body):
    """Return the longest run of words the statement (without attribution) copies from body."""
    said = claim_words(statement)
    text = f" {normalise(body)} "
    longest = 0
    for start in range(len(said)):
        # Grow the run only while it still stands in the body, so the scan stays short.
        end = start + longest + 1
        while end <= len(said) and f" {' '.join(said[start:end])} " in text:
            longest = end - start
            end += 1
    return longest


def copies_a_sentence(statement, bodies):
    """Tell whether most of a statement is one unbroken run of an article's words."""
    needed = max(COPIED_MIN, COPIED_SHARE * len(claim_words(statement)))
    return any(copied_run(statement, body) >= needed for body in bodies)
