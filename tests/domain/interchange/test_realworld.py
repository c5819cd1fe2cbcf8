"""Question files written the way Moodle and Canvas users write them, read end to end.

Each file in realworld/ is what a teacher's tool produces: Moodle's own XML export (with
its category pseudo-question, CDATA html, per-answer feedback, a cloze and a calculated
question it has and we do not), a GIFT file typed by a teacher (BOM, CRLF, tabs,
categories, comments, escapes, weights, feedback, ranges, missing words, [html] and
[markdown]), an Aiken file (both option styles, CRLF) and a spreadsheet saved by a
French Excel (Windows-1252, semicolons, a quoted line break). Counts per kind, answers
and weights are what Moodle itself makes of them; what we cannot carry is reported.
"""

from pathlib import Path

import pytest

from quizapp.domain.interchange.reading import read_file

FILES = Path(__file__).parent / "realworld"
LIMITS = {"max_bytes": 1_000_000, "max_questions": 1000}


def _read(name, fmt):
    reading = read_file((FILES / name).read_bytes(), fmt, **LIMITS)
    assert reading.errors == []
    return reading, {q["id"]: q for q in reading.questions}


def _noted(reading, *words):
    return any(all(w in note for w in words) for note in reading.notes)


def test_a_teachers_gift_file():
    """Kinds, answers and weights as Moodle's GIFT importer makes them."""
    reading, by_id = _read("moodle_course.gift", "gift")
    assert reading.counts() == {"single_choice": 4, "numeric": 3, "true_false": 3,
                                "description": 1, "essay": 1, "matching": 1,
                                "multiple_response": 1}
    assert by_id["capital-of-france"]["answer"] == "Paris"
    assert by_id["capital-of-france"]["explanation"] == "Paris is on the Seine."
    assert by_id["capital-of-france"]["tags"] == ["europe"]  # the category's last level
    assert by_id["rivers"]["answer"] == ["Rhine", "Danube"]  # the positive weights
    assert by_id["rivers"]["prompt"] == "Which of these rivers flow through Germany?"
    assert (by_id["alps-tf"]["answer"], by_id["bigger"]["answer"]) == (True, False)
    # Moodle reads "=%50%Iceland" as a 100% answer whose text starts "%50%".
    assert "%50%Iceland" in by_id["nordic"]["choices"]
    assert by_id["capitals-match"]["extra_matches"] == ["Lisbon"]
    assert (by_id["height"]["answer"], by_id["height"]["tolerance"]) == (4806, 10)
    assert (by_id["range"]["answer"], by_id["range"]["tolerance"]) == (1989, 1)
    assert by_id["missing-word"]["prompt"] == "The Danube flows into the _____."
    assert by_id["escapes"]["choices"] == ["equals = sign", "colon : sign", "braces {}"]
    assert by_id["essay-on-borders"]["tags"] == ["essays"]
    assert by_id["intro"]["kind"] == "description"
    assert _noted(reading, "rivers", "weights differ", "-100%")
    assert _noted(reading, "nordic", "weights are not kept")
    assert _noted(reading, "multi-numeric", "only 3.14 is kept", "3.1 ± 0.05 (50%)")
    assert _noted(reading, "capital-of-france", "per-answer feedback is not kept")


def test_moodles_own_xml_export():
    """Moodle's export reads back kind for kind; cloze and calculated are reported."""
    reading, by_id = _read("moodle_export.xml", "moodlexml")
    assert reading.counts() == {kind: 1 for kind in (
        "description", "essay", "matching", "multiple_response", "numeric",
        "short_answer", "single_choice", "true_false")}
    assert by_id["wall-year"]["prompt"] == "When did the Berlin Wall fall?"
    assert by_id["wall-year"]["answer"] == "1989"
    assert by_id["wall-year"]["explanation"] == "On 9 November 1989."
    # 33.3% for each ally and -100% for Italy is exactly our 1/R and -1/W: nothing to say.
    assert by_id["allies"]["answer"] == ["United Kingdom", "United States", "Soviet Union"]
    assert not _noted(reading, "allies")
    assert by_id["treaty"]["answer"] is True
    assert by_id["first-man-in-space"]["accepted"] == ["Yuri Gagarin", "Gagarin"]
    assert by_id["leaders"]["extra_matches"] == ["Germany"]
    assert (by_id["moon-landing"]["answer"], by_id["moon-landing"]["unit"]) == (1969, "AD")
    assert by_id["causes"]["grader_note"] == "Alliances, militarism, nationalism."
    assert all(q["tags"] == ["20th-century"] for q in reading.questions)
    assert _noted(reading, "Cloze", "not supported")
    assert _noted(reading, "Years between", "calculated questions are not supported")


def test_an_aiken_file_with_both_option_styles():
    """Three single-choice questions, the lettered answer right."""
    reading, by_id = _read("science.aiken.txt", "aiken")
    assert reading.counts() == {"single_choice": 3}
    assert [q["answer"] for q in reading.questions] == ["Mars", "Au", "Carbon dioxide"]


def test_a_french_excel_spreadsheet():
    """Windows-1252 and semicolons are read; accents survive; the encoding is noted."""
    reading, by_id = _read("tableur.csv", "csv")
    assert reading.counts() == {kind: 1 for kind in (
        "description", "essay", "matching", "multiple_response", "numeric", "ordering",
        "short_answer", "single_choice", "true_false")}
    assert by_id["musees"]["answer"] == ["Le Louvre", "Orsay"]
    assert by_id["hauteur"]["unit"] == "m" and by_id["hauteur"]["tolerance"] == 5
    assert by_id["qui-a-peint-la-joconde"]["accepted"][0] == "Léonard de Vinci"
    assert by_id["decrivez-votre-ville-en-deux-phrases"]["prompt"] == \
        "Décrivez votre ville;\nen deux phrases."
    assert _noted(reading, "read as Windows-1252")
    assert _noted(reading, "'géographie' is kept as 'geographie'")


@pytest.mark.parametrize(("name", "fmt"), [("moodle_course.gift", "aiken"),
                                           ("science.aiken.txt", "moodlexml"),
                                           ("moodle_export.xml", "csv")])
def test_a_file_read_in_the_wrong_format_is_refused_in_words(name, fmt):
    """The wrong format gives a message, never a traceback or a half import."""
    reading = read_file((FILES / name).read_bytes(), fmt, **LIMITS)
    assert reading.errors and not reading.questions
