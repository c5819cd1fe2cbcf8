"""Factories for tests: a small bank of every kind, written as real bank files."""

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quizapp.bank.loader import load_bank
from quizapp.domain.bankfiles import read_bank
from quizapp.extensions import db

# The smallest argon2 parameters, and the password every test account has.
CHEAP_HASHES = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
PASSWORD = "correct horse battery"

TEST_SOURCE_BODY = (
    "Ottawa said on Monday it would decide soon. “We will not be rushed,” said the "
    "minister, Ada Lovelace.\nThe committee met 3 times in 2019 and heard from 12 experts.\n"
    "First the review began, then the hearings opened, and finally the report was published."
)


SAMPLE_QUESTIONS = {
    "single_choice": {
        "prompt": "Who is the minister?",
        "choices": ["Ada Lovelace", "Grace Hopper", "Alan Turing"],
        "answer": "Ada Lovelace"},
    "multiple_response": {
        "prompt": "Which numbers does the text give?", "choices": ["3", "12", "7", "40"],
        "answer": ["3", "12"]},
    "true_false": {"prompt": "Ottawa promised a quick decision.", "answer": False},
    "matching": {
        "prompt": "Match the quote to the speaker.",
        "pairs": [{"item": "We will not be rushed", "match": "Ada Lovelace"},
                  {"item": "Ottawa will decide soon", "match": "Ottawa"}],
        "extra_matches": ["Grace Hopper"]},
    "short_answer": {"prompt": "Which city will decide?", "accepted": ["Ottawa"]},
    "ordering": {
        "prompt": "Put the steps in order.",
        "items": ["the review began", "the hearings opened", "the report was published"]},
    "numeric": {"prompt": "How many experts were heard?", "answer": 12, "tolerance": 0,
                "unit": "experts"},
}
# Kinds a teacher marks or that take no answer, kept apart: the bank of SAMPLE_QUESTIONS
# is the auto-scored tour many tests count on.
HAND_SAMPLES = {
    "essay": {"prompt": "Why might Ottawa not want to be rushed?",
              "grader_note": "Look for the pressure from allies."},
    "description": {"prompt": "The next questions are about the committee's hearings."},
}
SAMPLE_EVIDENCE = {
    "single_choice": "said the minister, Ada Lovelace",
    "multiple_response": "The committee met 3 times in 2019 and heard from 12 experts.",
    "true_false": "“We will not be rushed,”",
    "matching": "“We will not be rushed,” said the minister",
    "short_answer": "Ottawa said on Monday it would decide soon.",
    "ordering": "First the review began, then the hearings opened",
    "numeric": "heard from 12 experts",
}


def make_question(kind="single_choice", **overrides):
    """Return a valid question mapping of `kind` on the test source, with overrides."""
    quote = SAMPLE_EVIDENCE.get(kind)
    question = {
        "id": overrides.pop("id", f"test-{kind.replace('_', '-')}"),
        "kind": kind,
        **{**SAMPLE_QUESTIONS, **HAND_SAMPLES}[kind],
        "explanation": f"EXPLANATION-{kind}: the passage says so.",
        "evidence": [{"source": "test-source", "quote": quote}] if quote else [],
        "tags": ["testing"],
        "difficulty": 1,
    }
    question.update(overrides)
    return question


def make_quiz(**overrides):
    """Return a valid quiz mapping over the test set, with overrides."""
    quiz = {"id": "test-quiz", "title": "Test quiz", "sets": ["test-set"],
            "join_code": "TEST01", "shuffle_questions": False, "feedback": "after_submit"}
    quiz.update(overrides)
    return quiz


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a value shared by several questions out in full: the bank refuses aliases."""

    def ignore_aliases(self, data):
        """Never write an anchor or an alias."""
        return True


class BankWriter:
    """Writes a small bank folder: one test source, one set, any quizzes."""

    def __init__(self, root):
        self.root = Path(root)

    def write(self, questions=None, quizzes=None, source_body=TEST_SOURCE_BODY, more_sets=()):
        """Write the files and return the folder; `more_sets` are further set mappings
        ({"id", "title", "questions"}) on the same test source."""
        if self.root.exists():
            shutil.rmtree(self.root)
        for folder in ("sources", "sets", "quizzes"):
            (self.root / folder).mkdir(parents=True)
        (self.root / "sources" / "test-source.txt").write_text(
            "---\noutlet: Test Times\nheadline: A test article\npublished: 2019-02\n"
            "provenance: verified\n"
            "url: https://example.org/article\n---\n" + source_body + "\n", "utf-8")
        if questions is None:
            questions = [make_question(kind) for kind in SAMPLE_QUESTIONS]
        (self.root / "sets" / "test-set.yaml").write_text(yaml.dump(
            {"id": "test-set", "title": "Test set", "questions": questions},
            Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False), "utf-8")
        for question_set in more_sets:
            (self.root / "sets" / f"{question_set['id']}.yaml").write_text(yaml.dump(
                question_set, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False),
                "utf-8")
        for quiz in quizzes if quizzes is not None else [make_quiz()]:
            (self.root / "quizzes" / f"{quiz['id']}.yaml").write_text(
                yaml.dump(quiz, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False),
                "utf-8")
        return self.root

    def load(self, **kwargs):
        """Write the files, load them into the database and return the Bank."""
        bank = read_bank(self.write(**kwargs))
        load_bank(db.session, bank)
        db.session.commit()
        return bank


@dataclass(frozen=True)
class CheckedQuestion:
    """A question as the bank checks (give-aways, teaching value) read it."""

    id: str
    kind: str
    prompt: str
    data: dict
    evidence: tuple = field(default=())


def log_in(client, email="ada@example.org", password=PASSWORD, **extra):
    """Post the log-in form; return the response."""
    return client.post("/account/login", data={"email": email, "password": password, **extra})
