"""The profanity list (data/profanity.txt, kk/ru/en) and how a comment is checked against it.

People dodge word lists with look-alike letters ("xyй" with Latin x and y, "fuсk" with a
Cyrillic с), digits ("6ля", "sh1t"), dots or spaces between letters ("х.у.й", "с у к а")
and stretched letters ("бляяя"). Both the list and the text go through the same
normalisation, into a Cyrillic and a Latin skeleton, so that one entry catches all of these.
A hit does not refuse the comment: it goes to the moderation queue as flagged."""

import re
import unicodedata
from functools import cache
from pathlib import Path

LIST_PATH = Path(__file__).resolve().parent / "data" / "profanity.txt"

# Kazakh letters written with their Russian look-alikes are the same word to a reader.
_KAZAKH_FOLD = str.maketrans("әғқңөұүһіё", "агкноуухие")
# Latin letters and digits that read as Cyrillic ones (text is lower-cased first).
_TO_CYRILLIC = str.maketrans(
    {
        "a": "а",
        "b": "в",
        "c": "с",
        "e": "е",
        "k": "к",
        "m": "м",
        "h": "н",
        "o": "о",
        "p": "р",
        "t": "т",
        "u": "и",
        "x": "х",
        "y": "у",
        "0": "о",
        "3": "з",
        "6": "б",
        "@": "а",
    }
)
# Cyrillic letters and digits that read as Latin ones.
_TO_LATIN = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "с": "c",
        "е": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "т": "t",
        "у": "y",
        "х": "x",
        "и": "u",
        "0": "o",
        "1": "i",
        "3": "e",
        "5": "s",
        "@": "a",
        "$": "s",
        "!": "i",
    }
)
_NOT_WORD = re.compile(r"[^\w@$!]+")


def _squeeze(word):
    return re.sub(r"(.)\1+", r"\1", word)


def skeletons(word):
    """The Cyrillic and Latin skeletons of one word."""
    word = unicodedata.normalize("NFKC", word).lower().translate(_KAZAKH_FOLD)
    word = _NOT_WORD.sub("", word).replace("_", "")
    if not word or word.isdigit():
        return set()
    return {_squeeze(word.translate(_TO_CYRILLIC)), _squeeze(word.translate(_TO_LATIN))}


def words_of(text):
    """Words of the text, with letters spaced or dotted apart ("с у к а") joined again."""
    tokens = [t for t in re.split(r"\s+", text) if t]
    words, run = [], []
    for token in tokens:
        bare = _NOT_WORD.sub("", token)
        if len(bare) == 1:
            run.append(bare)
            continue
        if len(run) > 1:
            words.append("".join(run))
        words.extend(run if len(run) == 1 else [])
        run = []
        words.append(token)
    if len(run) > 1:
        words.append("".join(run))
    return words


@cache
def word_list():
    """(exact skeletons, stem skeletons) of the list file, read once per process."""
    exact, stems = set(), set()
    for line in LIST_PATH.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        target = stems if entry.endswith("*") else exact
        target.update(skeletons(entry.rstrip("*")))
    return frozenset(exact), tuple(sorted(stems))


def find_profanity(text):
    """The words of `text` that match the list, as typed."""
    exact, stems = word_list()
    hits = []
    for word in words_of(text):
        for skeleton in skeletons(word):
            if skeleton in exact or skeleton.startswith(stems):
                hits.append(word)
                break
    return hits
