"""Aiken: one-answer multiple choice as plain lines, read and written strictly.

A question is one line of text, then two or more options each starting with a capital
letter and `.` or `)` and a space (`A. Paris`, `B) Lyon`), then `ANSWER: X` naming one of
the option letters. Blank lines between questions are allowed. Every question becomes a
single_choice; Aiken has no titles, feedback, tags or difficulty, so an import gets ids
made from its prompts and the import defaults.
"""

import re

from quizapp.domain.interchange.base import (
    DEFAULT_DIFFICULTY,
    DEFAULT_TAG,
    ExportResult,
    IdMaker,
    ImportResult,
    InterchangeError,
    Note,
    question,
)

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_OPTION = re.compile(r"([A-Z])[.)][ \t]+(\S.*)")
_ANSWER = re.compile(r"ANSWER:")
_ANSWER_LETTER = re.compile(r"ANSWER:[ \t]*([A-Z])[ \t]*")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_WORDS_IN_ID = 8


class _Block:
    """One question being read."""

    def __init__(self, number, prompt):
        self.line = number
        self.prompt = prompt
        self.options = {}

    def option(self, number, letter, text, column):
        """Add an option, refusing a letter given twice."""
        if letter in self.options:
            raise InterchangeError(f"option {letter} appears twice in the question "
                                   f"starting on line {self.line}", number, column)
        self.options[letter] = text


def parse(text):
    """Read Aiken text into an ImportResult; raise InterchangeError when it is malformed."""
    ids, questions, block = IdMaker(), [], None
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        column = len(raw) - len(raw.lstrip()) + 1
        if not line:
            continue
        option = _OPTION.fullmatch(line)
        if _ANSWER.match(line):
            questions.append(_finish(block, line, number, column, ids))
            block = None
        elif option:
            if block is None:
                raise InterchangeError(
                    "an option comes before any question: a question starts with its "
                    "text on one line", number, column)
            block.option(number, option.group(1), option.group(2).strip(), column)
        elif block is None:
            block = _Block(number, line)
        elif not block.options:
            raise InterchangeError(
                f"the question starting on line {block.line} goes on to a second line: "
                "an Aiken question is one line, followed by options such as 'A. text'",
                number, column)
        else:
            raise InterchangeError(
                f"the question starting on line {block.line} has no ANSWER: line before "
                "this one (or this line is an option missing its 'A.' or 'A)')",
                number, column)
    if block is not None:
        raise InterchangeError(f"the question starting on line {block.line} ends without "
                               "an ANSWER: line", block.line, 1)
    return ImportResult(questions, [])


def _finish(block, line, number, column, ids):
    """Return the question an ANSWER: line completes."""
    if block is None:
        raise InterchangeError("ANSWER: comes before any question", number, column)
    if len(block.options) < 2:
        raise InterchangeError(f"the question starting on line {block.line} needs at least "
                               "two options such as 'A. text' before its ANSWER:",
                               number, column)
    letter = _ANSWER_LETTER.fullmatch(line)
    if not letter:
        raise InterchangeError("ANSWER: must be followed by one capital letter, such as "
                               "'ANSWER: B'", number, column)
    if letter.group(1) not in block.options:
        raise InterchangeError(f"ANSWER: {letter.group(1)} names no option of the question "
                               f"starting on line {block.line}", number, column)
    choices = list(block.options.values())
    qid = ids.make(" ".join(block.prompt.split()[:_WORDS_IN_ID]))
    return question("single_choice", block.prompt, qid, choices=choices,
                    answer=block.options[letter.group(1)])


def _one_line(text, what, lose):
    """Return text on one line, reporting when line breaks had to be joined."""
    if "\n" in text or "\r" in text:
        lose(f"the line breaks in {what} are joined: Aiken keeps everything on one line")
        return " ".join(text.split())
    return text


# The kinds Aiken can carry, each as (choices, right choice, what is lost on the way).
_AS_CHOICE = {
    "single_choice": lambda item: (list(item["choices"]), item["answer"], None),
    "true_false": lambda item: (
        ["True", "False"], "True" if item["answer"] else "False",
        "written as a choice between True and False: Aiken has no true/false questions, so "
        "it comes back as single choice"),
}


def write(questions):
    """Write bank-format questions as Aiken text, reporting what Aiken cannot carry."""
    out, losses = [], []
    for item in questions:
        qid = item.get("id")

        def lose(message, qid=qid):
            losses.append(Note(message, question=qid))

        as_choice = _AS_CHOICE.get(item["kind"])
        if as_choice is None:
            lose(f"not exported: Aiken has only one-answer multiple choice, not {item['kind']}")
            continue
        choices, answer, loss = as_choice(item)
        if loss:
            lose(loss)
        if len(choices) > len(_LETTERS):
            lose(f"not exported: Aiken has at most {len(_LETTERS)} options")
            continue
        prompt = _one_line(item["prompt"], "the prompt", lose)
        if _OPTION.fullmatch(prompt) or _ANSWER.match(prompt):
            # Written, the file would not read back at all.
            lose("not exported: the prompt begins like an option ('A. ') or an ANSWER: "
                 "line, which Aiken cannot tell from a question")
            continue
        _record_losses(item, lose)
        out.append(prompt)
        for letter, choice in zip(_LETTERS, choices, strict=False):
            out.append(f"{letter}. {_one_line(choice, 'a choice', lose)}")
        out += [f"ANSWER: {_LETTERS[choices.index(answer)]}", ""]
    return ExportResult("\n".join(out), losses)


def _record_losses(item, lose):
    """Report the common fields Aiken has no place for."""
    if item.get("explanation"):
        lose("the explanation is not exported: Aiken has no feedback")
    if item.get("evidence"):
        lose("evidence is not exported: Aiken has no place for source passages")
    if [t for t in item.get("tags") or [] if t != DEFAULT_TAG]:
        lose("tags are not exported: Aiken has no categories")
    if item.get("difficulty", DEFAULT_DIFFICULTY) != DEFAULT_DIFFICULTY:
        lose("difficulty is not exported: Aiken has none")
    lose("the id is not exported: Aiken questions have no name, so an import makes one "
         "from the prompt")
