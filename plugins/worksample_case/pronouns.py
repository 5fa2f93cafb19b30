"""A key point told through a pronoun: "Overall monthly churn went from 1.87% to 3.38%. In solo it
doubled." tells that solo churn doubled, though no clause holds "solo" and "churn".

A point's cue ("solo ... churn") is a few groups of words that must stand in one clause. A
clause that holds every group of a cue but one, and the subject pronoun "it" next to one of them
(``NEAR`` words), is read with "it" written as the missing group, when the group was named just
before: in the nearest earlier clause (of its sentence, or of the sentence before under the same
heading) that names anything "it" could stand for (``referents``: what the cues tell of and the
quantities the case measures), and that clause names nothing else the clause does not hold
("Churn rose while lifetime value fell. In solo it doubled." is not read), and does not deny it.
The clauses looked to are the earlier ones of its own sentence or, for an "it" in its sentence's
first clause, those of the sentence before. Not read: an "it" in a question, or right after a
verb it is the object of ("we raised it": the price). The sentence of one of the two must state
a figure (``_measured``): a measure told with its numbers, not a measure named as a topic
("Churn is the measure to watch. In solo it is hard to say yet"; "MRR is what finance reports.
It rose to the top of the agenda"). The clause is then matched like any other, with every
negation, condition and hedge the point's reading already knows. A miss leaves the clause as it
was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from worksample.prose.cache import per_submission
from worksample.prose.clauses import Clause
from worksample.prose.matching import GAP
from worksample.prose.measures import measures_in
from worksample.prose.negation import denial
from worksample.prose.text import WORD

# the pronoun a measure is named again by ("it doubled"); "they", "this" and "that" name
# customers, a finding or a clause as often as a measure
PRONOUN = "it"
# verbs "it" is the object of right after them ("we raised it", "customers called it fair"):
# there it stands for the price or the plan, not a measure; besides any word ending in "-ed"
TAKING_AN_OBJECT = frozenset({"made", "make", "makes", "kept", "keep", "keeps", "set", "put",
                              "cut", "found", "find", "call", "calls", "raise", "raises",
                              "price", "see", "saw", "take", "took", "leave", "left", "got"})
# at most this many words between the pronoun and the cue's word it stands next to: "in solo
# it doubled", "it doubled in solo"; not an "it" that opens a remark ("it is worth noting
# that solo ...")
NEAR = 2


def referents_of(cues: list[list[tuple[str, ...]]], measures: list[list[str]]) -> frozenset[str]:
    """What "it" may stand for in a case: the things the points' cues tell of (each cue's first
    group, its subject: "churn" of "churn ... rose", not the verb) and every phrase naming a
    quantity the case measures, in lower case."""
    return frozenset([*(cue[0] for point in cues for cue in point),
                      *(phrase.lower() for about in measures for phrase in about)])


def cue_groups(cues: list[str]) -> list[tuple[str, ...]]:
    """Each cue as its groups of words, in lower case ("solo ... churn": ("solo", "churn"));
    cues of one group are left out (a pronoun cannot stand for all of a cue)."""
    groups = [tuple(part.strip().lower() for part in cue.split(GAP) if part.strip())
              for cue in cues]
    return [cue for cue in groups if len(cue) > 1]


def read_through_pronoun(clause: Clause, earlier: Sequence[Clause], cues: list[tuple[str, ...]],
                         referents: frozenset[str]) -> tuple[Clause, str] | None:
    """``clause`` with its pronoun written as the cue's group it lacks, named last in
    ``earlier`` (the clauses before it that a pronoun may point back to, nearest last), and
    that group; None when no cue is told through a pronoun in it."""
    words = clause.normal.split()
    if PRONOUN not in words or clause.table or clause.sentence.text.rstrip().endswith("?"):
        return None
    at = words.index(PRONOUN)
    if at and (words[at - 1].endswith("ed") or words[at - 1] in TAKING_AN_OBJECT):
        return None  # the object of a verb
    for cue in cues:
        held = [group for group in cue if _holds(words, group)]
        missing = [group for group in cue if group not in held]
        if len(missing) != 1 or missing[0] not in referents or "*" in missing[0] or not any(
                _near(words, group, at) for group in held):
            continue
        named_in = _named_last(earlier, missing[0], set(held), referents)
        if (named_in is not None and not _denied(named_in, missing[0])
                and (_measured(clause.sentence.text) or _measured(named_in.sentence.text))):
            return replace(clause, text=_written_as(clause.text, missing[0])), missing[0]
    return None


def _denied(clause: Clause, group: str) -> bool:
    """Whether the clause denies the group where it names it ("we saw no change in churn")."""
    start = _starts(clause.normal.split(), group)[0]
    return bool(denial(clause.as_sentence(), start, start + len(group.split())))


@per_submission(maxsize=256)  # asked of one sentence for each "it" in it and each cue: read once
def _measured(text: str) -> bool:
    """Whether ``text`` states a figure: a percentage, or a number that is no year."""
    return any(number.percent or not (number.value.is_integer() and 1900 <= number.value <= 2100
                                      and "$" not in number.text)
               for number in measures_in(text))


def _holds(words: list[str], group: str) -> bool:
    """Whether ``words`` hold the group's words in a row."""
    return bool(_starts(words, group))


def _near(words: list[str], group: str, at: int) -> bool:
    """Whether the group stands within ``NEAR`` words of word ``at``."""
    size = len(group.split())
    return any(start - (at + 1) < NEAR if start > at else at - (start + size) < NEAR
               for start in _starts(words, group))


def _starts(words: list[str], group: str) -> list[int]:
    """Where the group's words stand in a row in ``words`` (a word ending in "*" as a
    stem)."""
    wanted = group.split()
    if not all(w.endswith("*") or w in words for w in wanted):
        return []  # most groups are not in a clause at all: the scan below is for those that are
    return [start for start in range(len(words) - len(wanted) + 1)
            if all(words[start + i].startswith(w[:-1]) if w.endswith("*") else
                   words[start + i] == w for i, w in enumerate(wanted))]


def _named_last(earlier: Sequence[Clause], group: str, held: set[str],
                referents: frozenset[str]) -> Clause | None:
    """The nearest of ``earlier`` that names any of ``referents``, when it names ``group``
    and every other one it names is one the clause itself holds (else the pronoun may stand
    for that one); None otherwise."""
    for clause in reversed(earlier):
        words = clause.normal.split()
        named = {g for g in referents | {group} if _holds(words, g)}
        if named:
            return clause if group in named and named - {group} <= held else None
    return None


def _written_as(text: str, group: str) -> str:
    """``text`` with its first whole word "it" written as ``group``."""
    for match in WORD.finditer(text):
        if match.group(0).lower() == PRONOUN:
            return text[:match.start()] + group + text[match.end():]
    return text
