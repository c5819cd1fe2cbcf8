"""The bundled bank's short answers accept what a class types, and nothing else."""

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizapp.domain import textmatch
from quizapp.domain.kinds import get_kind

SHORT = get_kind("short_answer")
README = Path(__file__).parents[2] / "questions" / "README.md"

RIGHT = [
    ("cty-more-open-view", "More open."),
    ("cty-more-open-view", "a more open view"),
    ("rtr-freeland-continental", "Continental"),
    ("rtr-freeland-continental", "continetal"),
    ("rtr-freeland-continental", "continental telecommunications"),
    ("sil-reclusive-founder", "Reclusive"),
    ("sil-reclusive-founder", "reclusve"),
    ("spk-mnuchin-humanitarian", "Humanitarian"),
    ("spk-mnuchin-humanitarian", "humanitarion issues"),
    ("media-characterising-adjective", "Reclusive"),
    ("media-characterising-adjective", "the reclusive"),
    ("media-date-silicon-from-clues", "january 2019"),
    ("media-date-silicon-from-clues", "Janury"),
    ("rtr-bains-broadcaster", "the Canadian Broadcasting Corporation"),
    ("rtr-bains-broadcaster", "CBC"),
    ("rtr-bains-broadcaster", "C.B.C."),
    ("rtr-bains-broadcaster", "the cbc"),
    ("rtr-bains-broadcaster", "Canadian Broadcasting Corp."),
    ("rtr-bains-broadcaster", "Canadian Broadcasting Company"),
    ("rtr-bains-broadcaster", "CBC News"),
    ("rtr-bains-broadcaster", "canadian broadcasting coporation"),
    ("rtr-bains-broadcaster", "CBC (Canadian Broadcasting Corporation)"),
    ("scmp-pla-design", "the PLA"),
    ("scmp-pla-design", "PLA"),
    ("scmp-pla-design", "People's Liberation Army"),
    ("scmp-pla-design", "the Peoples Liberation Army"),
    ("scmp-pla-design", "Chinese People's Liberation Army"),
    ("scmp-pla-design", "People's Liberation Army (PLA)"),
    ("scmp-pla-design", "the Chinese military"),
    ("scmp-pla-design", "China's military"),
    ("scmp-pla-design", "the army"),
    ("scmp-pla-design", "the millitary"),
    ("scmp-pla-design", "peoples liberaton army"),
    ("sil-meng-deputy-chair", "Deputy Chairman"),
    ("sil-meng-deputy-chair", "deputy chair"),
    ("sil-meng-deputy-chair", "Deputy Chairwoman"),
    ("sil-meng-deputy-chair", "deputy-chairman"),
    ("sil-meng-deputy-chair", "vice chair"),
    ("sil-meng-deputy-chair", "vice-chairwoman"),
    ("sil-meng-deputy-chair", "the deputy chairperson"),
    ("sil-meng-deputy-chair", "deputy chiar"),
    ("sil-schellenberg-sentence", "capital punishment"),
    ("sil-schellenberg-sentence", "death"),
    ("sil-schellenberg-sentence", "the death penalty"),
    ("sil-schellenberg-sentence", "a death sentence"),
    ("sil-schellenberg-sentence", "Sentenced to death"),
    ("sil-schellenberg-sentence", "execution"),
    ("sil-schellenberg-sentence", "to be executed"),
    ("sil-schellenberg-sentence", "death penatly"),
    ("start-phase-one-name", "the Phase One deal"),
    ("start-phase-one-name", "Phase One"),
    ("start-phase-one-name", "Phase 1"),
    ("start-phase-one-name", "phase 1 trade deal"),
    ("start-phase-one-name", "the phase one trade agreement"),
    ("start-phase-one-name", "Phase I"),
    ("start-phase-one-name", "phase one agreemnt"),
    ("start-five-eyes-name", "Five Eyes"),
    ("start-five-eyes-name", "5 Eyes"),
    ("start-five-eyes-name", "the five-eyes alliance"),
    ("start-five-eyes-name", "FVEY"),
    ("start-five-eyes-name", "Five Eyes aliance"),
    ("start-iran-sanctions", "Iran"),
    ("start-iran-sanctions", "IRAN"),
    ("start-iran-sanctions", "the Islamic Republic of Iran"),
    ("spk-mnuchin-department", "Treasury"),
    ("spk-mnuchin-department", "the Treasury Department"),
    ("spk-mnuchin-department", "Department of the Treasury"),
    ("spk-mnuchin-department", "the US Treasury"),
    ("spk-mnuchin-department", "Tresury"),
    ("spk-mnuchin-department", "Secretary of the Treasury"),
    ("spk-bains-protects-canadians", "Canadians"),
    ("spk-bains-protects-canadians", "the Canadian people"),
    ("spk-bains-protects-canadians", "all Canadians"),
    ("spk-bains-protects-canadians", "Canadian citizens"),
    ("spk-bains-protects-canadians", "canadains"),
    ("spk-copyright-protection", "copyright"),
    ("spk-copyright-protection", "copy-right"),
    ("spk-copyright-protection", "copywrite"),
    ("spk-copyright-protection", "copyrights"),
    ("wsw-bullied", "Bains"),
    ("wsw-bullied", "Navdeep Bains"),
    ("wsw-bullied", "Minister Bains"),
    ("wsw-bullied", "Mr Bains"),
    ("wsw-bullied", "Navdeep Baines"),
    ("wsw-bullied", "Innovation Minister Navdeep Bains"),
    ("crit-ren-title", "president"),
    ("crit-ren-title", "President"),
    ("crit-ren-title", "the president"),
    ("crit-ren-title", "presdent"),
    ("crit-ren-title", "President of Huawei"),
    ("bbc-goodale-incoherent", "incoherent"),
    ("bbc-goodale-incoherent", "Incoherant"),
    ("bbc-goodale-incoherent", "'incoherent'"),
    ("bbc-new-home", "a new home"),
    ("bbc-new-home", "new home"),
    ("bbc-new-home", "a new country"),
    ("bbc-cheng-global-leader", "hardware"),
    ("bbc-cheng-global-leader", "harware"),
    ("cty-germany-officials", "Germany"),
    ("cty-germany-officials", "Germnay"),
    ("cty-germany-officials", "Deutschland"),
    ("sil-consequences", "consequences"),
    ("sil-consequences", "consiquences"),
    ("sil-frosty-relationship", "frosty"),
    ("sil-frosty-relationship", "already frosty"),
    ("crit-trump-tweet-currently", "currently"),
    ("crit-trump-tweet-currently", "currenty"),
    ("rtr-bains-influenced", "influenced"),
    ("rtr-bains-influenced", "influnced"),
    ("scmp-trump-competition", "competition"),
    ("scmp-trump-competition", "competiton"),
    ("scmp-spark-request", "Spark"),
    ("scmp-spark-request", "Spark NZ"),
    ("scmp-spark-request", "Spark New Zealand"),
]

