"""detect_language: ISO 639-1 codes for article bodies, None when there is too little text."""

from __future__ import annotations

import pytest

from zenobia.ingest import language
from zenobia.ingest.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English
        ("The bridge over the river reopened on Tuesday after three months of repairs.", "en"),
        # French
        ("Le pont sur la rivière a été rouvert mardi après trois mois de travaux.", "fr"),
        # German
        ("Die Brücke über den Fluss wurde am Dienstag nach drei Monaten wieder geöffnet.", "de"),
        # Spanish
        ("El puente sobre el río fue reabierto el martes tras tres meses de obras.", "es"),
        # Arabic
        ("أعيد فتح الجسر فوق النهر يوم الثلاثاء بعد ثلاثة أشهر من أعمال الإصلاح.", "ar"),
        # Russian
        ("Мост через реку открыли во вторник после трёх месяцев ремонта.", "ru"),
    ],
)
def test_detects_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # nothing
        "",
        # a headline too short to judge
        "Bridge reopened",
        # numbers and punctuation only
        "12 / 04 / 2021 -- 14:00 ... 3,500 (+12%)",
    ],
)
def test_too_little_text_has_no_language(text: str) -> None:
    assert detect_language(text) is None


def test_only_the_start_is_classified() -> None:
    # a French article with a long English appendix is French
    text = "Le pont sur la rivière a été rouvert mardi. " * 50 + "The end of the text. " * 500
    assert detect_language(text) == "fr"


class _RanksCreoleFirst:
    """A stand-in classifier that ranks an English-based creole just above English."""

    def rank(self, text: str) -> list[tuple[str, float]]:
        return [("pcm", -300.0), ("en", -305.0), ("fr", -320.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # mostly English function words around names: English wins
        ("9 May 2019 forty wounded from Orvale and al-Tarsa taken to the hospital in Kessel", "en"),
        # the same ranking on text without English function words keeps the classifier's label
        ("Orvale Tarsa Kessel Marten Quill Varna Sorra Harun Kaffa Dorran Teliq Ost", "pcm"),
    ],
)
def test_english_function_words_overrule_a_near_miss(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    monkeypatch.setattr(language, "_identifier", _RanksCreoleFirst())
    assert detect_language(text) == expected
