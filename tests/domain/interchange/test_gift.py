"""Moodle GIFT: every construct and escape read as Moodle reads it, and written back."""

import pytest

from quizapp.domain.interchange import InterchangeError, gift
from quizapp.domain.kinds import KINDS


def only(text):
    """Parse text holding one question and return it with its notes."""
    result = gift.parse(text)
    assert len(result.questions) == 1, result.questions
    return result.questions[0], [n.message for n in result.notes]


def fields(item):
    """Return the kind's own fields of a question dict."""
    common = {"id", "kind", "prompt", "explanation", "tags", "difficulty", "evidence"}
    return {k: v for k, v in item.items() if k not in common}


KIND_TABLE = [
    # (GIFT, kind, the kind's fields)
    ("Capital of Peru? {=Lima ~Cusco ~Quito}", "single_choice",
     {"choices": ["Lima", "Cusco", "Quito"], "answer": "Lima"}),
    ("Capital of Peru? {~Cusco =Lima ~Quito}", "single_choice",
     {"choices": ["Cusco", "Lima", "Quito"], "answer": "Lima"}),
    ("Capital of Peru?\n{\n=Lima\n~Cusco\n~Quito\n}", "single_choice",
     {"choices": ["Lima", "Cusco", "Quito"], "answer": "Lima"}),
    ("Capital of Peru? {~%100%Lima ~Cusco ~%0%Quito}", "single_choice",
     {"choices": ["Lima", "Cusco", "Quito"], "answer": "Lima"}),
    ("Odd numbers? {~%50%1 ~%50%3 ~%-100%4}", "multiple_response",
     {"choices": ["1", "3", "4"], "answer": ["1", "3"]}),
    ("Odd numbers? {~%33.33333%1 ~%33.33333%3 ~%33.33333%5 ~%-50%4 ~%-50%6}",
     "multiple_response", {"choices": ["1", "3", "5", "4", "6"], "answer": ["1", "3", "5"]}),
    ("Water boils at 100 C at sea level. {T}", "true_false", {"answer": True}),
    ("Water boils at 100 C at sea level. {TRUE}", "true_false", {"answer": True}),
    ("Water boils at 10 C at sea level. {F}", "true_false", {"answer": False}),
    ("Water boils at 10 C at sea level. {FALSE}", "true_false", {"answer": False}),
    # Moodle takes only capitals as true/false: anything else is a short answer.
    ("Spell the word. {false}", "short_answer", {"accepted": ["false"]}),
    ("Spell the word. {t}", "short_answer", {"accepted": ["t"]}),
    ("Who wrote Dubliners? {=James Joyce =Joyce}", "short_answer",
     {"accepted": ["James Joyce", "Joyce"]}),
    ("Who wrote Dubliners? {James Joyce}", "short_answer", {"accepted": ["James Joyce"]}),
    ("Who wrote Dubliners? {=Joyce =%0%Yeats}", "short_answer",
     {"accepted": ["Joyce"], "refuse": ["Yeats"]}),
    ("Match the capitals. {=Peru -> Lima =Chile -> Santiago =Ghana -> Accra}", "matching",
     {"pairs": [{"item": "Peru", "match": "Lima"}, {"item": "Chile", "match": "Santiago"},
                {"item": "Ghana", "match": "Accra"}]}),
    ("Match the capitals. {=Peru -> Lima =Chile -> Santiago = -> Quito}", "matching",
     {"pairs": [{"item": "Peru", "match": "Lima"}, {"item": "Chile", "match": "Santiago"}],
      "extra_matches": ["Quito"]}),
    ("Pi to two places? {#3.14}", "numeric", {"answer": 3.14}),
    ("Pi to two places? {#3.14:0.005}", "numeric", {"answer": 3.14, "tolerance": 0.005}),
    ("Dozen? {#12}", "numeric", {"answer": 12}),
    ("Below zero? {#-4:1}", "numeric", {"answer": -4, "tolerance": 1}),
    ("Between? {#1..3}", "numeric", {"answer": 2.0, "tolerance": 1.0}),
    ("Big? {#1e3}", "numeric", {"answer": 1000.0}),
    ("Pi? {#=3.14:0.01}", "numeric", {"answer": 3.14, "tolerance": 0.01}),
    ("Tell us about your summer. {}", "essay", {}),
    ("Read the passage below before the next questions.", "description", {}),
]


