"""Stemmers, transliteration and query analysis (no database)."""

import pytest

from search.analysis import analyze_query, fold, index_terms
from search.stemmers import english, kazakh, russian
from search.transliteration import latin_to_cyrillic

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "forms",
    [
        ["мектеп", "мектептер", "мектебі", "мектептің", "мектепке", "мектепте", "мектептен",
         "мектептегі", "мектебіміздің", "мектептеріміздің"],
        ["оқушы", "оқушылар", "оқушыларға", "оқушысы", "оқушыларымыз"],
        ["мұғалім", "мұғалімдер", "мұғалімге", "мұғалімдеріміздің"],
        ["жаңалық", "жаңалықтар", "жаңалығы", "жаңалықтарды"],
        ["кітапхана", "кітапханасы", "кітапханада", "кітапханаға"],
        ["сынып", "сыныптар", "сыныбы", "сыныпқа"],
    ],
)  # fmt: skip
def test_kazakh_forms_share_a_stem(forms):
    assert len({kazakh.stem(form) for form in forms}) == 1, {f: kazakh.stem(f) for f in forms}


def test_kazakh_harmony_and_minimum_stem():
    # -дер is front: it is not stripped from a back-vowel stem, nor -лар from a front one.
    assert kazakh.stem("балдер") == "балдер"
    assert kazakh.stem("кітаплер") == "кітаплер"
    # Never shorter than three letters.
    assert kazakh.stem("ата") == "ата"
    assert len(kazakh.stem("ұлдар")) >= kazakh.MIN_STEM


@pytest.mark.parametrize(
    "forms",
    [
        ["школа", "школы", "школе", "школой", "школах"],
        ["ученик", "ученики", "учеников", "ученикам"],
        ["олимпиада", "олимпиады", "олимпиадой", "олимпиадах"],
        ["учитель", "учителя", "учителей"],
    ],
)
def test_russian_forms_share_a_stem(forms):
    assert len({russian.stem(form) for form in forms}) == 1


def test_english_plurals():
    assert english.stem("schools") == english.stem("school")
    assert english.stem("olympiads") == english.stem("olympiad")
    assert english.stem("activities") == english.stem("activity")


@pytest.mark.parametrize(
    "latin, cyrillic",
    [
        ("mektep", "мектеп"),
        ("jañalyqtar", "жаңалықтар"),
        ("zhanalyktar", "жаналыктар"),
        ("qazaqşa", "қазақша"),
        ("a'ke", "әке"),
        ("o'ner", "өнер"),
        ("ūlttyq", "ұлттық"),
        ("shyghys", "шығыс"),
    ],
)
def test_latin_kazakh(latin, cyrillic):
    assert latin_to_cyrillic(latin) == cyrillic


def test_folding_lets_informal_spelling_meet_kazakh_letters():
    assert fold(kazakh.stem("жаңалықтар")) == fold(kazakh.stem("жаналыктар"))
    assert "жаналык" in index_terms("Жаңалықтар", "kk").split()


def test_query_analysis_drops_syntax_and_limits_size():
    analyzed = analyze_query('"мектеп" AND (оқушы*) -- ; DROP 😀', "kk")
    terms = analyzed.highlight_terms
    assert all(term.isalnum() for term in terms)
    assert not analyze_query("😀 !!! ***", "kk")
    assert len(analyze_query("мектеп " * 5000, "kk").groups) <= 10
    # Stop words go unless nothing else is left.
    assert list(analyze_query("мектеп және оқушы", "kk").words) == ["мектеп", "оқушы"]
    assert analyze_query("және", "kk").words == ["және"]
