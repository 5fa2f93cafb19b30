"""Similar work in a report: the similarity measured for the assignment
(``worksample.similarity.measure.Similarity``) as the report names candidates, with the parts
in common made safe to show.

The other piece of work is named as the report names it: another candidate of the report by
the name (or, in a blind review, the alias) their own page has; a submission stored under
another version of the assignment by its id, or the alias blind reviews give it; a known
leak by the name the team gave it; the reference solution as such. In a blind review the
other's lines are redacted of the other's name too.

Shown to reviewers only, never to candidates; the score is unchanged (a flag, ``flags.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from worksample.models import GradeResult, Status
from worksample.reports.redact import Redactor, name_tokens
from worksample.reports.view import SimilarExcerpt, SimilarFragment, SimilarMatch, SimilarView
from worksample.safe_text import visible
from worksample.store import submission_key

MAX_LISTED = 10  # matches listed on a page
# the parts in common shown side by side, the largest first: three of the closest match,
# one of each of the next two (a page of a copied cohort stays readable, and quick to make)
FRAGMENTS_SHOWN = (3, 1, 1)


@dataclass(frozen=True)
class SimilarOther:
    """Another piece of work found similar to a candidate's, as the report names it."""

    name: str
    share: float
    other_is: str  # "submission", "other-cohort", "leak" or "reference"
    match: object = field(default=None, compare=False)  # the measure's Match


class SimilarWork:
    """The look-up of each result's similar work, for a report (``blind`` or not), from the
    similarity ``measured`` (a ``Similarity``)."""

    def __init__(self, measured, blind: bool):
        self.measured, self.blind = measured, blind
        self._aliases: dict[tuple[str, str], str] | None = None

    @classmethod
    def measured_in(cls, assignment, store, blind: bool,
                    say: Callable[[str], None] = lambda line: None) -> SimilarWork:
        """The similar work of ``assignment``'s stored submissions, measured now (the
        fingerprints the store lacks made and kept)."""
        from worksample.similarity.measure import Similarity

        return cls(Similarity(assignment, store, say=say), blind)

    def others(self, result: GradeResult, shown: dict[tuple[str, str], str],
               excluding: set[tuple[str, str]]) -> tuple[list[SimilarOther], int]:
        """The first ``MAX_LISTED`` pieces of work found similar to ``result``'s, the most
        similar first, and how many there are in all, the submissions ``excluding`` (by id
        and key) left out; ``shown`` names the report's candidates by (id, key)."""
        key = submission_key(result)
        matches, count = self.measured.matches(result.submission_id, key, MAX_LISTED,
                                               excluding)
        return [self._named(match, shown, result.submission_id) for match in matches], count

    def view(self, result: GradeResult, others: list[SimilarOther], count: int,
             clean: Callable[[str], str]) -> SimilarView | None:
        """The page's section on similar work (None when there is nothing to say): the
        ``others`` found (``count`` in all), every line of the work through ``clean``."""
        key = submission_key(result)
        if not others and result.status != Status.GRADED:
            return None  # its flag says why it was not read
        note = self.measured.unread(result.submission_id, key)
        if not others and not note:
            return None
        matches = []
        for place, other in enumerate(others):
            match = other.match
            fragments = [] if place >= len(FRAGMENTS_SHOWN) else self.measured.fragments(
                result.submission_id, key, match.other)[:FRAGMENTS_SHOWN[place]]
            theirs = self._cleaner(match.other, clean)
            matches.append(SimilarMatch(
                other=other.name, other_is=other.other_is, share=match.share,
                runs=match.runs, lines=match.lines,
                fragments=[SimilarFragment(this=_excerpt(f.this, clean),
                                           other=_excerpt(f.other, theirs), matched=f.matched)
                           for f in fragments]))
        return SimilarView(threshold=self.measured.threshold, matches=matches,
                           more=max(0, count - len(matches)), note=note)

    def _named(self, match, shown: dict[tuple[str, str], str],
               submission_id: str) -> SimilarOther:
        """The other piece of work of ``match`` as the report names it; one sent under the
        same name as this one (``submission_id``) says so."""
        other = match.other
        if other.source == "leak":
            return SimilarOther(f"known leak {visible(other.name)}", match.share, "leak", match)
        if other.source == "reference":
            return SimilarOther("the reference solution", match.share, "reference", match)
        same = " (sent under the same file name: sent again?)" \
            if other.name == submission_id else ""
        name = shown.get((other.name, other.key))
        if name is not None:
            return SimilarOther(name + same, match.share, "submission", match)
        if self.blind:
            name = self._alias(other.name, other.key)
        return SimilarOther(f"{visible(name or other.name)} (another cohort){same}",
                            match.share, "other-cohort", match)

    def _alias(self, submission_id: str, key: str) -> str:
        if self._aliases is None:
            from worksample.reports.redact import blind_aliases

            stored = self.measured.store.submissions(self.measured.assignment.id)
            self._aliases = dict(zip(stored, blind_aliases(self.measured.assignment.id,
                                                           stored), strict=True))
        return self._aliases.get((submission_id, key), "Candidate")

    def _cleaner(self, other, clean: Callable[[str], str]) -> Callable[[str], str]:
        """What the other side's lines go through: the page's ``clean``, and in a blind
        review the redaction of the other candidate's name too."""
        if not self.blind or other.source != "submission":
            return clean
        redact = Redactor(name_tokens(other.name))
        return lambda text: redact(clean(text))


def _excerpt(excerpt, clean: Callable[[str], str]) -> SimilarExcerpt:
    return SimilarExcerpt(path=clean(excerpt.path), first=excerpt.first, last=excerpt.last,
                          lines=[clean(line) for line in excerpt.lines], more=excerpt.more,
                          common=sorted(excerpt.common))
