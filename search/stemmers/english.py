"""A light English stemmer (plurals, -ing, -ed, -ly, possessive 's).

Enough for a school site's vocabulary; PostgreSQL's `english` config and Elasticsearch's
`english` analyzer stem more, and they apply to both sides of the match, so agreement holds."""

MIN_STEM = 3


def stem(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, replacement in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            word = word[: len(word) - len(suffix)] + replacement
            break
    # running -> runn -> run; hoped -> hop (keep it simple: undo a doubled final consonant)
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word
