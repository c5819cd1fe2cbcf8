"""Finding questions that give each other away, or ask the same thing twice."""


from quizapp.domain import giveaways
from quizapp.domain.bankdefs import EvidenceDef
from tests.factories import CheckedQuestion as Q

TRIP_DAYS = Q("trip-days", "numeric", "How many days did Mike Pompeo's European trip last?",
              {"answer": 5, "unit": "days"})
ARREST = Q("arrest-country", "short_answer",
           "In which country was a Huawei employee arrested on espionage charges?",
           {"accepted": ["Poland"]})
SENTENCE = Q("sentence", "single_choice", "What sentence was Robert Lloyd Schellenberg given?",
             {"choices": ["Death", "Ten years", "A fine"], "answer": "Death"})


def _shown(prompt, **data):
    return Q("shown", "single_choice", prompt, {"choices": ["a", "b"], "answer": "a", **data})


def test_number_words_and_hyphens_count_as_the_number():
    """"Five-day" reads as 5 days, so it answers "how many days"."""
    assert giveaways.words("a five-day trip") == ["a", "5", "day", "trip"]
    found = giveaways.giveaways(TRIP_DAYS, _shown("Which country was a stop on Mike Pompeo's "
                                                  "five-day European trip?"))
    assert [(g.answers, g.reveals, g.where) for g in found] == [("trip-days", "shown", "prompt")]


def test_the_number_without_its_unit_gives_nothing_away():
    """"Five countries" does not answer "how many days"."""
    assert giveaways.giveaways(TRIP_DAYS, _shown("Mike Pompeo's trip took in five countries "
                                                 "of Europe")) == []


def test_an_answer_next_to_its_question_s_subject_gives_it_away():
    """A short answer printed beside the words its question is about is a giveaway."""
    shown = _shown("Why did Poland consider limiting Huawei after the arrest of an employee?")
    assert [g.answers for g in giveaways.giveaways(ARREST, shown)] == ["arrest-country"]


def test_an_answer_printed_on_another_subject_gives_nothing_away():
    """The same word in an unrelated question tells the learner nothing."""
    shown = _shown("Which countries did Mike Pompeo visit?", choices=["Poland", "Hungary"],
                   answer="Poland")
    assert giveaways.giveaways(ARREST, shown) == []


def test_words_every_question_shares_are_no_context():
    """Context made only of common words (the articles' subject) does not count."""
    shown = _shown("Which country's employee arrest worried Poland?")
    common = frozenset(giveaways.words("employee arrested"))
    assert giveaways.giveaways(ARREST, shown, common=common) == []


def test_a_choice_question_is_given_away_only_when_its_answer_is_singled_out():
    """Printing the right choice gives it away; printing the wrong ones beside it does not."""
    told = _shown("Which Canadian did Silicon UK say was sentenced to death, Robert Lloyd "
                  "Schellenberg or another?", choices=["Spavor", "Kovrig"], answer="Spavor")
    assert [g.answers for g in giveaways.giveaways(SENTENCE, told)] == ["sentence"]
    listed = _shown("Robert Lloyd Schellenberg's sentence: death, or ten years?")
    assert giveaways.giveaways(SENTENCE, listed) == []


def test_outlet_names_are_not_answers():
    """"Silicon UK" in another question does not answer "UK"."""
    asked = Q("members", "short_answer", "Which member of Five Eyes shares intelligence "
              "with Canada?", {"accepted": ["UK"]})
    shown = _shown("What does Silicon UK say about Five Eyes intelligence sharing?")
    assert giveaways.giveaways(asked, shown) != []
    assert giveaways.giveaways(asked, shown, names=["Silicon UK"]) == []


def test_a_matching_pair_printed_together_is_given_away():
    """An item printed with its own partner tells the learner that pair."""
    asked = Q("titles", "matching", "Match each person to their title.",
              {"pairs": [{"item": "Richard Yu", "match": "Huawei CEO"},
                         {"item": "Lu Shaye", "match": "Ambassador"}]})
    shown = _shown("Which claims does BBC News make?",
                   choices=["Huawei CEO Richard Yu looked at three governments", "Other"])
    found = giveaways.giveaways(asked, shown)
    assert [(g.clue, g.where) for g in found] == [("Richard Yu / Huawei CEO", "choice")]


def test_a_statement_repeated_elsewhere_is_given_away():
    """A true/false statement whose content another prompt states is given away."""
    asked = Q("un", "true_false", "The UN has confirmed that Huawei complies with global "
              "cybersecurity standards.", {"answer": False})
    shown = _shown("Huawei says it told the UN that it complies with global cybersecurity "
                   "standards. Who else did it tell?")
    assert [g.answers for g in giveaways.giveaways(asked, shown)] == ["un"]


def test_a_text_telling_the_order_of_two_items_gives_an_ordering_away():
    """"X, the week before Y" tells the order of X and Y."""
    asked = Q("order", "ordering", "Put these in time order.",
              {"items": ["China proposes cooperation with Canada",
                         "The ambassador comments on Huawei", "BBC reports the appeal"]})
    shown = _shown("What did China propose on cooperation with Canada the week before the "
                   "ambassador's comments on Huawei?")
    assert [g.answers for g in giveaways.giveaways(asked, shown)] == ["order"]
    assert giveaways.giveaways(asked, _shown("What did China propose to Canada?")) == []


def test_the_message_names_both_questions_and_the_clue():
    """A failure says which question gives which away, where, and how."""
    found = giveaways.giveaways_among([TRIP_DAYS, _shown("A stop on Mike Pompeo's five-day "
                                                         "European trip?")])
    assert str(found[0]).startswith("shown gives away trip-days: its prompt shows '5 day")


def test_an_ordering_prompt_must_not_name_its_ends():
    """"From X to Y" naming the first and last items gives the ordering away."""
    items = ["Meng Wanzhou is arrested", "China responds", "Lu Shaye warns Canada"]
    told = Q("o", "ordering", "Put these, from Meng's arrest to Lu's warning, in time order.",
             {"items": items})
    fair = Q("o", "ordering", "Put these steps in the quarrel in time order.",
             {"items": items})
    assert giveaways.ordering_names_its_ends(told) == (items[0], items[-1])
    assert giveaways.ordering_names_its_ends(fair) is None


def _evidence(start, end):
    return (EvidenceDef("src", "q" * (end - start), start, end),)


def test_the_same_passage_asked_twice_is_a_near_duplicate():
    """Two prompts about one passage in nearly the same words are caught, others are not."""
    a = Q("a", "numeric", "According to Sputnik, in what year did the Trump administration "
          "ban Huawei technology, products and services?", {"answer": 2019},
          _evidence(0, 50))
    b = Q("b", "short_answer", "According to Sputnik, which accusation led the Trump "
          "administration to ban Huawei technology, products and services?",
          {"accepted": ["back doors"]}, _evidence(10, 80))
    elsewhere = Q("c", "short_answer", b.prompt, b.data, _evidence(100, 150))
    assert [(d.first, d.second) for d in giveaways.near_duplicates([a, b])] == [("a", "b")]
    assert giveaways.near_duplicates([a, elsewhere]) == []
