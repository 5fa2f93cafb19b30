"""The flags a report raises on a result, each with its category and severity, most severe
first.

Severity is how urgently a reviewer must look before the score decides anything:

- **high**: the score cannot be taken as it stands. Suspected tampering (any flag a plugin
  raises that is not named below: the coding plugin's ``forged-outcome``,
  ``framework-patched`` ..., the text plugins' ``hidden-text``), a flag that fails the
  submission whatever its score (``automatic-fail``, ``discloses-personal-data``) or may
  (``possible-automatic-fail``: read the sentence and decide), the same
  or nearly the same work as another candidate's, or similar work above the assignment's
  threshold (another candidate's, a known leak, the reference solution), and a submission not
  graded (rejected, or an error on our side).
- **medium**: the score is right but says little of the candidate's skill: the run or a
  test stopped at a limit (``timeout``, ``memory``, ``crashed``, ``timed-out``), an empty
  part, a part about something else (``off-topic``).
- **low**: worth a question, not a doubt: a required file not sent (``missing-file``), and
  matches the automatic checks left to the reviewer (``to check``).

Flags stay evidence for reviewers, never a penalty of their own: only a plugin's ``fails``
flag changes a result (in the core, not here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from worksample.models import GradeResult, IntegrityFlag, Status
from worksample.reports.view import FlagView, Severity

SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
RUN_ENDINGS = {
    "timeout": ("limit", "Stopped at the wall-clock limit"),
    "memory": ("limit", "Stopped at the memory limit"),
    "crashed": ("limit", "The test process crashed"),
}
# flags a plugin raises that are not signs of tampering: their category and severity
POLICY_FLAGS: dict[str, tuple[str, Severity]] = {
    "automatic-fail": ("review", "high"),
    # a statement that would fail the submission, which only the reviewer can tell is made
    "possible-automatic-fail": ("review", "high"),
    "discloses-personal-data": ("review", "high"),
    "timed-out": ("limit", "medium"),
    "empty": ("review", "medium"),
    "off-topic": ("review", "medium"),
    "missing-file": ("review", "low"),
}
SAME_FILES, SAME_TEXT, SIMILAR, TO_CHECK = ("same files", "near-identical", "similar work",
                                            "to check")
_NAMED = 5  # others named in a flag; a copied cohort may have hundreds


@dataclass
class Twins:
    """The others in the cohort whose work is the same as one candidate's: the same files
    (the same content hash), or nearly the same text (``similar.py``), by the names the
    report shows them under; and the work found similar to it by the similarity measure
    (``similar_work.SimilarOther``: other candidates, earlier cohorts, known leaks, the
    reference), those named by the first two left out."""

    same_files: list[str] = field(default_factory=list)
    same_text: list[str] = field(default_factory=list)
    similar: list = field(default_factory=list)  # the first few
    similar_count: int = 0  # of them in all


def result_flags(result: GradeResult, clean: Callable[[str], str],
                 twins: Twins | None = None) -> list[FlagView]:
    """The flags of ``result``, most severe first (in the order raised within a severity),
    every candidate-derived text through ``clean``."""
    twins = twins or Twins()
    flags = []
    if twins.same_files:
        flags.append(FlagView(category="review", kind=SAME_FILES, severity="high", evidence=(
            f"exactly the same files as {_named(twins.same_files)} sent")))
    if twins.same_text:
        flags.append(FlagView(category="review", kind=SAME_TEXT, severity="high", evidence=(
            f"nearly the same text as {_named(twins.same_text)} sent (other files or "
            "formats, the same words): compare the pages before crediting either")))
    if twins.similar:
        flags.append(FlagView(category="review", kind=SIMILAR, severity="high",
                              evidence=similar_evidence(twins.similar, twins.similar_count)))
    if result.status == Status.REJECTED:
        flags.append(FlagView(category="intake", kind="rejected", severity="high",
                              evidence=clean(result.message)))
    if result.status == Status.ERROR:
        flags.append(FlagView(category="machinery", kind="not graded", severity="high",
                              evidence=clean(result.message)))
    if result.run is not None and result.run.ended in RUN_ENDINGS:
        category, text = RUN_ENDINGS[result.run.ended]
        flags.append(FlagView(category=category, kind=result.run.ended, severity="medium",
                              evidence=f"{text} after {result.run.seconds:.1f} s"))
    flags += [_plugin_flag(flag, clean) for flag in result.flags]
    undecided = sum(1 for check in result.checks if check.review)
    if undecided:
        flags.append(FlagView(category="review", kind=TO_CHECK, severity="low", evidence=(
            f"{undecided} match(es) the automatic checks could not decide, counted neither "
            "way: see 'For you to check' under each criterion")))
    return sorted(flags, key=lambda flag: SEVERITIES.index(flag.severity))


def flag_kinds(result: GradeResult, twins: Twins | None = None) -> list[tuple[str, Severity]]:
    """The kind and severity of each flag of ``result``, most severe first (the cohort
    page's column; no candidate text, so nothing to clean)."""
    return [(flag.kind, flag.severity) for flag in result_flags(result, lambda text: text, twins)]


def _plugin_flag(flag: IntegrityFlag, clean: Callable[[str], str]) -> FlagView:
    """A flag a plugin raised: a known policy flag, or else a sign of tampering; a flag that
    fails the submission is high whatever its kind."""
    category, severity = POLICY_FLAGS.get(flag.kind, ("integrity", "high"))
    return FlagView(category=category, kind=flag.kind, evidence=clean(flag.evidence),
                    severity="high" if flag.fails else severity)


def similar_evidence(others: list, count: int) -> str:
    """What the similar-work flag says: how much of one is found in the other, for each of
    the first few of the ``count`` ``others``, and where to look."""
    shares = [f"{other.share:.0%} with {other.name}" for other in others[:_NAMED]]
    more = f" and {count - _NAMED} more" if count > _NAMED else ""
    return (f"in common: {', '.join(shares)}{more} (the share of one found in the other, the "
            "starter and other shared material left out). The parts in common are side by "
            "side under Similar work: evidence to ask about, not a verdict")


def _named(names: list[str]) -> str:
    """``names`` in a sentence, the first few of them when there are many."""
    if len(names) <= _NAMED:
        return ", ".join(names)
    return f"{', '.join(names[:_NAMED])} and {len(names) - _NAMED} others"
