"""Which expected number a figure in a clause is about, when the clause names several
quantities: the one the figure qualifies, named right after it past words of change ("a 2.5%
rise in churn"), the price ("the 25% price increase"), or else the one named last before it
(with those named right before it, "solo MRR"), leaving out one named only to compare, in a
hyphenated compound or as the cause of another's move (``behind_a_cause``).

A clause's words and names are read once for all the figures it states (``ClauseNames``):
a clause may state thousands.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from functools import cached_property

from worksample.prose.clauses import Clause
from worksample.prose.matching import PhraseSet
from worksample.prose.measures import StatedNumber
from worksample.prose.text import WORD

# quantities named in a row before a figure, all of them its ("solo MRR"); more is no English
NAMES_IN_A_ROW = 4
# before a quantity named only to compare another with it
COMPARED_WITH = frozenset({"than", "like", "unlike"})
# before a quantity named only as the cause of another's move, wherever it stands ("due to",
# "because of", "thanks to", "owing to" by their first word)
CAUSING = frozenset({"despite", "due", "because", "thanks", "owing", "amid", "amidst"})
# before a quantity that says how another moved when its verb comes between them
AFTER_A_VERB = frozenset({"on", "with", "alongside", "after", "following", "from", "through",
                         "by"})
PREPOSITION_REACH = 3  # words from the preposition to the quantity ("after the churn spike")
# verbs of a move not ending in "-ed" or "-ing", and "up" and "down": a phrase holding one
# tells a move of its own
MOVED = frozenset({"rose", "rise", "rises", "grew", "grow", "grows", "fell", "fall", "falls",
                   "went", "goes", "hit", "hits", "stood", "stands", "sat", "was", "is", "were",
                   "are", "came", "ran", "got", "shrank", "sank", "slid", "held", "up", "down"})
# between a preposition and a quantity: the quantity is not in the preposition's phrase
JOINING = frozenset({"and", "but", "or", "nor", "while", "whereas", "as", "so", "yet", "then",
                     "which", "that", "who", "where", "when"})
# between a figure and the quantity it qualifies: "a 2.5% rise in churn", "35% fewer sign ups"
QUALIFYING = frozenset({"rise", "increase", "jump", "climb", "growth", "gain", "drop", "fall",
                        "decline", "dip", "cut", "in", "of", "fewer", "more", "less", "lower",
                        "higher", "monthly", "overall", "the"})
QUALIFYING_REACH = 3  # words between the figure and the quantity
LEADING = frozenset({"in", "of"})  # lead to the quantity only after a word of change
# right after a figure, what makes it the price's, unless an expected number is about it: "the
# 25% price increase"
PRICED = frozenset({"price", "prices", "pricing", "discount", "markup", "surcharge"})
THE_PRICE = frozenset({"the price"})  # the figure is about no expected number


def quantity_of(names: ClauseNames, figure: StatedNumber) -> frozenset[str]:
    """The expected numbers ``figure`` is about in a clause that may name several: those it
    qualifies, named right after it past words of change ("a 2.5% rise in churn", "35% fewer
    sign ups"; ``THE_PRICE`` for "the 25% price increase"), or else those the clause names
    last before it (``ClauseNames.named_last``); empty when the clause names none."""
    clause, words, ends = names.clause, names.words, names.ends
    start = names.words_before(figure.end)
    changed = False  # a word of change passed: "in" and "of" may then lead to the quantity
    for offset in range(QUALIFYING_REACH + 1):
        at = start + offset
        if offset:
            passed = words[at - 1]
            if passed not in QUALIFYING or passed in LEADING and not changed:
                break  # "dropped to $1,900 in the churn spike": not the spike's figure
            changed = changed or passed not in LEADING | {"the", "monthly", "overall"}
        if at >= len(words) or _in_a_compound(clause.text, ends, at + 1):
            break  # "a 26% price-driven increase", "the churn-heavy months"
        named = names.first_words.get(at)
        if named:
            return named
        if words[at] in PRICED:
            return THE_PRICE
    return names.named_last(figure)



class ClauseNames:
    """Where one clause names the quantities of the expected numbers (their ``about``
    phrases) and where its words stand, read once for all the figures it states: a clause
    may state thousands, and reading it again for each made one sentence cost time quadratic
    in its length."""

    def __init__(self, clause: Clause, phrases: dict[str, PhraseSet]) -> None:
        self.clause, self._phrases = clause, phrases

    @cached_property
    def words(self) -> list[str]:
        """The clause's normalised words."""
        return self.clause.normal.split()

    @cached_property
    def ends(self) -> list[int]:
        """Where each of the clause's words ends in its text."""
        return [match.end() for match in WORD.finditer(self.clause.text)]

    @cached_property
    def _word_starts(self) -> list[int]:
        return [match.start() for match in WORD.finditer(self.clause.text)]

    @cached_property
    def spans(self) -> list[tuple[int, int, str]]:
        """Every (first word, word after the last, expected number) the clause names."""
        normal = self.clause.normal
        return [(start, end, number) for number, found in self._phrases.items()
                for start, end in found.spans(normal)]

    @cached_property
    def first_words(self) -> dict[int, frozenset[str]]:
        """The expected numbers named from each word on."""
        named: dict[int, set[str]] = {}
        for start, _, number in self.spans:
            named.setdefault(start, set()).add(number)
        return {start: frozenset(numbers) for start, numbers in named.items()}

    @cached_property
    def _quantities(self) -> list[tuple[int, int, str]]:
        # not named only to compare ("than revenue") or as part of a compound ("MRR-boosting")
        return [(start, end, number) for start, end, number in self.spans
                if not (start and self.words[start - 1] in COMPARED_WITH)
                and not _in_a_compound(self.clause.text, self.ends, end)]

    @cached_property
    def _by_end(self) -> dict[int, list[tuple[int, str]]]:
        by_end: dict[int, list[tuple[int, str]]] = {}
        for start, end, number in self._quantities:
            by_end.setdefault(end, []).append((start, number))
        return by_end

    @cached_property
    def _ends(self) -> list[int]:
        return sorted(self._by_end)

    def words_before(self, at: int) -> int:
        """How many words start before character ``at`` of the clause's text."""
        return bisect_left(self._word_starts, at)

    def figure_at(self, figure: StatedNumber) -> int:
        """The word ``figure`` starts at."""
        text = self.clause.text
        start = text.rfind(figure.text, 0, figure.end)
        return self.words_before(start if start >= 0 else len(text) - 1)

    def named_last(self, figure: StatedNumber) -> frozenset[str]:
        """The expected numbers the clause names last before ``figure``, with those of the
        words right before them ("solo MRR" names both; none: empty). Not a quantity named
        only to compare ("churn rose faster than revenue to 2.9%"), as part of a compound
        ("the MRR-boosting price change") or as the cause of the move (``behind_a_cause``)."""
        before = self.figure_at(figure)
        least = self._ends[0] if self._ends else None
        figures_at = {min(before, len(self.words))}

        def named_at(end: int) -> list[tuple[int, str]]:
            return [(start, number) for start, number in self._by_end.get(end, ())
                    if not behind_a_cause(self.words, start, end, least, figures_at)]

        reach = bisect_right(self._ends, before)
        run: list[tuple[int, str]] = []
        while not run and reach:
            reach -= 1
            run = named_at(self._ends[reach])
        named: set[str] = set()
        for _ in range(NAMES_IN_A_ROW):
            if not run:
                break
            named.update(number for _, number in run)
            run = named_at(min(start for start, _ in run))
        return frozenset(named)


def behind_a_cause(words: list[str], start: int, end: int, least_end: int | None,
                   figures_at: Collection[int]) -> bool:
    """Whether what the clause's ``words`` name at ``start``..``end`` stands in a phrase that
    says why or how a quantity named before it moved to the figure right after the phrase
    (``least_end``: where the first quantity the clause names ends; ``figures_at``: the words
    its figures start at, none past ``len(words)``): "overall churn rose on solo cancellations
    to 2.9%", "new customers fell after the churn spike by 45%", after "despite", "due to"
    and the like (``CAUSING``), or after a preposition that follows the other quantity's verb
    (``AFTER_A_VERB``). Not "churn among solo accounts rose to 4.1%", where the phrase says
    whose churn, nor where the phrase has a figure or a verb of its own ("MRR grew with churn
    at 2.9%", "after churn rose to 2.9%")."""
    # only a figure one or two words on can end the move (``_reached_after``)
    if least_end is None or not any(at in figures_at and _reached_after(words, end, at)
                                    for at in (end + 1, end + 2)):
        return False
    for at in range(start - 1, max(start - PREPOSITION_REACH, 0) - 1, -1):
        word = words[at]
        if word in JOINING or word[:1].isdigit():
            # a new clause or phrase begins ("after March and churn climbed"), or the
            # preposition's is a figure ("rose by 179% for agencies")
            return False
        if word in CAUSING:
            return least_end <= at  # another quantity named before
        if word in AFTER_A_VERB:
            return least_end < at  # ... and a word (its verb) between them
    return False


def _reached_after(words: list[str], end: int, figure: int) -> bool:
    """Whether the figure at word ``figure`` follows what ends at ``end`` as the end of the
    move: "to" or "by" right before it, and at most one word before that, no verb
    ("cancellations to 2.9%", "spike by 45%"; not "at 2.9%", "rose to 2.9%")."""
    between = words[end:figure]
    return (1 <= len(between) <= 2 and between[-1] in ("to", "by")
            and not any(_a_verb(word) for word in between[:-1]))


def _a_verb(word: str) -> bool:
    """Whether ``word`` may tell a move of its own: a past or an "-ing" form ("despite churn
    rising to 3.1%"), a verb of ``MOVED``, or "up" or "down" ("with sign-ups down by 35%")."""
    return word.endswith(("ed", "ing")) or word in MOVED


def _in_a_compound(text: str, ends: list[int], end: int) -> bool:
    """Whether the word before word ``end`` of ``text`` is joined by a hyphen to a word after
    it ("revenue-driven"): ``ends`` are where the text's words end."""
    at = ends[end - 1]
    return at < len(text) - 1 and text[at] == "-" and text[at + 1].isalpha()
