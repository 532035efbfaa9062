"""Words: the vocabulary of a text, word joins across page breaks, casing of titles."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from itertools import pairwise

from wordfreq import zipf_frequency

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_END = re.compile(r"(?:[.!?:;…\"”»“›)]|[.!?…]['’‘])\s*$")  # “ closes a German quotation („…“)


def tokens(text: str) -> list[str]:
    return WORD.findall(text)


FUNCTION = 5.0  # zipf of the commonest words (et, the, und, і): no fragment of a cut word is that common
PART = 2.0  # the least zipf of each part of a compound kept hyphenated
COMMON = 2.0  # zipf of a word found about once in ten million words: a real word, not a chance join


class Lexicon:
    """Which strings are words of the language: wordfreq's word list for the language,
    with the imported text's own usage as extra evidence.

    A cut at a page break is mended by a unigram language model: one word if the
    joined form is more probable than the two parts as separate words
    (zipf(joined) > zipf(left) + zipf(right) - 9, zipf being log10 of a word's
    frequency per billion words). A hyphenation dictionary cannot decide this:
    pyphen splits 'severeforms' at severe|forms as readily as 'conscripts' at con|scripts.
    """

    def __init__(self, texts: list[str], lang: str = "en"):
        self.lang = lang.split("-")[0]
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.words: Counter[str] = Counter()
        for text in texts:
            found = [t.lower() for t in tokens(text)]
            self.words.update(found)
            self.pairs.update(pairwise(found))

    def forget(self, word: str) -> None:
        """Do not count one occurrence (a fragment at a page break is no evidence)."""
        key = word.lower()
        if self.words[key] > 0:
            self.words[key] -= 1

    def zipf(self, word: str) -> float:
        """How common the word is in the language (0: not a known word)."""
        score = zipf_frequency(word.lower(), self.lang)
        if score == 0 and self.words[word.lower()] > 0:
            return 1.0  # the text itself uses it: a rare word or a name
        return score

    def join_cut(self, left: str, right: str) -> str | None:
        """left + right if they are one word cut at a page break (no hyphen), else None."""
        if right[:1].isupper() or self.pairs[(left.lower(), right.lower())] > 0:
            return None
        joined = left + right
        z_joined, z_left, z_right = self.zipf(joined), self.zipf(left), self.zipf(right)
        if z_joined == 0:  # a rare word or a name cut: one part is no word; but not 'gelions' + 'et'
            return joined if min(z_left, z_right) == 0 and max(z_left, z_right) < FUNCTION else None
        return joined if z_joined > z_left + z_right - 9 else None

    def join_hyphen(self, left: str, right: str, in_compound: bool = False) -> str:
        """left- + right at a page break: keep the hyphen only where it is a real one. in_compound: left
        is itself the end of a hyphenated compound (comrades-in- | arms), where short words are usual."""
        hyphenated, joined = f"{left}-{right}", left + right
        if right[:1].isupper() or self.words[hyphenated.lower()] > 0:
            return hyphenated  # a name (Russian-Ukrainian), or the text writes it with a hyphen elsewhere
        if self.words[joined.lower()] > 0:
            return joined
        z_joined = self.zipf(joined)
        if z_joined > 0 and (
            z_joined >= COMMON or z_joined >= zipf_frequency(hyphenated.lower(), self.lang)
        ):  # wordfreq scores 'an-other' as its two parts: a common joined word wins anyway
            return joined
        parts = (left.lower(), right.lower())
        if in_compound and z_joined < COMMON and min(zipf_frequency(p, self.lang) for p in parts) >= PART:
            return hyphenated  # comrades-in-arms, mother-in-law: the compound goes on over the line end
        if min(len(left), len(right)) >= 3 and min(zipf_frequency(p, self.lang) for p in parts) >= PART:
            return hyphenated  # político-sindical, italo-francese: no word without the hyphen, two real ones with
        return joined  # Ab-dula, Cher-kassy: a name or a rare word the line end cut


class Casing:
    """The usual spelling of each word, read off the text: 'ukraine' -> 'Ukraine', 'us' -> 'US'.
    Words are matched case-folded: 'FLÖSSER' in capitals is 'Flößer'. `nouns`: the language
    capitalises its nouns (de), so a contents line's capitals are real, never Title Case."""

    def __init__(self, texts: list[str], nouns: bool = False):
        self.nouns = nouns
        self.forms: dict[str, Counter[str]] = {}
        for text in texts:
            for match in WORD.finditer(text):
                if not _starts_sentence(text, match.start()):
                    self.forms.setdefault(match.group().casefold(), Counter())[match.group()] += 1

    def usual(self, word: str) -> str:
        forms = self.forms.get(word.casefold())
        if forms:
            return forms.most_common(1)[0][0]
        if "-" in word:
            return "-".join(self.usual(part) for part in word.split("-"))
        return word.lower()

    def sentence_case(self, text: str, reference: str | None = None) -> str:
        """text in sentence case: first word capitalised, other words as the text usually spells them.

        `reference` is the same title in its real casing (a contents line): a word
        it capitalises after a colon stays capitalised.
        """
        text = " ".join(text.split())
        ref_words = WORD.findall(reference) if reference else []
        trusted = reference is not None and not reference.isupper() and (self.nouns or not _title_case(reference))
        out, last, n = [], 0, 0
        for match in WORD.finditer(text):
            word = match.group()
            ref = ref_words[n] if n < len(ref_words) and ref_words[n].casefold() == word.casefold() else word
            before = text[: match.start()]
            if len(ref) > 1 and ref.isupper() and reference and not reference.isupper():
                word = ref  # an abbreviation in the real casing: US, IWW
            elif _starts_title_or_sentence(before, ref):
                word = _capital(self.usual(word))
            elif trusted and ref.casefold() == word.casefold():
                word = ref  # as the contents line writes it: Madrid, largo
            else:
                word = self.usual(word)
            out.append(text[last : match.start()] + word)
            last, n = match.end(), n + 1
        return "".join(out) + text[last:]


