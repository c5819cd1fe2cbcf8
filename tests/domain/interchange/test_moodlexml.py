"""Moodle XML: every construct read as Moodle reads it, malformed and hostile files refused."""

import pytest

from quizapp.domain.interchange import InterchangeError, moodlexml


def quiz(*questions):
    """Wrap question elements in a <quiz> file."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def q(qtype, body, name="Q1", text="What is it?", fmt="html"):
    """Return one <question> element."""
    return (f'<question type="{qtype}"><name><text>{name}</text></name>'
            f'<questiontext format="{fmt}"><text><![CDATA[{text}]]></text></questiontext>'
            f"{body}</question>")


def ans(fraction, text, feedback=""):
    fb = f"<feedback><text>{feedback}</text></feedback>" if feedback else ""
    return f'<answer fraction="{fraction}"><text>{text}</text>{fb}</answer>'


def only(text):
    """Parse and return the single question and the notes' messages."""
    result = moodlexml.parse(text)
    assert len(result.questions) == 1, result.notes
    return result.questions[0], [n.message for n in result.notes]


def notes(text):
    return " | ".join(n.message for n in moodlexml.parse(text).notes)


def test_single_choice_from_multichoice_single_true():
    item, found = only(quiz(q("multichoice", "<single>true</single>" + ans(100, "Ottawa")
                                + ans(0, "Toronto"))))
    assert item["kind"] == "single_choice"
    assert item["choices"] == ["Ottawa", "Toronto"] and item["answer"] == "Ottawa"
    assert item["evidence"] == [] and found == []


def test_single_choice_partial_and_negative_credit_reported():
    found = notes(quiz(q("multichoice", "<single>true</single>" + ans(100, "A")
                         + ans(50, "B") + ans(-25, "C"))))
    assert "'B', 'C'" in found and "not kept" in found


def test_single_choice_with_two_full_answers_is_reported_not_imported():
    result = moodlexml.parse(quiz(q("multichoice", "<single>true</single>" + ans(100, "A")
                                    + ans(100, "B"))))
    assert result.questions == []
    assert "exactly one answer at 100%" in result.notes[0].message
    assert result.notes[0].line == 3


def test_multiple_response_weights_matching_our_rule_need_no_note():
    item, found = only(quiz(q("multichoice", "<single>false</single>" + ans(50, "A")
                              + ans(50, "B") + ans(-100, "C"))))
    assert item["kind"] == "multiple_response" and item["answer"] == ["A", "B"]
    assert found == []


def test_multiple_response_thirds_as_moodle_writes_them():
    _, found = only(quiz(q("multichoice", "<single>false</single>" + ans(33.33333, "A")
                           + ans(33.33333, "B") + ans(33.33333, "C") + ans(-100, "D"))))
    assert found == []


def test_multiple_response_moodle_weights_differing_are_reported():
    item, found = only(quiz(q("multichoice", "<single>false</single>" + ans(70, "A")
                              + ans(30, "B") + ans(0, "C"))))
    assert item["answer"] == ["A", "B"]
    assert "70%, 30%, 0%" in found[0] and "partial credit rule" in found[0]


def test_multiple_response_where_every_choice_is_right_is_reported():
    result = moodlexml.parse(quiz(q("multichoice", "<single>false</single>" + ans(50, "A")
                                    + ans(50, "B"))))
    assert result.questions == [] and "every choice is right" in result.notes[0].message


@pytest.mark.parametrize("right, expected", [("true", True), ("false", False)])
def test_true_false(right, expected):
    other = "false" if right == "true" else "true"
    item, _ = only(quiz(q("truefalse", ans(100, right) + ans(0, other))))
    assert item["kind"] == "true_false" and item["answer"] is expected


def test_short_answer_full_accepted_zero_refused_partial_and_wildcard_reported():
    result = moodlexml.parse(quiz(q("shortanswer", "<usecase>0</usecase>" + ans(100, "Ottawa")
                                    + ans(100, "Bytown") + ans(50, "Ontario")
                                    + ans(0, "Toronto") + ans(0, "*")
                                    + ans(100, r"5\*"))))
    item = result.questions[0]
    assert item["accepted"] == ["Ottawa", "Bytown", "5*"] and item["refuse"] == ["Toronto"]
    found = " | ".join(n.message for n in result.notes)
    assert "'Ontario' earned 50%" in found and "'*' uses the * wildcard" in found


def test_short_answer_case_sensitivity_reported():
    assert "case-sensitive" in notes(quiz(q("shortanswer", "<usecase>1</usecase>"
                                            + ans(100, "NATO"))))