WRONG = [
    ("cty-more-open-view", "more closed"),
    ("cty-more-open-view", "hostile"),
    ("rtr-freeland-continental", "international"),
    ("rtr-freeland-continental", "national"),
    ("sil-reclusive-founder", "exclusive"),
    ("sil-reclusive-founder", "secretive"),
    ("spk-mnuchin-humanitarian", "human rights"),
    ("spk-mnuchin-humanitarian", "economic"),
    ("media-characterising-adjective", "exclusive"),
    ("media-date-silicon-from-clues", "February"),
    ("media-date-silicon-from-clues", "June 2019"),
    ("rtr-bains-broadcaster", "CBS"),
    ("rtr-bains-broadcaster", "CTV"),
    ("rtr-bains-broadcaster", "BBC"),
    ("rtr-bains-broadcaster", "Canadian"),
    ("rtr-bains-broadcaster", "Reuters"),
    ("scmp-pla-design", "the Chinese government"),
    ("scmp-pla-design", "the Communist Party"),
    ("scmp-pla-design", "CCP"),
    ("scmp-pla-design", "PAL"),
    ("scmp-pla-design", "the navy"),
    ("sil-meng-deputy-chair", "chairman"),
    ("sil-meng-deputy-chair", "chairwoman"),
    ("sil-meng-deputy-chair", "founder"),
    ("sil-meng-deputy-chair", "chief executive"),
    ("sil-schellenberg-sentence", "life"),
    ("sil-schellenberg-sentence", "life sentence"),
    ("sil-schellenberg-sentence", "prison"),
    ("sil-schellenberg-sentence", "15 years"),
    ("start-phase-one-name", "Phase Two"),
    ("start-phase-one-name", "Phase 2"),
    ("start-phase-one-name", "NAFTA"),
    ("start-five-eyes-name", "Four Eyes"),
    ("start-five-eyes-name", "Nine Eyes"),
    ("start-five-eyes-name", "NATO"),
    ("start-iran-sanctions", "Iraq"),
    ("start-iran-sanctions", "Irak"),
    ("start-iran-sanctions", "North Korea"),
    ("spk-mnuchin-department", "State"),
    ("spk-mnuchin-department", "Secretary of State"),
    ("spk-mnuchin-department", "Commerce"),
    ("spk-bains-protects-canadians", "Americans"),
    ("spk-bains-protects-canadians", "Huawei"),
    ("spk-copyright-protection", "data"),
    ("spk-copyright-protection", "privacy"),
    ("wsw-bullied", "Goodale"),
    ("wsw-bullied", "Ralph Goodale"),
    ("wsw-bullied", "Trudeau"),
    ("crit-ren-title", "CEO"),
    ("crit-ren-title", "vice president"),
    ("crit-ren-title", "founder"),
    ("crit-ren-title", "chairman"),
    ("bbc-goodale-incoherent", "coherent"),
    ("bbc-goodale-incoherent", "unacceptable"),
    ("bbc-cheng-global-leader", "software"),
    ("cty-germany-officials", "France"),
    ("sil-frosty-relationship", "warm"),
    ("sil-frosty-relationship", "icy"),
    ("sil-consequences", "sanctions"),
    ("sil-consequences", "repercussions"),
    ("crit-trump-tweet-currently", "more"),
    ("bbc-new-home", "a new CEO"),
    ("bbc-new-home", "new markets"),
    ("rtr-bains-influenced", "intimidated"),
    ("rtr-bains-influenced", "bullied"),
    ("scmp-trump-competition", "blocking"),
    ("scmp-spark-request", "Vodafone"),
    ("scmp-spark-request", "Huawei"),
]


