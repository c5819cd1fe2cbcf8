"""Which questions an attempt draws from a pool: at random, optionally balanced across tags.

A pool is given as each question's tags; the result is indices into it, so the same rule
serves the database's questions and the tests' plain lists.
"""


def balanced_draw(tags_of, count, rng, over=()):
    """Return `count` distinct indices of `tags_of`, spread as evenly as the pool allows
    across the tags `over` (every tag in the pool when empty).

    Each turn takes the tag with the fewest questions drawn so far (ties at random) among
    those with questions left, and draws one of its questions at random. A question with
    several of the tags counts for each. Questions with none of them come last, at random.
    """
    count = min(count, len(tags_of))
    wanted = list(dict.fromkeys(over)) or sorted({t for tags in tags_of for t in tags})
    left = {tag: [i for i, tags in enumerate(tags_of) if tag in tags] for tag in wanted}
    drawn_per_tag = dict.fromkeys(wanted, 0)
    chosen, taken = [], set()
    while len(chosen) < count:
        open_tags = [t for t in wanted if any(i not in taken for i in left[t])]
        if not open_tags:
            break
        fewest = min(drawn_per_tag[t] for t in open_tags)
        tag = rng.choice([t for t in open_tags if drawn_per_tag[t] == fewest])
        index = rng.choice([i for i in left[tag] if i not in taken])
        chosen.append(index)
        taken.add(index)
        for other in wanted:
            if other in tags_of[index]:
                drawn_per_tag[other] += 1
    rest = [i for i in range(len(tags_of)) if i not in taken]
    chosen += rng.sample(rest, count - len(chosen))
    return chosen
