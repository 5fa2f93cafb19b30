"""The number checks: a figure counts for an expected number only when it is stated about
that quantity.

Every clause (``prose.clauses``) is about the expected numbers whose ``about`` phrases it
names. A clause that names none is about what the clause before it was about, in the same
sentence or the one before it under the same heading ("MRR rose 19%, from $142,506 to
$169,589"; "Churn rose sharply. It reached 3.4%"); a relative clause is about what it names
and what the clause before it names ("solo accounts, where churn rose to 4.1%"). An aside in
parentheses is about what it names or, naming nothing, restates its clause ("4%
(4.1%)"), and passes nothing on; a table row's statement is about what its label and header
name. So in "MRR is up 19%, and because each customer pays $10 more, lifetime value rose to
$2,620", $10 is not a lifetime value and 19% is not one either.

A figure in a clause about the number that agrees with it earns the point; the evidence
quotes the sentence (or the table row) holding it; a sentence is preferred to a table row.
Failing that, a figure of the same kind in a clause about it that agrees with no expected
number (nor rounds to one) is wrong: a contradiction of the exhibit, unless it is the
expected value rounded too far ("about 4%" for 4.1%), which only fails. Never wrong: a
figure in a condition ("only if churn falls below 2.5%": a threshold), and a figure the
brief or the exhibits give (``givens``: a price, a count from the data), which the
candidate quotes rather than computes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from worksample.prose.clauses import Clause
from worksample.prose.evidence import Finding, quote_sentence
from worksample.prose.matching import PhraseSet
from worksample.prose.measures import StatedNumber, measures_in
from worksample.prose.text import Sentence

from .config import ExpectedNumber
from .parts import Parts
from .quantities import ClauseNames, behind_a_cause, quantity_of


@dataclass(frozen=True)
class Scoped:
    """A clause and the expected numbers (ids) it is about."""

    clause: Clause
    about: frozenset[str]


@dataclass
class NumberOutcome:
    """A number check's finding, every clause stating a wrong figure (and what it says
    wrongly), and whether the finding's wrong figure contradicts the data."""

    finding: Finding
    wrong_in: dict[Clause, str] = field(default_factory=dict)
    contradicts: bool = False


def scoped_clauses(sentences: list[Sentence], clauses_of: Callable[[Sentence], list[Clause]],
                   part_of: dict[int, int], about: dict[str, PhraseSet]) -> list[Scoped]:
    """Every clause with the expected numbers it is about (see the module's docstring)."""
    scoped: list[Scoped] = []
    carried: frozenset[str] = frozenset()
    carried_from = -2
    for sentence in sentences:
        reachable = carried_from == sentence.index or (
            carried_from == sentence.index - 1
            and part_of.get(carried_from) == part_of.get(sentence.index))
        last: frozenset[str] = frozenset()  # what the last clause of this sentence is about
        places = _Places(sentence)
        for clause in clauses_of(sentence):
            own = frozenset(i for i, phrases in about.items()
                            if phrases.find_in_words(clause.normal))
            before = carried if reachable else frozenset()
            if clause.table:
                scoped.append(Scoped(clause, own))
            elif clause.aside:
                interrupted = places.interrupted(clause)
                scoped.append(Scoped(clause, own or (last if interrupted is None
                                                     else interrupted)))
            else:
                last = own | before if clause.relative else own or before
                if own:
                    carried, carried_from, reachable = last, sentence.index, True
                places.main(clause, last)
                scoped.append(Scoped(clause, last))
    return scoped


class _Places:
    """Where a sentence's main clauses start, and what each is about, to tell what an aside
    interrupts. Each is looked for after the one before, so a sentence of thousands of
    clauses is read in linear time; in the sentence's text with its spaces made single, as
    clauses have them."""

    def __init__(self, sentence: Sentence) -> None:
        self._text = " ".join(sentence.text.split())
        self._starts: list[int] = []  # in order: each looked for after the last
        self._abouts: list[frozenset[str]] = []
        self._asides_from = 0  # asides come after the main clauses, in their order
        self._last_length = 0  # of the last main clause looked for

    def main(self, clause: Clause, about: frozenset[str]) -> None:
        """Note where a main clause starts: found by its first words, as an aside may stand
        within it ("while MRR (up 45%) grew" is the clause "while MRR grew")."""
        words = clause.text.split()
        after = self._starts[-1] if self._starts else 0
        # not past the clauses that may stand between: a whole long sentence, scanned for a
        # start once per clause, would take time quadratic in its length
        end = after + CLAUSE_REACH + 4 * (self._last_length + len(clause.text))
        self._last_length = len(clause.text)
        for size in range(min(len(words), CLAUSE_START_WORDS), 0, -1):
            found = self._text.find(" ".join(words[:size]), after, end)
            if found >= 0:
                self._starts.append(found)
                self._abouts.append(about)
                return

    def interrupted(self, aside: Clause) -> frozenset[str] | None:
        """What the clause an aside stands in or after is about: the last main clause
        starting before it ("New customers fell from 740 to 531 (down 28.2%), mostly among
        solo accounts": the first); None when the aside's place is not found."""
        at = self._text.find(aside.text, self._asides_from)
        if at < 0:
            return None
        self._asides_from = at
        before = bisect_right(self._starts, at)
        return self._abouts[before - 1] if before else None


