"""A bounded, deterministic fuzz of every route: no request, however malformed, gets a 5xx.

Every rule of app.url_map is tried with every method, with good, wrong and malformed
values for each URL argument, and with missing, malformed, duplicated, oversized and
binary form fields. It runs on whichever database the suite runs on.
"""

import random
import re
import uuid

import pytest

from tests.factories import make_quiz
from tests.play.helpers import start

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
SEED = 6
PATHS_PER_RULE_AND_METHOD = 6

BAD_TEXT = ["", "%00", "a%00b", "%1b%5b2J", "%7f", "%c2%85", "%ff%fe", "%e2%80%ae", "..",
            "%2e%2e%2f", "a%2fb", "x" * 300, "9" * 40, "-1", " ", "%20", "é", "%F0%9F%99%82",
            "null", "None", "'%20OR%201=1--", "<script>", "A" * 81]
BAD_NUMBERS = ["0", "-1", "10001", "2147483648", "9223372036854775808", "9" * 40, "1e9",
               "1.5", "٣", "0x1", "%2B1", "%00", "1%00"]


def _argument_values(converter, good):
    """Return the values to try for a URL argument of this converter."""
    if converter == "position":
        return [*good["position"], *BAD_NUMBERS]
    if converter == "public_id":
        return [*good["public_id"], str(uuid.uuid4()), str(uuid.uuid4()).upper(), *BAD_TEXT]
    if converter == "path":
        return ["quizapp.css", "favicon.svg", "../config.py", "..%2f..%2fREADME.md", *BAD_TEXT]
    return [*good["slug"], "nope", *BAD_TEXT]


def _forms(config, token):
    """Return (description, post kwargs) for every kind of body worth sending."""
    big = config["MAX_CONTENT_LENGTH"]
    urlencoded = {"content_type": "application/x-www-form-urlencoded"}
    forms = {
        "missing": {},
        "join": {"data": {"code": "TEST01"}},
        "start": {"data": {"display_name": "Ann", "start_token": token}},
        "start twice the name": {"data": {"display_name": ["Ann", "Bob"], "start_token": token}},
        "start bad token": {"data": {"display_name": "Ann", "start_token": "x" * 36}},
        "start long name": {"data": {"display_name": "A" * 5000, "start_token": token}},
        "start invisible name": {"data": {"display_name": "\u202e\u200b", "start_token": token}},
        "answer": {"data": {"answer": "Ottawa", "go": "next"}},
        "answer lists": {"data": {"answer": ["Ottawa", "Ada Lovelace", "3", "12"]}},
        "answer every go": {"data": {"answer": "true", "go": ["prev", "next", "review"]}},
        "answer huge number": {"data": {"answer": "9" * 400}},
        "answer float edge": {"data": {"answer": "1e309"}},
        "answer nan": {"data": {"answer": "nan"}},
        "answer infinity": {"data": {"answer": "-inf"}},
        "answer comma": {"data": {"answer": "1,5e3"}},
        "matching": {"data": {"match-0": "Ottawa", "match-1": "Ottawa", "match-99": "x",
                              "match--1": "y"}},
        "ordering": {"data": {"position-0": "99999999999999999999", "position-1": "-1",
                              "position-2": "1.5", "position-3": "1"}},
        "nul value": {"data": {"answer": "a\x00b", "code": "\x00"}},
        "nul name": {"data": {"an\x00swer": "1"}},
        "escape": {"data": {"answer": "\x1b[2J", "display_name": "\x1b]0;x\x07"}},
        "invalid utf-8": {"data": b"answer=%ff%fe&code=\xff\xfe&display_name=\xc0", **urlencoded},
        "broken percent": {"data": b"answer=%&code=%zz&=&&=x", **urlencoded},
        "oversize": {"data": {"code": "x" * (big + 1)}},
        "too many fields": {"data": {f"f{i}": "1" for i in range(config["MAX_FORM_PARTS"] + 5)}},
        "multipart": {"data": {"answer": "Ottawa", "code": "TEST01"},
                      "content_type": "multipart/form-data"},
        "multipart no boundary": {"data": b"--x\r\n", "content_type": "multipart/form-data"},
        "multipart broken": {"data": b"--b\r\nContent-Disposition: form-data\r\n\r\nx",
                             "content_type": "multipart/form-data; boundary=b"},
        "json": {"data": '{"answer": ["Ottawa"]}', "content_type": "application/json"},
        "plain": {"data": "answer=Ottawa", "content_type": "text/plain"},
        "csrf junk": {"data": {"csrf_token": "x" * 1000, "answer": "Ottawa"}},
    }
    return forms


def _url(rule, choose):
    """Return the rule's path with every argument replaced by choose(converter)."""
    def fill(match):
        converter = match.group(1) or "default"
        return choose(converter.split("(")[0])

    return re.sub(r"<(?:([^:<>]+):)?[^<>]+>", fill, rule.rule)


@pytest.fixture
def targets(app, client, bank_writer):
    """Load two quizzes, start attempts for this client and another; return good values."""
    bank_writer.load(quizzes=[make_quiz(), make_quiz(id="quick-quiz", join_code="QUICK1",
                                                    feedback="immediate", question_count=3)])
    mine = start(client)
    quick = start(client, quiz="quick-quiz")
    theirs = start(app.test_client(), name="Bob")
    app.config["JOIN_RATE_LIMIT"] = "100000 per minute"  # /join is fuzzed, not throttled
    return {"slug": ["test-quiz", "quick-quiz", "test-source"],
            "public_id": [mine.public_id, quick.public_id, theirs.public_id],
            "position": ["1", "2", "3", "7"]}


def test_no_request_gets_a_server_error(app, client, targets):
    """Every route, every method, good and hostile arguments and bodies: no 5xx, no crash."""
    rng = random.Random(SEED)
    forms = _forms(app.config, str(uuid.uuid4()))
    requests = []
    # Every body against every learner page that reads a form, attempts still open first.
    for public_id in targets["public_id"][:2]:
        for position in ("1", "2"):
            for name in forms:
                requests.append(("POST", f"/attempt/{public_id}/q/{position}", name, ""))
    for url in ("/join", "/quiz/test-quiz/start", "/quiz/quick-quiz/start"):
        for name in forms:
            requests.append(("POST", url, name, ""))
    # Then every rule and method with sampled arguments, bodies and query strings.
    queries = ["", "?hl=1-5", "?hl=5-1", "?hl=99999999-99999999", "?hl=%00", "?go=x&go=y",
               "?" + "a=1&" * 300, "?%ff=%fe"]
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in METHODS:
            for _ in range(PATHS_PER_RULE_AND_METHOD):
                url = _url(rule, lambda c: rng.choice(_argument_values(c, targets)))
                requests.append((method, url, rng.choice(list(forms)), rng.choice(queries)))
    for public_id in targets["public_id"]:
        requests.append(("POST", f"/attempt/{public_id}/review", "missing", ""))
        requests.append(("GET", f"/attempt/{public_id}/result", "missing", ""))

    failures = []
    for method, url, name, query in requests:
        try:
            # Closed at once: an unread static file would otherwise leak its handle.
            with client.open(url + query, method=method, **forms[name]) as response:
                status = response.status_code
        except Exception as error:  # noqa: BLE001 - a crash is a failure to report, not to stop on
            status = f"{type(error).__name__}: {error}"[:200]
        if not isinstance(status, int) or status >= 500:
            failures.append(f"{method} {url}{query} [{name}] -> {status}")
    assert not failures, f"{len(failures)} of {len(requests)} requests failed:\n" + "\n".join(
        failures[:40])
    assert len(requests) > 500