@pytest.mark.parametrize(("text", "kind", "expected"), KIND_TABLE)
def test_each_construct_becomes_its_kind(text, kind, expected):
    item, _ = only(text)
    assert item["kind"] == kind
    assert fields(item) == expected
    assert item["evidence"] == []
    if kind in KINDS:
        assert KINDS[kind].check(item) == []


@pytest.mark.parametrize(("text", "prompt"), [
    (r"A \{brace\} and \}? {T}", "A {brace} and }?"),
    (r"Equal \= and tilde \~? {T}", "Equal = and tilde ~?"),
    (r"Hash \# and colon \:? {T}", "Hash # and colon :?"),
    (r"Backslash \\ here? {T}", "Backslash \\ here?"),
    (r"Two\nlines? {T}", "Two\nlines?"),
    (r"A \d stays? {T}", "A \\d stays?"),
    (r"Backslash before n \\n? {T}", "Backslash before n \\n?"),
])
def test_escapes_in_the_prompt(text, prompt):
    item, _ = only(text)
    assert item["prompt"] == prompt


def test_escapes_in_answers_are_text_not_markers():
    item, _ = only(r"Which? {=1 \= 1 ~2 \~ 3 ~a \# b ~\{x\} ~c\:d}")
    assert item["choices"] == ["1 = 1", "2 ~ 3", "a # b", "{x}", "c:d"]
    assert item["answer"] == "1 = 1"


def test_title_becomes_the_id_and_is_not_in_the_prompt():
    item, _ = only("::Peru Capital::Capital of Peru? {=Lima ~Quito}")
    assert item["id"] == "peru-capital"
    assert item["prompt"] == "Capital of Peru?"


def test_ids_are_made_from_prompts_and_unique():
    result = gift.parse("Same? {T}\n\nSame? {F}\n\n::Same::Other {T}")
    assert [q["id"] for q in result.questions] == ["same", "same-2", "same-3"]


def test_categories_become_the_tag_of_the_questions_after_them():
    result = gift.parse("First? {T}\n\n$CATEGORY: $course$/top/World Capitals\n\n"
                        "Lima? {T}\n\n$CATEGORY: Rivers/Long ones\nNile? {T}")
    assert [q["tags"] for q in result.questions] == [["imported"], ["world-capitals"],
                                                      ["long-ones"]]


def test_tags_in_comments_join_the_category_tag():
    result = gift.parse("// [tag:Lima] and [tag:rivers]\nLima? {T}\n\n$CATEGORY: Peru\n\n"
                        "// [tag:rivers] [id:r1]\nRimac? {T}\n\n// [tag:lost]\n\nNext? {T}")
    assert [q["tags"] for q in result.questions] == [["lima", "rivers"], ["peru", "rivers"],
                                                      ["peru"]]


def test_comments_and_blank_lines_separate_nothing_but_questions():
    text = "// a file comment\n\n// before\nFirst? {\n// inside\n=a ~b}\n\n\n\nSecond? {F}\n"
    result = gift.parse(text)
    assert [q["prompt"] for q in result.questions] == ["First?", "Second?"]
    assert result.questions[0]["choices"] == ["a", "b"]


def test_general_feedback_is_the_explanation():
    item, _ = only("Lima? {T ####Lima has been the capital since 1535.}")
    assert item["explanation"] == "Lima has been the capital since 1535."
    essay, _ = only("Describe Lima. {####Look for the river and the coast.}")
    assert essay["kind"] == "essay"
    assert essay["explanation"] == "Look for the river and the coast."


def test_per_answer_feedback_is_reported_not_kept():
    item, notes = only("Lima? {=Lima#Right. ~Quito#That is Ecuador.}")
    assert item["choices"] == ["Lima", "Quito"]
    assert notes == ["per-answer feedback is not kept"]
    item, notes = only("Lima is in Peru. {T#No, it is.#Yes.}")
    assert item["answer"] is True
    assert notes == ["per-answer feedback is not kept"]


def test_empty_feedback_as_moodle_exports_it_is_not_reported():
    for text in ("Lima? {=Lima# ~Quito#}", "Lima? {TRUE##}", "Who? {=%100%Joyce#}",
                 "Pi? {#=%100%3.14:0.01#}"):
        assert only(text)[1] == [], text


def test_missing_word_keeps_the_text_around_a_blank():
    item, _ = only("Lima is the {=capital ~port} of Peru.")
    assert item["prompt"] == "Lima is the _____ of Peru."
    assert item["kind"] == "single_choice"


