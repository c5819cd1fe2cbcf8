"""Bad input in the question editor: a clear message beside the field, and nothing saved."""

import re

import pytest
from markupsafe import escape

from tests.authoring.helpers import OWN_BODY, counts, make_teacher_source, question_form

LONG = "x" * 301


def _case(kind, error_id, message, **overrides):
    return pytest.param(kind, overrides, error_id, message, id=f"{kind}-{error_id}-{message[:24]}")


CASES = [
    _case("single_choice", "prompt-error", "Prompt is required.", prompt="  "),
    _case("single_choice", "prompt-error", "Prompt is longer than 1000 characters.",
          prompt="p" * 1001),
    _case("single_choice", "explanation-error", "Explanation is longer than 3000 characters.",
          explanation="e" * 3001),
    _case("single_choice", "tags-error", "Tags must list at least one tag", tags=" , "),
    _case("single_choice", "tags-error", "Tags must list at least one tag", tags="C++"),
    _case("single_choice", "difficulty-error", "Difficulty must be 1, 2 or 3.", difficulty="4"),
    _case("single_choice", "choice-error", "Choices must be a list of at least two non-empty",
          choice=["", "", ""], right="0"),
    _case("single_choice", "choice-answer-error", "Mark the right choice.", right="7"),
    _case("single_choice", "choice-answer-error", "Mark the right choice.", right="1",
          choice=["Ada Lovelace", "", "Grace Hopper"]),
    _case("single_choice", "choice-2-error", "Choice &#39;ada lovelace&#39; appears twice.",
          choice=["Ada Lovelace", "Grace Hopper", "ada lovelace"]),
    _case("single_choice", "choice-0-error", "Choice 1 is longer than 300 characters.",
          choice=[LONG, "Grace Hopper"], right="1"),
    _case("single_choice", "choice-error", "Choices may list at most 20 entries.",
          choice=[f"Choice {n}" for n in range(21)]),
    _case("multiple_response", "choice-answer-error", "Every choice is right: add a wrong one.",
          right=["0", "1", "2", "3"]),
    _case("multiple_response", "choice-answer-error", "Tick the choices that are right.",
          right=[]),
    _case("true_false", "tf-answer-error", "Answer must be true or false.", answer=""),
    _case("matching", "item-1-error", "Pair 2 must have exactly a non-empty item and match.",
          match=["Ada Lovelace", "", ""]),
    _case("matching", "item-error", "Pairs must list at least two", item=["A", "", ""],
          match=["B", "", ""]),
    _case("matching", "extra-0-error", "An extra match repeats one of the matches.",
          extra=["ottawa"]),
    _case("short_answer", "accepted-error", "Accepted must be a list of at least one",
          accepted=["", ""]),
    _case("short_answer", "accepted-0-error", "Accepted answer 1 is longer than 200 characters.",
          accepted=["a" * 201]),
    _case("short_answer", "refuse-0-error", "Refused answer &#39;ottawa!&#39; is the accepted",
          refuse=["ottawa!"]),
    _case("ordering", "item-error", "Items must list at least three texts",
          item=["the review began", "", "", "the report was published"]),
    _case("ordering", "item-3-error", "Item &#39;The review began&#39; appears twice.",
          item=["the review began", "the hearings opened", "the report was published",
                "The review began"]),
    _case("numeric", "numeric-tolerance-error", "Type the tolerance as a number",
          tolerance="a bit"),
    _case("numeric", "numeric-answer-error", "Type the answer as a number", answer="twelve"),
    _case("numeric", "numeric-answer-error", "Type the answer as a number", answer=""),
    _case("numeric", "numeric-tolerance-error", "Tolerance must be a number of 0 or more.",
          tolerance="-1"),
    _case("numeric", "numeric-answer-error", "Answer must be between -10^15 and 10^15.",
          answer="10000000000000000"),
    _case("numeric", "numeric-unit-error", "Unit is longer than 40 characters.", unit="u" * 41),
    _case("true_false", "evidence-0-quote-error", "This quote is not in the source",
          **{"evidence-0-quote": "Ottawa said on Tuesday it would decide soon."}),
    _case("true_false", "evidence-0-quote-error", "at least 12 characters",
          **{"evidence-0-quote": "Ottawa"}),
    _case("true_false", "evidence-0-quote-error", "at most 3000 characters",
          **{"evidence-0-quote": "q" * 3001}),
    _case("true_false", "evidence-0-source-error", "Choose one of the sources listed.",
          **{"evidence-0-source": "999999"}),
]


def _beside(page, error_id, message):
    """Tell whether `message` is in the error element `error_id` (which a field points at)."""
    pattern = (rf'id="{re.escape(error_id)}"><span aria-hidden="true">⚠</span> [^<]*'
               + re.escape(message))
    described = rf'aria-describedby="[^"]*\b{re.escape(error_id)}\b'
    return re.search(pattern, page) is not None and re.search(described, page) is not None


@pytest.mark.parametrize(("kind", "overrides", "error_id", "message"), CASES)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(
        desk, kind, overrides, error_id, message):
    """The form comes back with 400, the message beside its field, and no row written."""
    form = question_form(kind, desk.source_id, **overrides)
    before = counts()
    response = desk.client.post(desk.new_url(kind), data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert _beside(page, error_id, str(escape(message)).replace("&amp;#39;", "&#39;")), page
    assert "Nothing was saved" in page
    assert counts() == before


def test_a_quote_found_twice_asks_for_a_longer_one(desk):
    """Without a selection's offsets, a quote that stands twice in the source is refused."""
    own = make_teacher_source(desk.user.id)
    before = counts()
    quote = "The mayor said the plan was fair."
    assert OWN_BODY.count(quote) == 2
    response = desk.client.post(desk.new_url("true_false"),
                                data=question_form("true_false", own.id, quote=quote))
    assert response.status_code == 400
    assert "appear more than once in the source: quote a longer passage" in (
        response.get_data(as_text=True))
    assert counts() == before


def test_another_teachers_source_cannot_be_quoted(desk, make_user):
    """A source someone else owns is not offered and is refused when posted."""
    stranger = make_user(email="stranger@example.org")
    theirs = make_teacher_source(stranger.id, slug="their-source")
    page = desk.client.get(desk.new_url("true_false")).get_data(as_text=True)
    assert "Town Crier" not in page and f'<option value="{theirs.id}"' not in page
    before = counts()
    form = question_form("true_false", theirs.id, quote="The council met twice.")
    response = desk.client.post(desk.new_url("true_false"), data=form)
    assert response.status_code == 400
    assert "Choose one of the sources listed." in response.get_data(as_text=True)
    assert counts() == before


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_unknown_kind_is_refused(desk, method):
    """A kind nobody registered gets the kind list back with a message, and nothing saved."""
    before = counts()
    response = desk.client.open(desk.new_url("cloze"), method=method,
                                data=question_form("true_false") if method == "POST" else None)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="kind-error" role="alert"><span aria-hidden="true">⚠</span> Choose one of the ' \
           "kinds of question listed." in page
    assert counts() == before
