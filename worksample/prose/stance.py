"""Whether a sentence decides or hedges: "move solo customers back to $39" decides;
"management should weigh these factors", "it depends", "we could consider a solo plan" do
not.

A clause hedges when it holds one of ``HEDGES``: a modal of possibility (could, might, may
be), a word that hands the decision on or postpones it (weigh, depends on, up to the board,
before making a decision, more data), or one that lists options instead of choosing
(either, one option, options include). Only the clauses that carry the recommendation are
read: in "keep $49 for teams, which could cost a few agencies", the decision stands.
"""

from __future__ import annotations

from worksample.prose.clauses import Clause
from worksample.prose.matching import PhraseSet

HEDGES = (
    "could", "might", "may be", "may want", "may wish", "may need", "may consider", "perhaps",
    "possibly", "consider", "considering", "weigh*", "it depends", "depends on", "depending on",
    "either", "one option", "another option", "options include", "explore", "look into",
    "up to management", "up to the board", "for management to decide", "for the board to",
    "before making a decision", "before deciding", "before committing", "more data",
    "further analysis", "further research", "wait and see", "trade off between",
    "a trade off between", "worth discussing", "may wish to discuss",
)


class Stance:
    """Finds hedges in clauses (compiled once)."""

    def __init__(self, hedges: tuple[str, ...] = HEDGES):
        self.hedges = PhraseSet(hedges)

    def hedge(self, clauses: list[Clause]) -> str:
        """The first hedge found in ``clauses``, as written in normalised words; '' when
        they decide."""
        found = self.hedges.find([c.as_sentence() for c in clauses])
        return found.words if found else ""
