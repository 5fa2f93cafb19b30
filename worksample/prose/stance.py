"""Whether a sentence decides or hedges: "move solo customers back to $39" decides;
"management should weigh these factors", "it depends", "we could consider a solo plan" do
not.

A clause hedges when it holds one of ``HEDGES``: a modal of possibility (could, might, may
be), a word that hands the decision on or postpones it (weigh, depends on, up to the board,
before making a decision, more data), or one that lists options instead of choosing
(either, one option, options include). A test of a course (``TESTS``) puts the decision off
when it leads to the course ("run an eight-week test of a $39 solo plan"), not after it
("launch a solo plan and test its price in six months") nor further back ("after a short
pilot with twenty freelancers we should launch the solo plan").
Only the clauses that carry the recommendation are read: in "keep $49 for teams, which could
cost a few agencies", the decision stands.
"""

from __future__ import annotations

from worksample.prose.clauses import Clause
from worksample.prose.commitment import FIRST_PERSON
from worksample.prose.matching import PhraseSet
from worksample.prose.text import Sentence

HEDGES = (
    "could", "might", "may be", "may want", "may wish", "may need", "may consider", "perhaps",
    "possibly", "consider", "considers", "considering", "weigh*", "it depends", "depends on",
    "depending on", "either", "one option", "another option", "options include", "explore",
    "look into",
    "up to management", "up to the board", "for management to decide", "for the board to",
    "before making a decision", "before deciding", "before committing", "more data",
    "further analysis", "further research", "wait and see", "trade off between",
    "a trade off between", "worth discussing", "may wish to discuss",
)
# a test of a course puts the decision off until its result: "run a test of a $39 solo plan"
# (but "launch a solo plan and test its price later" decides)
TEST_REACH = 4  # "test of a $39 solo plan": the words from a test to the course it tests
TESTS = ("test", "a b test", "pilot", "trial", "experiment", "testing", "piloting", "trialling",
         "trialing")


class Stance:
    """Finds hedges in clauses (compiled once)."""

    def __init__(self, hedges: tuple[str, ...] = HEDGES):
        self.hedges = PhraseSet(hedges)
        self.tests = PhraseSet(TESTS)

    def tested(self, clause: Clause, start: int) -> str:
        """The test named just before word ``start`` of the clause, in the ``TEST_REACH``
        words that lead to it ("run a test of a $39 solo plan", "pilot a solo plan"), as
        written in normalised words; '' when none. A test further back is about something
        else ("after a short pilot with twenty freelancers we should launch the solo plan")."""
        before = clause.normal.split()[max(0, start - TEST_REACH):start]
        found = self.tests.find([Sentence.of_words(before)]) if before else None
        # "even on that test I recommend we keep $49": the writer chooses after it
        if found is None or FIRST_PERSON.intersection(before[found.end:]):
            return ""
        return found.words

    def hedge(self, clauses: list[Clause]) -> str:
        """The first hedge found in ``clauses``, as written in normalised words; '' when
        they decide."""
        found = self.hedges.find([c.as_sentence() for c in clauses])
        return found.words if found else ""
