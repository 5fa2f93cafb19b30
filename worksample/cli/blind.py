"""What the ``--blind`` commands share: naming candidates by the aliases blind reports show,
finding a candidate by alias, and redacting names from what reviewers wrote (and keeping
what they wrote when a redacted copy comes back).

Every alias comes from the one shared function (``reports.redact.blind_aliases``, through
``common.blind_names``); nothing here computes one. An error names the alias, never the
candidate.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from worksample.cli.common import blind_names
from worksample.errors import WorksampleError


def _code(alias: str) -> str:
    """"Candidate K3F9Q", "K3F9Q" and the page's file name "candidate-k3f9q" alike."""
    return alias.strip().upper().removeprefix("CANDIDATE").strip(" -_")


class BlindView:
    """The candidates of one assignment as a blind reviewer sees them: by alias, with every
    word of every candidate's name redacted from free text (notes, reasons)."""

    def __init__(self, store, assignment_id: str):
        from worksample.reports.redact import Redactor, name_tokens

        self.assignment_id = assignment_id
        self.aliases = blind_names(store, assignment_id)
        self._redact = Redactor([word for submission_id, _ in self.aliases
                                 for word in name_tokens(submission_id)])

    def name(self, submission_id: str, key: str, seen_as: str = "") -> str:
        """The alias of the submission (id, key): as blind reports show it now, else the one
        it was seen under."""
        return self.aliases.get((submission_id, key)) or seen_as or "Candidate ?"

    def text(self, text: str) -> str:
        """``text`` (a note, a reason) with candidates' names, contacts and links redacted."""
        return self._redact(text)

    def submission(self, alias: str) -> tuple[tuple[str, str], str]:
        """((submission id, key), the alias as blind reports write it) of ``alias``, or a
        WorksampleError that names no candidate."""
        for submission, shown in self.aliases.items():
            if _code(shown) == _code(alias):
                return submission, shown
        raise WorksampleError(f"no candidate of {self.assignment_id!r} has the alias "
                              f"{alias!r}; copy it from the blind report")

    def result(self, latest: dict, alias: str) -> tuple:
        """(The alias as blind reports write it, the latest graded result of the submission
        it names), or a WorksampleError that names no candidate."""
        from worksample.store import submission_key

        (submission_id, key), shown = self.submission(alias)
        result = latest.get((self.assignment_id, submission_id))
        if result is None or submission_key(result) != key:
            raise WorksampleError(f"{shown} of {self.assignment_id!r} has no graded result (or "
                                  "sent other work since the blind report was written)")
        return shown, result

    def unredacted(self, rating, in_force):
        """``rating`` read from a blind panel's sheet, with the note and reason of the same
        reviewer's rating in force (``in_force``, or None) where the sheet holds them as a
        blind export wrote them, redacted: the redaction is not a change the reviewer made."""
        if in_force is None:
            return rating
        kept = {field: getattr(in_force, field) for field in ("note", "reason")
                if getattr(rating, field) == self.text(getattr(in_force, field))}
        return rating.model_copy(update=kept)

    def blinded(self, given):
        """A copy of a rating or decision for a blind panel: the alias in place of the
        submission id, no submission key, the note and reason redacted."""
        changed = {"submission_id": self.name(given.submission_id, given.submission_key,
                                              getattr(given, "alias", "")),
                   "submission_key": "", "reason": self.text(given.reason)}
        if hasattr(given, "note"):
            changed["note"] = self.text(given.note)
        return given.model_copy(update=changed)


def blind_views(store) -> Callable[[str], BlindView]:
    """The BlindView of an assignment id, made once per assignment asked for."""
    return functools.cache(functools.partial(BlindView, store))
