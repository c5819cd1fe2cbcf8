"""A draw balanced across tags spreads its questions as evenly as the pool allows."""

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from quizapp.domain.drawing import balanced_draw

TAGS = ("a", "b", "c", "d")


def test_a_small_tag_gets_its_share_beside_a_large_one():
    """Ten questions tagged a, two b, four c: six drawn take two of each."""
    pool = [{"a"}] * 10 + [{"b"}] * 2 + [{"c"}] * 4
    for seed in range(20):
        drawn = balanced_draw(pool, 6, random.Random(seed))
        assert Counter(next(iter(pool[i])) for i in drawn) == {"a": 2, "b": 2, "c": 2}


def test_only_the_tags_asked_for_are_balanced():
    """Balanced over b and c, a question tagged only a comes last."""
    pool = [{"a"}] * 5 + [{"b"}] * 3 + [{"c"}] * 3
    drawn = balanced_draw(pool, 4, random.Random(1), over=("b", "c"))
    assert Counter(next(iter(pool[i])) for i in drawn) == {"b": 2, "c": 2}


def test_a_short_tag_leaves_the_rest_to_the_others():
    """One question tagged b: the other five come from a and c, three and two."""
    pool = [{"a"}] * 5 + [{"b"}] + [{"c"}] * 5
    drawn = balanced_draw(pool, 6, random.Random(3))
    counts = Counter(next(iter(pool[i])) for i in drawn)
    assert counts["b"] == 1 and sorted([counts["a"], counts["c"]]) == [2, 3]


@given(st.lists(st.sets(st.sampled_from(TAGS), max_size=3), min_size=1, max_size=40),
       st.integers(1, 50), st.integers(0, 10**6))
def test_draws_are_distinct_and_as_many_as_asked(pool, count, seed):
    """Never a question twice; as many as asked, or the whole pool when it is smaller."""
    drawn = balanced_draw(pool, count, random.Random(seed))
    assert len(drawn) == len(set(drawn)) == min(count, len(pool))
    assert all(0 <= i < len(pool) for i in drawn)


@given(st.integers(1, 6), st.integers(1, 4), st.integers(0, 10**6))
def test_single_tagged_pools_are_even_to_within_one(per_tag, tags, seed):
    """Tags with enough questions each get count/tags, give or take one."""
    pool = [{TAGS[t]} for t in range(tags) for _ in range(per_tag * 2)]
    count = per_tag * tags
    drawn = balanced_draw(pool, count, random.Random(seed))
    counts = Counter(next(iter(pool[i])) for i in drawn)
    assert max(counts.values()) - min(counts.values()) <= 1