@pytest.fixture(scope="module")
def by_id(bundled_bank):
    """Return the bundled bank's short-answer questions by id."""
    return {q.id: q for q in bundled_bank.questions() if q.kind == "short_answer"}


@pytest.mark.parametrize(("qid", "typed"), RIGHT)
def test_what_a_class_types_rightly_scores(by_id, qid, typed):
    """Abbreviations, expansions, titles, articles, numbers and misspellings score 1."""
    assert SHORT.score(by_id[qid].data, typed) == 1.0


@pytest.mark.parametrize(("qid", "typed"), WRONG)
def test_what_a_class_types_wrongly_scores_nothing(by_id, qid, typed):
    """Near misses, the other country, the other person or the other title score 0."""
    assert SHORT.score(by_id[qid].data, typed) == 0.0


def test_the_table_covers_every_short_answer(by_id):
    """Every short-answer question is tried with a right answer and a wrong one."""
    assert {q for q, _ in RIGHT} == set(by_id)
    assert {q for q, _ in WRONG} == set(by_id)


def test_every_listed_answer_scores_as_listed(by_id):
    """Each accepted answer scores 1 and each refused answer 0 on its own question."""
    for question in by_id.values():
        for answer in question.data["accepted"]:
            assert SHORT.score(question.data, answer) == 1.0, (question.id, answer)
        for answer in question.data.get("refuse", []):
            assert SHORT.score(question.data, answer) == 0.0, (question.id, answer)


