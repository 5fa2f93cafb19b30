"""How a reply is written: clarity (reading grade, sentence and reply length) and spelling,
against the English dictionary, British and American spellings both right."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from worksample.prose.evidence import Finding
from worksample.prose.measures import reading_grade

from .config import CustomerEmail, EmailSection, Length

if TYPE_CHECKING:
    from .checks import ReplyText

MIN_SENTENCE_WORDS = 3  # shorter pieces are greetings, sign-offs and fragments
BRITISH_ENDINGS = (("tre", "ter"), ("tres", "ters"), ("our", "or"), ("ours", "ors"),
                   ("ise", "ize"), ("ised", "ized"), ("ises", "izes"), ("ising", "izing"),
                   ("isation", "ization"), ("isations", "izations"), ("yse", "yze"),
                   ("ysed", "yzed"), ("ogue", "og"), ("ence", "ense"), ("lled", "led"),
                   ("lling", "ling"))
CONTRACTED = ("'ll", "'d", "'ve", "'re", "'s", "'m")  # a verb contracted onto a word
BRITISH_INFIXES = (("our", "or"), ("ae", "e"), ("oe", "e"))


# SymSpell's English word list (symspellpy's data, Google Books n-grams checked against SCOWL):
# it knows words of today that pyspellchecker's list lacks ("app", "inbox", "screenshot")
MORE_WORDS = "frequency_dictionary_en_82_765.txt"


class Dictionary:
    """The English dictionary (pyspellchecker's, and the words of ``MORE_WORDS`` besides: a
    word either knows is spelt right), loaded on first use (about 0.15 s), and what it said of
    every word asked so far: the replies of a batch share most of their words, and asking
    pyspellchecker costs more than remembering (a number test and a lower-casing per word).
    What a word gets does not depend on the words asked with it."""

    REMEMBERED = 200_000  # words; past it, forget them all (a batch of hostile texts)

    def __init__(self):
        self._lock = threading.Lock()
        self._checker = None
        self._more: frozenset[str] = frozenset()
        self._said: dict[str, frozenset[str]] = {}

    def unknown(self, words: Iterable[str]) -> set[str]:
        """Of ``words``, the lower-cased forms neither list knows (numbers and punctuation
        are never unknown): ``SpellChecker.unknown``'s answer less the words of
        ``MORE_WORDS``."""
        found: set[str] = set()
        with self._lock:
            if self._checker is None:
                from importlib.resources import files

                from spellchecker import SpellChecker

                self._checker = SpellChecker(distance=1)
                listed = (files("symspellpy") / MORE_WORDS).read_text(encoding="utf-8")
                self._more = frozenset(line.split(" ", 1)[0] for line in listed.splitlines())
            for word in words:
                said = self._said.get(word)
                if said is None:
                    if len(self._said) >= self.REMEMBERED:
                        self._said.clear()
                    said = self._said[word] = frozenset(
                        w for w in self._checker.unknown([word]) if w not in self._more)
                found |= said
        return found


_DICTIONARY = Dictionary()


def dictionary() -> Dictionary:
    """The process's dictionary."""
    return _DICTIONARY


def clarity(text: ReplyText, length: Length) -> Finding:
    """Reading grade, sentence lengths and the reply's length against the assignment's
    bands; nothing for a list of keywords."""
    band = text.clarity
    body = [s.words for s in text.own_sentences if len(s.words) >= MIN_SENTENCE_WORDS]
    words = len(text.words)
    if not body:
        return Finding("clarity", "clarity", "reads clearly", 0.0, "no sentences")
    grade = reading_grade(body)
    average = sum(map(len, body)) / len(body)
    longest = max(map(len, body))
    parts = [
        (band.grade_min <= grade <= band.grade_max,
         f"reading grade {grade:.1f} (band {band.grade_min:g}-{band.grade_max:g})"),
        (average <= band.max_average_sentence_words,
         f"{average:.1f} words a sentence (at most {band.max_average_sentence_words:g})"),
        (longest <= band.max_sentence_words,
         f"longest sentence {longest} words (at most {band.max_sentence_words})"),
        (length.min_words <= words <= length.max_words,
         f"{words} words (asked {length.min_words}-{length.max_words})"),
    ]
    fraction = sum(ok for ok, _ in parts) / len(parts)
    evidence = "; ".join(f"{'✓' if ok else '✗'} {what}" for ok, what in parts)
    if text.keyword_list:
        fraction, evidence = 0.0, f"✗ the reply {text.not_a_reply}; {evidence}"
    return Finding("clarity", "clarity", "reads clearly", fraction, evidence)


def spelling(text: ReplyText, email: CustomerEmail, section: EmailSection) -> Finding:
    """Misspelt words per 100 words. Capitalised words (names, products) are not checked, and
    British and American spellings are both right."""
    allowed = {word.lower() for word in section.spelling.allow}
    allowed |= {part.lower() for part in email.customer.replace("-", " ").split()}
    found: dict[str, None] = {}  # in order of appearance, looked up without a scan
    for word in text.words:
        lower = word.lower()
        if (lower in text.unknown_words and lower not in allowed and word[0].islower()
                and not any(ch.isdigit() for ch in word) and lower not in found
                and not _other_spelling_known(lower) and not _contracted_known(lower)):
            found[lower] = None
    misspelt = list(found)
    label = "spelling"
    if not misspelt:
        return Finding("spelling", "spelling", label, 1.0, "no misspelt words")
    rate = 100 * len(misspelt) / max(len(text.words), 1)
    fraction = max(0.0, 1 - rate / section.spelling.errors_for_zero)
    shown = ", ".join(f"“{word}”" for word in misspelt[:8])
    return Finding("spelling", "spelling", label, round(fraction, 3),
                   f"{len(misspelt)} misspelt: {shown}",
                   specifics={"misspelt_words": ", ".join(misspelt[:5])})


def _contracted_known(word: str) -> bool:
    """Whether the word is a known word with a contracted verb ("there'll", "should've",
    "that'd"): the dictionary lists only some of them."""
    plain = word.replace("\u2019", "'")
    stem = next((plain[:-len(ending)] for ending in CONTRACTED if plain.endswith(ending)), "")
    return len(stem) > 1 and not dictionary().unknown([stem])


def _other_spelling_known(word: str) -> bool:
    """Whether the word's American form is in the dictionary (centre, colour, apologise)."""
    variants = {word[:-len(gb)] + us for gb, us in BRITISH_ENDINGS if word.endswith(gb)}
    variants |= {word.replace(gb, us) for gb, us in BRITISH_INFIXES if gb in word}
    return bool(variants) and not dictionary().unknown(variants - {word})