def test_matching_with_distractor():
    subs = "".join(f'<subquestion format="html"><text>{i}</text><answer><text>{m}</text>'
                   "</answer></subquestion>" for i, m in
                   [("Lu Shaye", "ambassador"), ("Trudeau", "prime minister"), ("", "king")])
    item, _ = only(quiz(q("matching", subs)))
    assert item["pairs"] == [{"item": "Lu Shaye", "match": "ambassador"},
                             {"item": "Trudeau", "match": "prime minister"}]
    assert item["extra_matches"] == ["king"]


def test_numerical_tolerance_unit_and_other_answers():
    body = ('<answer fraction="100"><text>42</text><tolerance>0.5</tolerance></answer>'
            '<answer fraction="50"><text>40</text><tolerance>0</tolerance></answer>'
            "<units><unit><multiplier>1</multiplier><unit_name>km</unit_name></unit>"
            "<unit><multiplier>1000</multiplier><unit_name>m</unit_name></unit></units>")
    result = moodlexml.parse(quiz(q("numerical", body)))
    item = result.questions[0]
    assert (item["answer"], item["tolerance"], item["unit"]) == (42, 0.5, "km")
    found = " | ".join(n.message for n in result.notes)
    assert "1 other answer(s)" in found and "other multipliers" in found


def test_essay_and_description():
    essay = q("essay", "<graderinfo format='html'><text>Look for two causes</text></graderinfo>")
    text = quiz(essay, q("description", "", name="Intro", text="Read the article first."))
    first, second = moodlexml.parse(text).questions
    assert first["kind"] == "essay" and first["grader_note"] == "Look for two causes"
    assert second["kind"] == "description" and second["prompt"] == "Read the article first."
    assert "choices" not in second and "answer" not in second


def test_category_last_level_and_tags_become_tags():
    category = ('<question type="category"><category><text>$course$/top/World News/Canada'
                "</text></category></question>")
    tagged = q("essay", "<tags><tag><text>Diplomacy</text></tag></tags>")
    item, _ = only(quiz(category, tagged))
    assert item["tags"] == ["canada", "diplomacy"]


def test_default_category_gives_the_import_tag():
    category = '<question type="category"><category><text>$course$/top</text></category></question>'
    item, _ = only(quiz(category, q("essay", "")))
    assert item["tags"] == ["imported"]


def test_general_feedback_is_the_explanation_and_html_becomes_text():
    body = ('<generalfeedback format="html"><text><![CDATA[<p>Because <b>Ottawa</b> is '
            "the capital.</p><p>Toronto&nbsp;is larger.</p>]]></text></generalfeedback>")
    result = moodlexml.parse(quiz(q("essay", body, text="<p>Name the<br>capital</p>")))
    item = result.questions[0]
    assert item["prompt"] == "Name the\ncapital"
    assert item["explanation"] == "Because Ottawa is the capital.\n\nToronto is larger."
    assert "formatting lost (b)" in result.notes[0].message


def test_images_files_feedback_and_hints_are_reported():
    body = ("<single>true</single>" + ans(100, "A", "Well done") + ans(0, "B")
            + "<hint><text>Think</text></hint>"
            + "<correctfeedback><text>Yes</text></correctfeedback>")
    text = quiz(q("multichoice", body + '<file name="a.png">AAAA</file>'.join(["", ""]),
                  text='See <img src="@@PLUGINFILE@@/a.png" alt="map">'))
    found = notes(text)
    for expected in ("1 image(s)", "hints", "correctfeedback", "per-answer feedback"):
        assert expected in found


@pytest.mark.parametrize("qtype", ["multianswer", "calculated", "calculatedsimple",
                                   "calculatedmulti", "ddwtos", "gapselect", "random",
                                   "somethingnew"])
def test_unsupported_types_are_reported_by_name_with_their_line(qtype):
    text = quiz(q("essay", ""), q(qtype, "", name="Cloze one"))
    result = moodlexml.parse(text)
    assert len(result.questions) == 1
    assert result.notes[0].line == 4 and "Cloze one" in result.notes[0].message
    assert "not supported" in result.notes[0].message


def test_ids_come_from_names_and_stay_unique():
    result = moodlexml.parse(quiz(q("essay", "", name="Capital city"),
                                  q("essay", "", name="Capital city")))
    assert [i["id"] for i in result.questions] == ["capital-city", "capital-city-2"]


