"""Deterministic phrase matching: alternatives, word prefixes, short gaps, and typo tolerance.

A phrase is matched against a sentence's normalised words. ``refund*`` matches any word that starts
with "refund" (``restore*`` also "restoring": a stem ending in "e" drops it before "-ing"); ``...``
stands for up to four words, and a verb's negation among them denies the match ("MRR never grew" for
``mrr ... grew``, whether or not the caller asks about negation). Between two consecutive words of a
phrase, one or two small words the phrase does not write may stand (``FILLERS``: to, be, been, the,
a, an, your, our, it, that): "not renew" matches "not to renew", "nothing we can do" matches
"nothing that we can do"; a word the phrase writes must be there ("refund the extra" does not match
"refund extra"). Inflections are not read: "won't renew" does not match "won't be renewed". Typos
are tolerated one way only: a word the dictionary does not know (``refnud``) is read as the phrase
word one edit away (``refund``; a swap of two letters is one edit); the match is then reported as
approximate, with both spellings. Real words are never re-read as other real words, so "changed"
never becomes "charged". A phrase's words are never taken from both sides of a semicolon.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from worksample.prose.cache import per_submission
from worksample.prose.negation import denial, gap_denial
from worksample.prose.text import WORD, Sentence
from worksample.prose.un_participles import phrase_forms
from worksample.prose.word_forms import by_a_colleague

GAP = "..."
GAP_WORDS = 4
# small words that may stand between two consecutive words of a phrase, at most two of them
FILLERS = ("to", "be", "been", "the", "a", "an", "your", "our", "it", "that")
_SPACE = re.compile(" ")
_FILLER_GAP = " (?:(?:" + "|".join(FILLERS) + ") ){0,2}"
NEGATION_WINDOW = 3  # without ``scoped``: words before a match that can negate it
FUZZY_MIN_LENGTH = 5  # shorter words are too easily one edit from another word
E_DROP_MIN = 5  # "restore*" also matches "restoring"; "use*" does not match "using"
WORDS_REMEMBERED = 50_000  # per phrase set (``holds_word``); past it, all are forgotten
SENTENCES_REMEMBERED = 10_000  # per ``Rereading``; past it, all are forgotten
# of one phrase set's matches in one sentence, the first this many are read (each costs a
# look at its sentence): a "sentence" that says a phrase more often is no prose
MATCHES_READ = 20
# before a verb a semicolon follows: the writer, who may have cut its object off with it
CUT_OFF_BY = frozenset({"i", "we", "i've", "we've", "i'll", "we'll"})
# before such a verb: its object is elsewhere, or it is denied ("what we could refund;")
OBJECT_ELSEWHERE = frozenset({"what", "which", "that", "whether", "if", "why", "something",
                              "anything", "nothing", "amount", "whatever", "not", "no", "never",
                              "cannot"})


@dataclass(frozen=True)
class Match:
    """Where a phrase set matched: the sentence, the words, and how sure the match is."""

    sentence: Sentence
    words: str
    read_as: tuple[tuple[str, str], ...] = ()  # (as written, as read) for typo-tolerant matches
    denied_by: str = ""  # how the sentence denies the phrase (``negation.denial``), or ''
    start: int = 0  # the phrase's first word in the sentence's normalised words
    end: int = 0  # and the word after its last

    @property
    def approximate(self) -> bool:
        return bool(self.read_as)

    @property
    def negated(self) -> bool:
        """Whether the sentence denies what the phrase says."""
        return bool(self.denied_by)


class PhraseSet:
    """Alternative phrases compiled into one regular expression over normalised words."""

    def __init__(self, phrases: Iterable[str]):
        self.phrases = tuple(phrases)
        # words a typo may be read as: whole words, and the stems of prefixes ("refund*")
        self.literal_words = frozenset(
            word for phrase in self.phrases for token in phrase.lower().split()
            for word in WORD.findall(token)
            if not token.endswith("*") or len(word) >= FUZZY_MIN_LENGTH)
        # whether each single word asked of ``holds_word`` holds a phrase; the answers never
        # change, so threads sharing a set may at worst work one out twice
        self._words: dict[str, bool] = {}
        # and each phrase's "un-" participle said the other way ("months you haven't used")
        self._forms = tuple(form for phrase in self.phrases for form in phrase_forms(phrase))
        bodies = [body for body in map(_phrase_pattern, self._forms) if body]
        # a phrase matches only a sentence holding its whole words (``may_match``): one of
        # them per phrase is enough to rule a sentence out, the longest, as the rarest
        keys, stems = set(), set()
        for exact, stem in filter(None, map(_phrase_words, self._forms)):
            if exact:
                keys.add(max(exact, key=len))
            else:
                stems.add(stem)
        self._keys = frozenset(keys)
        self._stems = re.compile(r"(?<![\w'])(?:" + "|".join(
            map(re.escape, sorted(stems))) + ")") if stems else None
        self._regex = re.compile(
            r"(?<![\w'])(?:" + "|".join(bodies) + r")(?![\w'])") if bodies else None

    @property
    def most_words(self) -> int:
        """The most words one match can span: a phrase's words, ``GAP_WORDS`` for each of its
        gaps and two fillers between any two of its words. An anchored match read in that
        many words of a text is the match in the whole of it."""
        spans = []
        for phrase in self._forms:
            tokens = phrase.split()
            written = len(tokens) - tokens.count(GAP)
            spans.append(written + GAP_WORDS * tokens.count(GAP) + 2 * max(len(tokens) - 1, 0))
        return max(spans, default=0)

    def find(self, sentences: Sequence[Sentence], reading: Rereading | None = None,
             anchored: bool = False) -> Match | None:
        """The first match in ``sentences``; with ``anchored``, only at a sentence's start."""
        return next(self.find_all(sentences, reading, anchored), None)

    def find_all(self, sentences: Sequence[Sentence], reading: Rereading | None = None,
                 anchored: bool = False, negation: PhraseSet | None = None,
                 scoped: bool = False):
        """Every match, one per sentence, exact spellings first within each sentence. With
        ``negation`` (the assignment's negation words), each match says whether the sentence
        denies it: with ``scoped``, by the rules of ``negation.denial`` (clauses, negation
        before and after); without, by one of those words among the three before it. Of several
        matches in a sentence, the first it does not deny is given (of its first
        ``MATCHES_READ``)."""
        if self._regex is None:
            return
        hits = [self.may_match(sentence) for sentence in sentences]
        if not any(hits) and not self._corrections_match(sentences, reading):
            return
        rereads = reading is not None and bool(reading.corrections)
        for position, sentence in enumerate(sentences):
            found = self._matches(sentence.normal, anchored) if hits[position] else []
            read_as: tuple[tuple[str, str], ...] = ()
            text = sentence.normal
            if not found and rereads:
                text, read_as = reading.corrected(sentence)
                found = self._matches(text, anchored) if read_as else []
            candidates = []
            positions = word_positions(text) if found else None
            for match in found[:MATCHES_READ]:
                start, end = positions.span(match)
                if _across_semicolon(sentence, start, end, len(positions.words)):
                    continue
                denied = "" if negation is None else denial(
                    sentence, start, end, negation.holds_word) if scoped \
                    else _before(positions.words[max(0, start - NEGATION_WINDOW):start],
                                 negation)
                if not denied and not read_as and match.lastindex:
                    denied = gap_denial(sentence, positions.gap_words(match), end - 1)
                candidates.append(Match(
                    sentence=sentence, words=match.group(0), denied_by=denied, start=start,
                    end=end, read_as=tuple(pair for pair in read_as if pair[1] in match.group(0))))
            if candidates:
                yield next((m for m in candidates if not m.negated), candidates[0])

    def find_in_words(self, text: str, anchored: bool = False) -> bool:
        """Whether normalised ``text`` holds one of the phrases (with ``anchored``: starts
        with one)."""
        return self._regex is not None and self._search(text, anchored) is not None

    def may_match(self, sentence: Sentence) -> bool:
        """False when no phrase of the set can match ``sentence`` as written: it lacks a whole
        word every match of a phrase holds (``_phrase_words``), for every phrase. Looking up
        a few words in the sentence's ``tokens`` is far cheaper than the regex, and most
        phrase sets match in no sentence of a reply."""
        if not self._keys.isdisjoint(sentence.tokens):
            return True
        return self._stems is not None and self._stems.search(sentence.normal) is not None

    def _corrections_match(self, sentences: Sequence[Sentence],
                           reading: Rereading | None) -> bool:
        """Whether one of ``sentences``, as ``reading`` corrects them, may match (one search
        over them all, joined by line breaks, which no part of a phrase's pattern matches)."""
        if reading is None or not reading.corrections:
            return False
        joined = "\n".join(reading.corrected(sentence)[0] for sentence in sentences)
        return self._regex.search(joined) is not None

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The first word and the word after the last of every match in normalised ``text``
        (matches do not overlap)."""
        if self._regex is None:
            return []
        positions = word_positions(text)
        return [positions.span(m) for m in self._regex.finditer(text)]

    def holds_word(self, word: str) -> bool:
        """``find_in_words(word)`` for one normalised word, remembered: negation asks it of
        every word near every match."""
        found = self._words.get(word)
        if found is None:
            if len(self._words) >= WORDS_REMEMBERED:
                self._words.clear()
            found = self._words[word] = self.find_in_words(word)
        return found

    def _search(self, text: str, anchored: bool):
        return self._regex.match(text) if anchored else self._regex.search(text)

    def _matches(self, text: str, anchored: bool) -> list[re.Match]:
        if anchored:
            return [m] if (m := self._regex.match(text)) else []
        return list(self._regex.finditer(text))


class WordPositions:
    """Where each word of normalised ``text`` (words between single spaces) starts, found
    once: a match's words are then found by bisection, not by splitting the text before it
    again for every match (quadratic in a long sentence that repeats a phrase)."""

    def __init__(self, text: str):
        self.words = text.split()
        self._spaces = [space.start() for space in _SPACE.finditer(text)]

    def span(self, match: re.Match) -> tuple[int, int]:
        """The first word of ``match`` and the word after its last."""
        first = bisect_left(self._spaces, match.start())
        return first, bisect_left(self._spaces, match.end()) + 1

    def gap_words(self, match: re.Match) -> list[int]:
        """The words ``match`` took for its phrase's gaps (``...``)."""
        return [word for group in range(1, len(match.regs))
                if match.start(group) < match.end(group)
                for word in range(bisect_left(self._spaces, match.start(group)),
                                  bisect_left(self._spaces, match.end(group)))]