@pytest.mark.parametrize(("text", "prompt", "kind"), [
    ("[html]<p>Is <b>Lima</b> &amp; Quito far?</p>{T}", "Is Lima & Quito far?", "true_false"),
    ("::t::[html]<p>Read this.</p>", "Read this.", "description"),
])
def test_html_is_removed_and_reported(text, prompt, kind):
    item, notes = only(text)
    assert (item["prompt"], item["kind"]) == (prompt, kind)
    assert any("HTML" in n for n in notes)


def test_answers_and_feedback_may_name_their_own_format():
    item, notes = only("Lima? {=[html]<b>Lima</b> ~[plain]<b>Quito ####[html]<i>Yes</i>}")
    assert item["choices"] == ["Lima", "<b>Quito"]
    assert item["explanation"] == "Yes"
    assert any("HTML" in n for n in notes)


def test_texts_that_start_like_a_format_survive_a_round_trip():
    item = bank("single_choice", choices=["[html]<b>", "[plain]x"], answer="[plain]x",
                prompt="[markdown] *a*", explanation="[moodle]")
    item["tags"] = ["science"]
    assert gift.parse(gift.write([item]).text).questions == [item]


def test_plain_and_moodle_formats_are_dropped_and_markdown_is_reported():
    assert only("[plain]Is <b> text? {T}")[0]["prompt"] == "Is <b> text?"
    assert only("[moodle]Lima? {T}")[0]["prompt"] == "Lima?"
    item, notes = only("[markdown]Is **Lima** big? {T}")
    assert item["prompt"] == "Is **Lima** big?"
    assert notes == ["Markdown is kept as plain text, not rendered"]


@pytest.mark.parametrize(("text", "says"), [
    ("Lima? {=Lima ~%50%Lim ~Quito}", "Moodle gives 100% for it and 'Lim' (50%)"),
    ("Lima? {=Lima ~%-50%Quito}", "'Quito' (-50%)"),
    ("Odd? {~%50%1 ~%50%3 ~4}", "Moodle's weights were 50%, 50%, 0%"),
    ("Odd? {~%70%1 ~%30%3 ~%-100%4}", "Moodle's weights were 70%, 30%, -100%"),
    ("Who? {=Joyce =%50%Yeats}", "'Yeats' earns 50% in Moodle; here it is not accepted"),
    ("Who? {=Jo*}", "* is a wildcard in Moodle"),
    ("Pi? {#=3.14:0.01 =%50%3:0.5}", "Moodle gives 100% for it and 3 ± 0.5 (50%)"),
    ("Pi? {#%50%3.14}", "Moodle gives 50% for it"),
])
def test_weights_the_kinds_cannot_score_are_reported(text, says):
    _, notes = only(text)
    assert any(says in n for n in notes), notes


def test_a_weighted_multiple_choice_keeps_only_its_positive_weights_as_right():
    item, _ = only("Odd? {~%70%1 ~%30%3 ~%-100%4 ~5}")
    assert item["kind"] == "multiple_response"
    assert item["answer"] == ["1", "3"]


def test_multiple_numeric_answers_keep_the_best():
    item, _ = only("Pi? {#=%50%3:0.5 =3.14:0.01 =%100%22}")
    assert (item["answer"], item["tolerance"]) == (3.14, 0.01)


@pytest.mark.parametrize("text", [
    "None right? {~%0%a ~%-50%b}",
    "All right? {~%50%a ~%50%b}",
    "Partial only? {=%50%Joyce}",
])
def test_questions_no_kind_can_express_are_reported_and_left_out(text):
    result = gift.parse(text + "\n\nKept? {T}")
    assert [q["prompt"] for q in result.questions] == ["Kept?"]
    assert result.notes[0].line == 1
    assert result.notes[0].message.startswith("not imported")


def test_notes_carry_the_line_of_their_question():
    result = gift.parse("First? {T}\n\n\nLima? {=Lima#yes ~Quito}")
    assert [(n.line, n.question) for n in result.notes] == [(4, "lima")]