CLAUSE_START_WORDS = 3  # the words a main clause is found by in its sentence
CLAUSE_REACH = 1_000  # characters beyond the clauses' own lengths a start is looked for in


def check_number(number: ExpectedNumber, scoped: list[Scoped], others: list[ExpectedNumber],
                 why_not_counted: Callable[[Sentence], str],
                 givens: frozenset[tuple[float, bool]] = frozenset(),
                 parts: Parts | None = None,
                 about: dict[str, PhraseSet] | None = None,
                 a_right_change: Callable[[Clause, StatedNumber], bool] | None = None
                 ) -> NumberOutcome:
    """The check of one expected number over the clauses about it; ``givens`` are the
    (value, is a percentage) of the figures the brief and the exhibits state. A clause about
    a part of the customers the number is not about (``parts``: "a solo customer was worth
    $1,953", for lifetime value overall) states no wrong figure of it; nor does a figure
    about another quantity the clause names (``quantity_of``, with the numbers' ``about``
    phrases: "sign ups fell and churn climbed to 2.6%" states no wrong change in sign ups),
    nor a figure that tells its change in percent right (``a_right_change``: "churn rose by
    about 80%", from 1.87% to 3.38%)."""
    label = f"states {number.states}"
    expected = f"expected {number.shown()}"
    mine = [s.clause for s in scoped if number.id in s.about]
    # a sentence is the better evidence: a table row counts when no sentence states it
    counted = sorted((c for c in mine if not why_not_counted(c.sentence)),
                     key=lambda c: c.table)
    for clause in counted:
        right = next((n for n in measures_in(clause.text) if agrees(n, number)), None)
        if right is not None:
            return NumberOutcome(Finding("numbers", number.id, label, 1.0,
                                         f"{_quote(clause, right)}: {right.text} ({expected})"))
    wrongs = {}  # clause -> the wrong figures it states
    for clause in (c for c in counted if not c.condition
                   and not (parts and _of_another_part(c, number, parts, about))):
        names = ClauseNames(clause, about) if about is not None else None
        said = [n for n in measures_in(clause.text) if _same_kind(n, number)
                and (abs(n.value), n.percent) not in givens
                and not any(agrees(n, other) or _rounds_to(n, other) for other in others)
                and not (a_right_change and a_right_change(clause, n))
                and (names is None or number.id in (quantity_of(names, n) or {number.id}))]
        if said:
            wrongs[clause] = said
    if wrongs:
        # right only to a precision too rough to count: wrong, but no contradiction
        rough = {c: all(_rounds_to(n, number) for n in said) for c, said in wrongs.items()}
        clause, said = next(iter(wrongs.items()))
        note = "; too rough to count" if rough[clause] else "; a contradiction of the data"
        return NumberOutcome(
            Finding("numbers", number.id, label, 0.0,
                    f"{_quote(clause, said[0])}: says {', '.join(n.text for n in said)}; "
                    f"{expected}{note}", specifics={"wrong_number": _wrong_number(said, number)}),
            wrong_in={c: _wrong_number(n, number) for c, n in wrongs.items() if not rough[c]},
            contradicts=not rough[clause])
    doubtful = next((c for c in mine if any(agrees(n, number) for n in measures_in(c.text))),
                    None)
    if doubtful is not None:
        return NumberOutcome(Finding(
            "numbers", number.id, label, 0.0, quote_sentence(doubtful.sentence),
            review=f"found only in {why_not_counted(doubtful.sentence)}; not counted"))
    return NumberOutcome(Finding("numbers", number.id, label, 0.0, f"not stated ({expected})",
                                 specifics={"missing_number": number.states}))


