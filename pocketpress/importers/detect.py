"""Which language a text is in, when `pocketpress import` is not told: wordfreq's word lists, by how
many of the text's words each language knows and how common they are in it."""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

WORD = re.compile(r"[^\W\d_]{2,}")


def detect_language(text: str, candidates: list[str], sample: int = 400) -> tuple[str, dict[str, float]]:
    """(the best candidate, the score of each): the mean wordfreq Zipf frequency of the text's first
    `sample` words in each language (an unknown word scores 0)."""
    words = [w.lower() for w in WORD.findall(text)][:sample]
    scores: dict[str, float] = {}
    for lang in candidates:
        try:
            scores[lang] = sum(zipf_frequency(w, lang) for w in words) / max(len(words), 1)
        except LookupError:
            continue
    if not scores:
        return "en", {}
    return max(scores, key=lambda lang: scores[lang]), scores