@pytest.mark.parametrize(("text", "line", "column", "says"), [
    ("First? {T}\n\nLima? {=Lima ~Quito", 3, 7, "no closing }"),
    ("Lima? }=Lima{", 1, 7, "unbalanced braces"),
    ("Lima? =Lima}", 1, 12, "unbalanced braces"),
    ("Pi? {#three}", 1, 7, "'three' is not a number"),
    ("Pi? {#3:-1}", 1, 9, "tolerance cannot be negative"),
    ("Pi? {#3..1}", 1, 7, "lower number to the higher"),
    ("Pi? {#1e999}", 1, 7, "too large"),
    ("Match {=a -> b =c}", 1, 17, "needs -> between"),
    ("Match {=a -> b =c -> }", 1, 19, "no match after ->"),
    ("Pick {=a}x {T}", 1, 6, None),
    ("Pick {=a ~ ~c}", 1, 11, "an answer is empty"),
    ("Pick {=a ~%500%c}", 1, 11, "between -100% and 100%"),
    ("{T}", 1, 1, "no text"),
    ("\\n {T}", 1, 1, "no text"),
    ("Pick {=\\n ~b}", 1, 8, "an answer is empty"),
    ("\n\n  Pi? {#x}", 3, 9, "'x' is not a number"),
])
def test_malformed_questions_name_line_and_column(text, line, column, says):
    if says is None:  # well formed after all: the row checks it is not refused
        assert gift.parse(text).questions
        return
    with pytest.raises(InterchangeError) as caught:
        gift.parse(text)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert says in str(caught.value)
    assert str(caught.value).startswith(f"line {line}, column {column}: ")


def test_a_bad_question_anywhere_imports_nothing():
    with pytest.raises(InterchangeError):
        gift.parse("Good? {T}\n\nAlso good? {F}\n\nBad? {#x}")


def test_a_byte_order_mark_and_windows_line_ends_are_read():
    result = gift.parse("\ufeffLima?\r\n{=Lima ~Quito}\r\n\r\nNext? {T}\r\n")
    assert [q["prompt"] for q in result.questions] == ["Lima?", "Next?"]


def test_text_after_the_answers_with_more_braces_is_reported():
    item, notes = only("Lima {=a ~b} and {=c ~d}")
    assert item["prompt"] == "Lima _____ and {=c ~d}"
    assert any("only the first { } block" in n for n in notes)


# ------------------------------------------------------------------ writing


def bank(kind, **kind_fields):
    """Return a bank question of `kind` with the common fields an author would give."""
    return {"id": f"q-{kind.replace('_', '-')}", "kind": kind, "prompt": f"A {kind}?",
            "explanation": "Because.", "tags": ["science"], "difficulty": 2,
            "evidence": [], **kind_fields}


def test_writer_output_for_each_kind():
    questions = [
        bank("single_choice", choices=["a", "b"], answer="b"),
        bank("multiple_response", choices=["a", "b", "c"], answer=["a", "b"]),
        bank("true_false", answer=False),
        bank("short_answer", accepted=["x y"], refuse=["z"]),
        bank("matching", pairs=[{"item": "a", "match": "1"}, {"item": "b", "match": "2"}],
             extra_matches=["3"]),
        bank("numeric", answer=2.5, tolerance=0.5),
        bank("essay"),
    ]
    text = gift.write(questions).text
    assert text.rstrip("\n").split("\n\n") == [
        "$CATEGORY: $course$/top/science",
        "::q-single-choice::A single_choice? {~a =b ####Because.}",
        "::q-multiple-response::A multiple_response? {~%50%a ~%50%b ~%-100%c ####Because.}",
        "::q-true-false::A true_false? {FALSE ####Because.}",
        "::q-short-answer::A short_answer? {=x y =%0%z ####Because.}",
        "::q-matching::A matching? {=a -> 1 =b -> 2 = -> 3 ####Because.}",
        "::q-numeric::A numeric? {#2.5:0.5 ####Because.}",
        "::q-essay::A essay? { ####Because.}",
    ]


def test_writer_escapes_every_special_character():
    item = bank("true_false", answer=True, prompt="a~b=c#d{e}f:g\\h\ni", explanation="")
    text = gift.write([item]).text
    assert "::a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni {TRUE}" in text


def test_writer_reports_what_gift_cannot_carry():
    items = [
        {**bank("numeric", answer=3, unit="km"), "difficulty": 3, "tags": ["a", "b"],
         "evidence": [{"source": "s", "quote": "a quote long enough"}]},
        bank("ordering", items=["a", "b", "c"]),
        {**bank("essay"), "grader_note": "Look for two causes."},
        bank("description"),
    ]
    result = gift.write(items)
    lost = [(n.question, n.message.split(":")[0]) for n in result.losses]
    assert lost == [
        ("q-numeric", "evidence is not exported"),
        ("q-numeric", "difficulty 3 is not exported"),
        ("q-numeric", "the unit 'km' is not exported"),
        ("q-ordering", "not exported"),
        ("q-essay", "the grader note is not exported"),
        ("q-description", "the explanation is not exported"),
    ]
    assert "ordering" not in result.text