def _wrong_number(said: list[StatedNumber], number: ExpectedNumber) -> str:
    """What a clause states wrongly, for the discussion guide and a key point's evidence."""
    return (f"{', '.join(n.text for n in said)} for {number.states} "
            f"(the data gives {number.value})")


def _of_another_part(clause: Clause, number: ExpectedNumber, parts: Parts,
                     about: dict[str, PhraseSet] | None = None) -> bool:
    """Whether the clause (a relative clause: its sentence) names a part of the customers
    that the number's ``about`` phrases do not ("solo LTV", "team churn", "a solo customer
    was worth ...", "a month of solo sign-ups"): its figures may be the part's, so none is
    sure to be a wrong figure of the whole (one that is not the whole's is then not stated)."""
    own = {parts.words[w] for phrase in number.about for w in phrase.lower().split()
           if w in parts.words}
    # a relative clause says more of what its sentence named before it ("freelancers worth
    # $1,194 each, where we used to acquire 94 worth $1,953")
    words = (clause.sentence if clause.relative else clause).normal.split()
    # a part named as the cause of the move makes the figure no part's ("churn rose on solo
    # cancellations to 2.9%")
    names = None if clause.relative or about is None else ClauseNames(clause, about)
    least = min((end for _, end, _ in names.spans), default=None) if names else None
    figures_at = set() if names is None or least is None else {
        min(names.figure_at(n), len(words)) for n in measures_in(clause.text)}
    return bool({parts.words[word] for at, word in enumerate(words) if word in parts.words
                 and not (least is not None
                          and behind_a_cause(words, at, at + 1, least, figures_at))}
                - own)


def stated_right(scoped: list[Scoped], numbers: list[ExpectedNumber],
                 states_a_finding: Callable[[Clause], bool]
                 ) -> dict[str, dict[int, tuple[Sentence, str]]]:
    """Where each of ``numbers`` is stated right: number id -> {sentence index: (the
    sentence, the figure as written)}, in clauses that are no table row and no condition,
    and that ``states_a_finding``."""
    found: dict[str, dict[int, tuple[Sentence, str]]] = {}
    by_id = {n.id: n for n in numbers}
    for item in scoped:
        clause = item.clause
        wanted = item.about & by_id.keys()
        if clause.table or clause.condition or not wanted:
            continue
        figures = measures_in(clause.text)
        for number_id in wanted:
            right = next((n for n in figures if agrees(n, by_id[number_id])), None)
            if right is not None and states_a_finding(clause):
                found.setdefault(number_id, {}).setdefault(clause.sentence.index,
                                                           (clause.sentence, right.text))
    return found


def givens_in(texts: list[str]) -> frozenset[tuple[float, bool]]:
    """The figures stated in ``texts`` (the brief, the exhibits' cells), as (value, is a
    percentage)."""
    return frozenset((abs(n.value), n.percent) for text in texts for n in measures_in(text))


def agrees(stated: StatedNumber, number: ExpectedNumber) -> bool:
    """Whether a stated number is the expected one: within the tolerance, or the expected
    value rounded to the precision written ("17%" or "17.4%" for 17.42%; "$9.8k" for $9,840).
    A percentage also matches its fraction (17.4% = 0.174); the sign is not compared, so "a
    fall of 3.2%" states -3.2%."""
    if not _comparable(stated, number):
        return False
    if _difference(stated, number) <= number.allowed_difference + 1e-12:
        return True
    return stated.significant_digits >= 2 and _rounds_to(stated, number)


def _comparable(stated: StatedNumber, number: ExpectedNumber) -> bool:
    expected = number.expected
    return expected.percent == stated.percent or (expected.percent and abs(stated.value) <= 1)


def _difference(stated: StatedNumber, number: ExpectedNumber) -> float:
    return abs(abs(stated.fraction_value) - abs(number.expected.fraction_value))


def _rounds_to(stated: StatedNumber, number: ExpectedNumber) -> bool:
    """The expected value rounded to the precision the figure is written in."""
    step = stated.step / 100 if stated.percent else stated.step
    return _comparable(stated, number) and _difference(stated, number) <= step / 2 + 1e-12


def _same_kind(stated: StatedNumber, number: ExpectedNumber) -> bool:
    """A percentage (or a fraction) for a percentage; an amount for an amount."""
    if number.expected.percent:
        return stated.percent or abs(stated.value) <= 1
    return not stated.percent


def _quote(clause: Clause, figure: StatedNumber) -> str:
    """The sentence holding the figure; for a table row, the row and the statement read."""
    quote = quote_sentence(clause.sentence, figure.text)
    return f"{quote} (table row, read as “{clause.text}”)" if clause.table else quote
