"""The interview parts of a candidate's page, built together from one result: the discussion
guide (``guide.py``), the timed agenda (``agenda.py``), HR's kit and the questions the
candidate may ask (``hr_kit.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from worksample.models import AssignmentSpec, CandidateQuestion, CriterionScore, GradeResult, Status
from worksample.reports.agenda import Agenda, agenda
from worksample.reports.guide import Guide, discussion_guide
from worksample.reports.hr_kit import HrKit, hr_kit
from worksample.reports.view import FlagView


@dataclass
class Interview:
    """What the page shows for the second round; guide and agenda only for a graded result."""

    guide: Guide | None
    agenda: Agenda | None
    hr_kit: HrKit
    candidate_questions: list[CandidateQuestion]


def interview_brief(spec: AssignmentSpec, result: GradeResult, scores: list[CriterionScore],
                    flags: list[FlagView], clean: Callable[[str], str]) -> Interview:
    """The interview parts for ``result``: ``scores`` are the levels in force (reviewers'
    where they have rated), ``flags`` the page's flags."""
    pairs = [(flag.kind, flag.evidence) for flag in flags]
    graded = result.status == Status.GRADED
    kit = hr_kit(spec, result if graded else None, pairs, clean)
    guide = discussion_guide(spec, scores, clean, result, pairs) if graded else None
    close = " ".join(part for part in (kit.next_steps, kit.timeline) if part)
    return Interview(guide=guide,
                     agenda=agenda(guide, kit.prompts, close) if guide is not None else None,
                     hr_kit=kit, candidate_questions=kit.prompts)