@pytest.mark.parametrize("text, line, column, words", [
    ("<quiz>\n<question type='essay'>\n</quiz>", 3, 3, "mismatched tag"),
    ("<quiz>\n  <question>", 2, 13, "no element found"),
    ("<questions>\n</questions>", 1, 1, "not <quiz>"),
    (quiz(q("multichoice", "<single>true</single>")), 3, 1, "no <answer>"),
    (quiz(q("multichoice", '<single>true</single><answer fraction="half"><text>A</text>'
                           "</answer>")), 3, None, "'half' is not a number"),
    (quiz(q("numerical", ans(100, "forty-two"))), 3, None, "not a number"),
    (quiz(q("essay", "", text="")), 3, 1, "no question text"),
    ("", 1, 1, "no element found"),
])
def test_malformed_files_are_refused_with_line_and_column(text, line, column, words):
    with pytest.raises(InterchangeError) as caught:
        moodlexml.parse(text)
    assert caught.value.line == line and words in caught.value.message
    if column is not None:
        assert caught.value.column == column


BOMB = """<?xml version="1.0"?>
<!DOCTYPE quiz [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<quiz><question type="description"><questiontext><text>&c;</text></questiontext>
</question></quiz>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="description"><questiontext><text>&secret;</text></questiontext>
</question></quiz>"""


@pytest.mark.parametrize("text", [BOMB, EXTERNAL])
def test_entities_and_dtds_are_refused(text):
    with pytest.raises(InterchangeError) as caught:
        moodlexml.parse(text)
    assert "DTD" in caught.value.message and caught.value.line == 2


def test_bom_and_encoding_declaration_are_accepted():
    text = "\ufeff" + quiz(q("essay", "", text="Qué")).replace("UTF-8", "UTF-16")
    assert only(text)[0]["prompt"] == "Qué"


def test_writer_reports_ordering_evidence_and_difficulty():
    items = [
        {"id": "order", "kind": "ordering", "prompt": "Order", "items": ["a", "b", "c"],
         "explanation": "", "tags": ["t"], "difficulty": 2, "evidence": []},
        {"id": "tf", "kind": "true_false", "prompt": "True?", "answer": True,
         "explanation": "", "tags": ["t"], "difficulty": 3,
         "evidence": [{"source": "src", "quote": "a quote -- with dashes"}]},
    ]
    result = moodlexml.write(items)
    assert [(n.question, n.message.split()[0]) for n in result.losses] == [
        ("order", "ordering"), ("tf", "the"), ("tf", "difficulty")]
    assert "<!-- evidence: src:" in result.text and "order" not in result.text
    assert [i["id"] for i in moodlexml.parse(result.text).questions] == ["tf"]


def test_default_for_course_category_gives_no_tag():
    category = ('<question type="category"><category><text>$course$/top/Default for HIST101'
                "</text></category></question>")
    item, _ = only(quiz(category, q("essay", "")))
    assert item["tags"] == ["imported"]


def test_a_mark_other_than_one_is_reported_but_not_for_descriptions():
    text = quiz(q("essay", "<defaultgrade>10.0000000</defaultgrade>"),
                q("description", "<defaultgrade>0</defaultgrade>", name="Intro"))
    result = moodlexml.parse(text)
    assert len(result.questions) == 2
    assert [n.message for n in result.notes] == [
        "the default mark 10.0000000 is not kept: every Quizapp question has one mark"]


@pytest.mark.parametrize("fmt, source, expected", [
    ("html", "Ottawa  is\n the capital &amp; more", "Ottawa is the capital & more"),
    ("moodle_auto_format", "Ottawa &amp; Toronto", "Ottawa & Toronto"),
    ("plain_text", "a <b> &amp; c", "a <b> &amp; c"),
    ("markdown", "**Ottawa** is", "**Ottawa** is"),
    ("html", "<p>Read</p><script>alert(1)</script><style>p{}</style><ul><li>one</li></ul>",
     "Read\n\none"),
])
def test_question_text_formats(fmt, source, expected):
    text = quiz(q("essay", "", text=source, fmt=fmt))
    assert only(text)[0]["prompt"] == expected


@pytest.mark.parametrize("single, kind", [
    ("", "multiple_response"), ("false", "multiple_response"), ("0", "multiple_response"),
    ("true", "single_choice"), ("1", "single_choice"), (None, "single_choice")])
def test_single_element_read_as_moodle_reads_it(single, kind):
    element = "" if single is None else f"<single>{single}</single>"
    item, _ = only(quiz(q("multichoice", element + ans(100, "A") + ans(0, "B"))))
    assert item["kind"] == kind


def test_true_false_answers_that_are_neither_are_read_by_position():
    result = moodlexml.parse(quiz(q("truefalse", ans(0, "Vrai") + ans(100, "Faux"))))
    assert result.questions[0]["answer"] is False
    assert "read as true by its position" in result.notes[0].message