def _documented_examples():
    section = README.read_text("utf-8").split("### How short answers match")[1]
    rows = [[cell.strip() for cell in line.strip("|").split("|")]
            for line in section.splitlines() if re.search(r"\| (right|wrong) \|$", line)]
    return [(typed, accepted, [refused] if refused else [], result == "right")
            for typed, accepted, refused, result in rows]


def test_the_readme_has_examples():
    """The documented examples are there to check."""
    assert len(_documented_examples()) >= 15


@pytest.mark.parametrize(("typed", "accepted", "refused", "right"), _documented_examples())
def test_the_documented_examples_hold(typed, accepted, refused, right):
    """Every example in questions/README.md scores as it says."""
    assert textmatch.judge(typed, [accepted], refused) is right


def _short_answers_of_quizzes(bank):
    sets = {s.id: s for s in bank.sets}
    for quiz in bank.quizzes:
        pool = [q for s in quiz.sets for q in sets[s].questions if q.kind == "short_answer"
                and (not quiz.tags or set(quiz.tags) & set(q.tags))]
        yield quiz.id, pool


def _same_answer(typed, question):
    return any(textmatch.same(typed, a) for a in question.data["accepted"])


def test_no_answer_of_one_question_is_a_typo_of_another_questions_key(bundled_bank):
    """In one ready quiz, no listed answer is a typo away from another question's answer."""
    clashes = []
    for quiz_id, pool in _short_answers_of_quizzes(bundled_bank):
        for one, other in itertools.permutations(pool, 2):
            for answer in one.data["accepted"]:
                if SHORT.score(other.data, answer) and not _same_answer(answer, other):
                    clashes.append((quiz_id, one.id, answer, other.id))
    assert clashes == []


def _one_edit(text, position, letter, operation):
    position %= len(text) + 1
    if operation == "drop":
        return text[:position] + text[position + 1:]
    if operation == "add":
        return text[:position] + letter + text[position:]
    if operation == "swap":
        return text[:position] + text[position + 1:position + 2] + text[position:position + 1] \
            + text[position + 2:]
    return text[:position] + letter + text[position + 1:]


@pytest.fixture(scope="module")
def quiz_pairs(bundled_bank):
    """Return every (question, other question) pair of short answers sharing a ready quiz."""
    pairs = {(one.id, other.id): (one, other)
             for _, pool in _short_answers_of_quizzes(bundled_bank)
             for one, other in itertools.permutations(pool, 2)}
    return sorted(pairs.values(), key=lambda p: (p[0].id, p[1].id))


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_typo_of_one_answer_is_never_right_for_another_question(quiz_pairs, data):
    """A typo of one question's answer never scores on another question of the same quiz."""
    one, other = data.draw(st.sampled_from(quiz_pairs))
    answer = data.draw(st.sampled_from(one.data["accepted"]))
    typed = _one_edit(answer, data.draw(st.integers(0, 200)),
                      data.draw(st.sampled_from("aeiklnorstuy")),
                      data.draw(st.sampled_from(["drop", "add", "swap", "change"])))
    if SHORT.score(one.data, typed) and not _same_answer(typed, other):
        assert SHORT.score(other.data, typed) == 0.0, (one.id, typed, other.id)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_short_keys_never_take_a_typo(by_id, data):
    """An accepted answer of under five letters scores only when typed exactly."""
    short = sorted((q.id, a) for q in by_id.values() for a in q.data["accepted"]
                   if len(textmatch.normalise(a).replace(" ", "")) < textmatch.TYPO_MIN_LENGTH)
    qid, answer = data.draw(st.sampled_from(short))
    typed = _one_edit(textmatch.normalise(answer), data.draw(st.integers(0, 10)),
                      data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyz")),
                      data.draw(st.sampled_from(["drop", "add", "swap", "change"])))
    if not _same_answer(typed, by_id[qid]):
        assert SHORT.score(by_id[qid].data, typed) == 0.0, (qid, answer, typed)