@per_submission()  # every phrase set that matches a sentence asks again
def word_positions(text: str) -> WordPositions:
    """``WordPositions`` of normalised ``text``, made once for the phrase sets that match it."""
    return WordPositions(text)


def _across_semicolon(sentence: Sentence, start: int, end: int, words: int) -> bool:
    """Whether a semicolon in ``sentence`` as written stands between the words ``start`` and
    ``end`` (after the last) of a match: the phrase's words then belong to two clauses ("I
    looked at what we could refund; the extra line is a hold" says no "refund the extra").
    Not when it only cuts a verb off from its object (``_verb_cut_off``: "I've gone ahead
    and refunded; the second $29 ..."). Only where the matched words are the sentence's own,
    one for one (a rereading may add words)."""
    gaps = sentence.gaps if end - start > 1 and words == len(sentence.words) else ()
    if len(gaps) != words:
        return False
    marks = [at for at, gap in enumerate(gaps) if ";" in gap]
    return any(start < at < end and not _verb_cut_off(
        sentence.normal_words, max((m for m in marks if m < at), default=0), at)
        for at in marks)


def _verb_cut_off(words: Sequence[str], first: int, at: int) -> bool:
    """Whether the semicolon before word ``at`` cuts off the writer's verb from its object:
    the word before it is a past in "-ed" or a verb after "will", the writer (or a colleague:
    "our billing team refunded;") is its subject or the clause is a note of two words at most
    ("Sorted and refunded;"), and nothing before
    it in the clause (from word ``first``) takes its object or denies it ("what we could
    refund;", "nothing for us to refund;", "we won't refund;")."""
    before, verb = list(words[first:at - 1]), words[at - 1]
    told = verb.endswith("ed") or before[-1:] == ["will"] or bool(before) and before[-1].endswith(
        "'ll")
    by_the_writer = (not CUT_OFF_BY.isdisjoint(before) or len(before) <= 2
                     or by_a_colleague(before))
    return told and by_the_writer and OBJECT_ELSEWHERE.isdisjoint(before) and not any(
        word.endswith("n't") for word in before)


