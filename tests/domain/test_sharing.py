"""Join codes are readable aloud, slugs are the title's words, QR codes are SVG."""

import random
import re
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own output

import pytest

from quizapp.domain.bankschema import JOIN_CODE, SLUG
from quizapp.domain.sharing import new_join_code, new_slug, qr_svg, slug_base


def test_join_codes_hold_no_letter_a_digit_could_be_taken_for():
    """Many codes: each a valid bank join code, none with 0, O, 1 or I."""
    rng = random.Random(5)
    codes = [new_join_code(rng) for _ in range(500)]
    assert all(JOIN_CODE.match(code) for code in codes)
    assert not any(set(code) & set("0O1I") for code in codes)
    assert len(set(codes)) > 490


@pytest.mark.parametrize(("title", "base"), [
    ("Huawei & 5G: week 3!", "huawei-5g-week-3"),
    ("Café Montréal", "cafe-montreal"),
    ("华为", "quiz"),
    ("x" * 200, "x" * 73),
])
def test_slug_bases_read_as_their_titles(title, base):
    """Accents folded, punctuation to hyphens, nothing left is "quiz", long titles cut."""
    assert slug_base(title) == base


def test_slugs_are_valid_and_end_in_a_random_suffix():
    """Every slug matches the bank's slug rule, even from a very long title."""
    rng = random.Random(2)
    for title in ("A quiz", "-" * 100, "y" * 300):
        slug = new_slug(title, rng)
        assert SLUG.match(slug) and re.search(r"-[a-z0-9]{6}\Z", slug)


def test_qr_codes_are_svg_with_a_title():
    """The QR code is one SVG document that names what it encodes."""
    svg = qr_svg("https://quiz.example/quiz/a-b", "QR code of the link https://quiz.example/quiz/a-b")
    root = ET.fromstring(svg)  # noqa: S314
    assert root.tag.endswith("svg")
    assert "https://quiz.example/quiz/a-b" in svg and "<script" not in svg
