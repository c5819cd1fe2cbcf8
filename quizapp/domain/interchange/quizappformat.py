"""Quizapp's own bank format as a file to import and export: one set file (sets/<id>.yaml
in questions/README.md) holding every kind and every field, evidence included.

An import reads the set file's questions as they are written (the set's `id` and
`title` are the file's own; the importer names the set it fills); each question keeps
its line, so what is wrong with it is reported there. Evidence quotes name sources
already in the app by id; they are checked when the questions are. Nothing is lost
either way.
"""

from quizapp.domain import bankwriter, safeyaml
from quizapp.domain.interchange.base import ExportResult, ImportResult, InterchangeError


def parse(text):
    """Read a set file's questions; raise InterchangeError when it is not one."""
    try:
        doc = safeyaml.parse(text.removeprefix("\ufeff"))
    except safeyaml.YamlProblem as problem:
        raise InterchangeError(problem.message, line=problem.line) from None
    except RecursionError:
        raise InterchangeError("the YAML is nested too deeply") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("questions"), list):
        raise InterchangeError("a Quizapp set file is a mapping with a list of questions",
                               line=1)
    result = ImportResult()
    for index, raw in enumerate(doc["questions"], 1):
        if not isinstance(raw, dict):
            raise InterchangeError(f"question {index} is not a mapping")
        result.lines.append(raw.get(safeyaml.LINE))
        result.questions.append(safeyaml.strip_lines(raw))
    return result


def _values(item):
    """Return the writer's values for one question mapping."""
    common = ("id", "kind", "prompt", "explanation", "evidence", "tags", "difficulty")
    return bankwriter.QuestionValues(
        id=item["id"], kind=item["kind"], prompt=item["prompt"],
        data={k: v for k, v in item.items() if k not in common},
        explanation=item.get("explanation", ""),
        evidence=tuple((e["source"], e["quote"]) for e in item.get("evidence") or ()),
        tags=tuple(item.get("tags") or ()), difficulty=item.get("difficulty", 2))


def write(questions, set_id="exported", title="Exported questions", description=""):
    """Write the questions as one set file; nothing is lost."""
    text = bankwriter.set_text(bankwriter.SetValues(
        id=set_id, title=title, description=description,
        questions=tuple(_values(q) for q in questions)))
    return ExportResult(text)