def _before(words: list[str], negation: PhraseSet) -> str:
    """'“not” before it' when one of ``words`` is a negation word, else ''."""
    return next((f"“{word}” before it" for word in words if negation.holds_word(word)), "")


class Rereading:
    """Another reading of a sentence's words, tried where a phrase set matches none as
    written: ``Reading``'s typo corrections, a recommendation's verbs after its cue
    (``cue_verbs.CueVerbs``). Each sentence is read once, as every phrase set asks again for
    the same sentences; past ``SENTENCES_REMEMBERED`` (a reading made once per assignment
    serves a whole batch), all are forgotten."""

    corrections: Collection[str] = ()  # what it reads otherwise: empty when nothing

    def __init__(self) -> None:
        self._read: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {}

    def corrected(self, sentence: Sentence) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The sentence's normalised words as read, and the (as written, as read) pairs."""
        found = self._read.get(sentence.normal)
        if found is None:
            if len(self._read) >= SENTENCES_REMEMBERED:
                self._read.clear()
            found = self._read[sentence.normal] = self._reread(sentence.normal)
        return found

    def _reread(self, normal: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        raise NotImplementedError


class Reading(Rereading):
    """Typo corrections for one reply: unknown words read as the phrase word one edit away."""

    def __init__(self, unknown_words: Iterable[str], vocabulary: frozenset[str]):
        super().__init__()
        self.corrections = {word: fix for word in unknown_words
                            if (fix := _nearest(word, vocabulary)) is not None}

    def _reread(self, normal: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        words = normal.split()
        if not self.corrections or not any(word in self.corrections for word in words):
            return normal, ()
        fixed = [self.corrections.get(word, word) for word in words]
        pairs = tuple((w, f) for w, f in zip(words, fixed, strict=True) if w != f)
        return " ".join(fixed), pairs


def name_distance(written: str, name: str) -> int:
    """Edit distance between a word of the reply and the customer's name, case ignored."""
    return OSA.distance(written.lower(), name.lower())


def nearest_name(written: str, lowered_names: Sequence[str]) -> int:
    """The least ``name_distance`` from a word of the reply to any of the names, given
    lower-cased (a reply's every word is measured against the same few names)."""
    written = written.lower()
    return min(OSA.distance(written, name) for name in lowered_names)


def _nearest(word: str, vocabulary: frozenset[str]) -> str | None:
    if len(word) < FUZZY_MIN_LENGTH or not vocabulary:
        return None
    found = _extract(word, vocabulary)
    return found[0] if found else None


@lru_cache(maxsize=4096)
def _extract(word: str, vocabulary: frozenset[str]):
    return process.extractOne(word, vocabulary, scorer=OSA.distance, score_cutoff=1)


def _phrase_words(phrase: str) -> tuple[frozenset[str], str] | None:
    """The whole words every match of ``phrase`` holds, as ``WORD`` reads a sentence, and the
    stem of a word ending in ``*`` (the last; used when the phrase has no whole word); None
    when the phrase has no word (``_phrase_pattern`` gives it no pattern). ``_phrase_pattern``
    puts each whole word between the start or a space and a space or the end, so it is one of
    a sentence's ``tokens``; a stem begins one."""
    exact, stem = [], ""
    for token in phrase.lower().split():
        pieces = WORD.findall(token) if token != GAP else []
        if token.endswith("*") and pieces:
            exact += pieces[:-1]
            stem = _dropped_e(pieces[-1])
        else:
            exact += pieces
    if not exact and not stem:
        return None
    return frozenset(exact), stem


def _phrase_pattern(phrase: str) -> str:
    """A phrase as a regular expression over normalised words (single spaces between)."""
    words, gap_before = [], False
    for token in phrase.lower().split():
        if token == GAP:
            gap_before = bool(words)
            continue
        pieces = WORD.findall(token)
        if not pieces:
            continue
        pattern = " ".join(re.escape(piece) for piece in pieces)
        if token.endswith("*"):
            last = pieces[-1]
            pattern = (pattern[:-len(re.escape(last))] + re.escape(_dropped_e(last))
                       + r"(?:e|ing)[\w']*") if _dropped_e(last) != last else pattern + r"[\w']*"
        # a gap's words are captured: a negation among them denies the match
        separator = f" ((?:\\S+ ){{0,{GAP_WORDS}}})" if gap_before else _FILLER_GAP
        words.append(pattern if not words else separator + pattern)
        gap_before = False
    return "".join(words)


def _dropped_e(stem: str) -> str:
    """A prefix's stem as "-ing" writes it: "restore*" matches "restoring" as well as
    "restored" and "restores" (the stem "restor", then "e" or "ing"); a short stem
    ("be*", "use*") is kept as written."""
    return stem[:-1] if len(stem) >= E_DROP_MIN and stem.endswith("e") else stem
