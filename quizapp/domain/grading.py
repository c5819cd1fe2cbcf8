"""Which of a learner's attempts counts toward their grade: best, last or average."""

RULES = ("best", "last", "average")


def counted_score(percents, rule):
    """Return the percent that counts among `percents` (oldest first), or None if empty.

    `percents` are the learner's submitted attempts' scores as percentages; attempts in
    progress are left out by the caller. "best" takes the highest, "last" the newest,
    "average" the mean.
    """
    if rule not in RULES:
        raise ValueError(f"unknown grading rule {rule!r}: use one of {', '.join(RULES)}")
    if not percents:
        return None
    if rule == "best":
        return max(percents)
    if rule == "last":
        return percents[-1]
    return sum(percents) / len(percents)