def _starts_title_or_sentence(before: str, ref: str) -> bool:
    """Does a word (`ref`: in its real casing) come first in the title, after a full stop, or
    capitalised after a colon? `before`: the title's text before it."""
    return (
        not before.strip(" \"'“‘«„(¿¡")
        or re.search(r"[.!?]\W*$", before) is not None
        or (re.search(r":\s*$", before) is not None and ref[:1].isupper())
    )


def _title_case(text: str) -> bool:
    """Are most of the longer words capitalised ('From a Wave of Desertion')? Then the capitals say
    nothing about proper nouns."""
    long_words = [w for w in WORD.findall(text)[1:] if len(w) > 3]
    return bool(long_words) and sum(w[:1].isupper() for w in long_words) >= 0.6 * len(long_words)


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \"'“‘«„(*[¿¡")
    return not before or before[-1] in ".!?:…"


CLAUSE = re.compile(r"\s*[,;:.!?–—()]\s*|\s+-\s+")
SLUG_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def slug_candidates(title: str, others: list[str], stop: Collection[str]) -> list[str]:
    """Phrases that could name a chapter, best first: the longest run of distinctive words
    (not function words `stop`, not in another chapter's title) in the first clause that has one."""
    elsewhere = {w.lower() for other in others for w in SLUG_WORD.findall(other)}
    for clause in CLAUSE.split(title):
        runs: list[list[str]] = []
        run: list[str] = []
        for word in SLUG_WORD.findall(clause):
            low = word.lower()
            if low in stop or low in elsewhere:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append(low)
        runs = [r for r in [*runs, run] if r]
        if runs:
            return ["-".join(r) for r in sorted(runs, key=lambda r: -len(" ".join(r)))]
    return ["-".join(w.lower() for w in SLUG_WORD.findall(title)[:3])]


def make_id(title: str, others: list[str], stop: Collection[str], taken: set[str], limit: int = 24) -> str:
    """A short, stable slug for a chapter id, unique among `taken`; `stop`: the language's function words."""
    phrase = slug_candidates(title, others, stop)[0]
    words = phrase.split("-")
    while len("-".join(words)) > limit and len(words) > 1:
        words = words[1:]  # keep the end of the phrase: its head word
    base = _ascii_slug("-".join(words)[:40]) or "chapter"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _ascii_slug(text: str) -> str:
    text = text.lower().replace("’", "").replace("'", "")
    if not text.isascii():
        text = _transliterate(text)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text)).strip("-")


# Ukrainian and Russian letters in Latin ones, for chapter ids ("_": dropped).
CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "_",
    "ю": "iu",
    "я": "ia",
    "ё": "e",
    "ы": "y",
    "э": "e",
    "ъ": "_",
}


# Latin letters that do not decompose into a letter and an accent (NFKD): ł is not l + a mark.
LATIN = {"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"}


def _transliterate(text: str) -> str:
    return "".join(CYRILLIC.get(ch) or LATIN.get(ch, ch) for ch in text).replace("_", "")