def test_tags_after_the_first_are_written_as_comment_tags():
    item = {**bank("true_false", answer=True), "tags": ["peru", "rivers", "lima"]}
    result = gift.write([item])
    assert "// [tag:rivers] [tag:lima]\n::q-true-false::" in result.text
    assert result.losses == []
    assert gift.parse(result.text).questions[0]["tags"] == ["peru", "rivers", "lima"]


def test_a_lossless_export_reports_nothing():
    assert gift.write([bank("true_false", answer=True)]).losses == []


def test_moodle_reads_on_where_the_rules_are_vague():
    item, notes = only("::No end to the title {T}")
    assert item["prompt"] == "No end to the title"
    assert notes == ["the title has no closing ::, so the text is read without a title"]
    item, _ = only("Pick {a ~b =c}")  # text before the first marker is a wrong choice
    assert (item["choices"], item["answer"]) == (["a", "b", "c"], "c")
    item, _ = only("Match {a -> 1 =b -> 2}")
    assert item["pairs"] == [{"item": "a", "match": "1"}, {"item": "b", "match": "2"}]
    item, _ = only("Lima? {=%50%Lima ~Quito}")  # after =, Moodle reads no weight
    assert item["answer"] == "%50%Lima"
    item, _ = only("Lima? {T ####first #### last}")  # the last #### starts the feedback
    assert item["explanation"] == "last"
    item, _ = only("Lima{=is ~was}the capital.")
    assert item["prompt"] == "Lima_____the capital."


def test_numeric_wildcards_and_wrong_answer_feedback_are_reported():
    item, notes = only("Pi? {#=3.14:0.01 =%20%* ~#Not quite.}")
    assert (item["answer"], item["tolerance"]) == (3.14, 0.01)
    assert any("the answer * (any number, 20%) is not kept" in n for n in notes)
    assert "the feedback for wrong answers is not kept" in notes
    result = gift.parse("Anything? {#*}")
    assert result.questions == []
    assert result.notes[0].message == "not imported: the question has no numeric answer"


TEACHER_FILE = r"""// Exported from a Year 9 geography course
$CATEGORY: $course$/top/Year 9/South America

::Peru capital::[html]<p>What is the capital of <b>Peru</b>?</p>{
    =Lima#Right.
    ~Cusco#The old Inca capital.
    ~Quito#That is Ecuador.
    ####<p>Lima has been the capital since 1535.</p>
}

::Andes::The Andes run along the west coast of South America.{TRUE####They do.}

::Rivers::Which rivers flow into the Amazon? {
    ~%50%Madeira
    ~%50%Negro
    ~%-100%Orinoco
    ####The Orinoco drains to the Caribbean.
}

::Peru neighbour::Name a country that borders Peru. {=Chile =Brazil =Bolivia =%0%Argentina
####Five countries border Peru.}

::Peaks::Match each peak to its country. {
    =Aconcagua -> Argentina
    =Huascarán -> Peru
    =Chimborazo -> Ecuador
    ####Aconcagua is the highest.
}

::Titicaca::How high is Lake Titicaca, in metres? {#3812:50####About 3,800 m.}
"""


def test_a_teacher_file_passes_the_loaders_field_and_kind_checks():
    from quizapp.domain.bankschema import QUESTION, check_kind_data, read_fields

    result = gift.parse(TEACHER_FILE)
    assert result.counts() == {"single_choice": 1, "true_false": 1, "multiple_response": 1,
                               "short_answer": 1, "matching": 1, "numeric": 1}
    for item in result.questions:
        kind = KINDS[item["kind"]]
        own = {k: v for k, v in item.items() if k in kind.fields}
        _, problems = read_fields(QUESTION, item, skip=kind.fields)
        assert problems == [], item["id"]
        assert check_kind_data(own) == []
        assert kind.check(item) == []
        assert item["tags"] == ["south-america"]
    assert result.questions[0]["prompt"] == "What is the capital of Peru?"
    assert result.questions[0]["explanation"] == "Lima has been the capital since 1535."
