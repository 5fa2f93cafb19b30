"""Key points told in the present: "the churn is double what it was", "new customers drop
from 740 to 531".

Many writers of English as a second language tell a finding in the present tense. The case's
cues are written in the past ("churn ... rose"), and a phrase matches its words as written.
Reading the present as the past everywhere misreads: the present also tells general rules
("churn doubles when prices go up"), levels ("churn is double the industry average") and
other senses ("sign ups fall to a trickle every August"), which a red team showed (71 texts,
tests/corpora/key_points.yaml). So a cue whose verb is in the past is read in the present
only in a clause that anchors the change to the case's two periods (``anchored``): a move
from one figure to another ("from 740 to 531", "to 3.38% from 1.87%"), a comparison with
before ("than before", "what it was", "compared with"), or the change itself named ("since
the rise", "after the price rise") in the clause itself; never in a sentence that tells a
rule, a habit or a supposition ("whenever", "every", "were we to ..."), and not in a
condition, a forecast or a hedge, as any cue. It carries over what the past-tense cues
already misread (another company's churn "from 2.1% to 3.9%", a negation far before the
cue), and reads no more than they do: a red team's 67 texts (benchmarks/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from worksample.prose.matching import GAP
from worksample.prose.word_forms import base_of, names_a_year

# the past forms of verbs that tell a trend, to their present ones
IRREGULAR = {"rose": ("rise", "rises"), "fell": ("fall", "falls"), "grew": ("grow", "grows"),
             "went": ("go", "goes")}
# what anchors a present tense to the change: a comparison with before, or the change named
COMPARED = ("than before", "than it was", "what it was", "compared with", "compared to",
            "since the rise", "since the price rise", "since the increase", "since march",
            "after the rise", "after the price rise", "after the increase")
# in the sentence, a present that tells a rule, a habit or a supposition: "churn rises from
# 2% to 4% whenever prices go up", "were we to raise it again, new customers fall ..."
GENERAL = frozenset({"when", "whenever", "each", "every", "usually", "typically", "normally",
                     "generally", "always", "often", "rule", "were", "should", "would",
                     "scenario", "model", "target", "benchmark", "industry"})
# a move from one figure to another: "from 740 to 531", "from 1.87% to 3.38%"; the word
# holding a digit is taken whole (possessive): split at each of its digits in turn, a word of
# 80,000 digits after "from" took 8 s (a red team's)
_FROM_TO = re.compile(r"(?<![\w'])(?:from (?=\S*\d)\S++ (?:\S+ )?to"
                      r"|to (?=\S*\d)\S++ (?:\S+ )?from) \S*\d")


def present_cues(cues: Iterable[str]) -> list[str]:
    """The cues whose verb is in the past, with it in the present, agreeing with the words
    before it: "churn ... rose" gives "churn ... rises" ("the rise" is a noun); "new customers
    ... fell" gives "new customers ... fall" and "... falls"; "churn ... doubled" gives "churn
    ... doubles" and "churn ... is double"."""
    found = []
    for cue in cues:
        words = cue.split()
        for at, word in enumerate(words):
            plural = at > 0 and words[:at][-1 if words[at - 1] != GAP else -2].endswith("s")
            for present in _present_of(word, plural):
                found.append(" ".join([*words[:at], present, *words[at + 1:]]))
    return found


def _present_of(word: str, plural: bool) -> tuple[str, ...]:
    """The present forms of a past tense of a verb (none for any other word), the bare one
    only after a ``plural``. Which regular past drops an "e" is not known, so both are given
    ("declined": "declines", "declins"); a form that is no word matches nothing."""
    if word in IRREGULAR:
        bare, third = IRREGULAR[word]
        return (bare, third) if plural else (third,)
    if word == GAP or not word.endswith("ed") or len(word) < 5:
        return ()
    stem = base_of(word)
    if stem == word:
        return ()
    bases = (stem,) if stem.endswith("e") else (stem, stem + "e")
    forms = tuple(form for base in bases for form in ((base, base + "s") if plural
                                                      else (base + "s",)))
    return (*forms, "is double") if "double" in bases else forms


def anchored(clause: str, sentence: str) -> bool:
    """Whether a clause's normalised words anchor a change to the case's two periods (see the
    module docstring), in a sentence that dates nothing to a year ("in 2023, after the last
    price change, sign ups fall from 200 to 150") and tells no rule, habit or supposition
    (``GENERAL``). The anchor must be in the clause itself: a sentence that opens "Since the
    rise, ..." dates whatever follows, "churn rises as a topic in every meeting" too."""
    words = sentence.split()
    if names_a_year(words) or not GENERAL.isdisjoint(words):
        return False
    padded = f" {clause} "
    return bool(_FROM_TO.search(clause)) or any(f" {words} " in padded for words in COMPARED)
