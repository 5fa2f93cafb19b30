"""Questions built from one candidate's evidence: every failed test group, every missed
question, wrong number or statement the work must not make, and every flag of weight yields a
probe that names the candidate's own work in plain words.

What a probe rests on:

- **Flags of weight** (first): an automatic fail, a hang or a run stopped at a limit, an
  empty or off-topic submission, code that does not load, a required file not sent, the same
  files as another candidate's, work similar to other work (``similar work``), signs of
  tampering.
- **Failed tests** (kind ``test``, and recorded cases, kind ``case``), grouped by
  ``plain.check_group``: one probe per group, naming up to three tests with what went
  wrong. Tests that did not finish or could not run are the hang's and the load failure's
  probes, not their group's.
- **Text checks** (every other kind), grouped by criterion and by ``check_group`` (one
  email's reply): a statement the work must not make, quoted; a wrong figure, quoted; what
  is missing, by label. A check that only confirms an absence (``confirms_absence``, or the
  kinds ``forbidden`` and ``blame``) counts only when its evidence quotes the work.

A part that scores 0 for what it is (empty, a list of keywords, off the subject: the prose
toolkit's ``scores-0`` check) is *void*: its own probe asks what happened, and
the bank's questions that presume the work (``guide.py``) are not asked about it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from worksample.models import Check, GradeResult
from worksample.prose.scoring import ZERO_KIND
from worksample.reports.plain import (
    check_group,
    check_label,
    did_not_finish,
    did_not_load,
    is_test,
    load_error,
    plain_failure,
    quotes_in,
    where_in_code,
)

# priorities: lower is asked first (guide.py adds the bank's questions after these)
FLAG_OF_WEIGHT, FAILED_GROUP, CONDUCT, MISSING = 0, 1, 1, 2

ABSENCE_KINDS = {"forbidden", "blame"}  # checks for what the work must not do
_IN_PROPORTION = "(earned in proportion to"
# the specifics a plugin gives for the evidence a probe asks about: a bank question naming one
# of them is left out where a probe covers it (see guide.py)
_EVIDENCE_SPECIFICS = {"weakest_email", "missed_question", "missing_fact", "wrong_number",
                       "forbidden_statement", "blame_quote", "misspelt_words", "missing_point",
                       "contradicted_point", "contradicting_sentence", "missing_number",
                       "missing_section", "thin_section", "missing_recommendation",
                       "vague_recommendation", "failed_test", "failed_test_message"}
_NUMBERS = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]
_INTEGRITY = {"forged-outcome", "framework-patched", "tampered", "modified", "forged-report",
              "unexpected-tests", "duplicate-tests", "tests-not-run"}
# how a missing item of a known text kind is asked about; other kinds get the default
_MISSING = {
    "questions": ("left the customer's question{s} unanswered: {items}",
                  "How would you answer {them} now?"),
    "facts": ("missed the policy fact{s} {items}", "Where in the policy would you check {them}?"),
    "key_points": ("did not make the point{s} {items}",
                   "Walk us through the data: what do you see?"),
    "numbers": ("did not state {items}", "How would you work {them} out from the exhibit?"),
    "sections": ("gave no proper section{s} for {items}", "What would go in {them}?"),
}
_DEFAULT_MISSING = ("fell short on {items}", "What would you change?")


@dataclass
class Probe:
    """A question built from the evidence, before the guide orders and places it."""

    criterion_id: str  # '' for the whole submission
    text: str
    priority: int
    weight: float = 1.0
    covers: set[str] = field(default_factory=set)  # specifics whose bank questions it replaces


@dataclass
class Evidence:
    """What the probes found, for the guide: the probes, and the void parts."""

    probes: list[Probe]
    void_parts: set[str]  # parts ('' the whole) that scored 0 for being empty, off topic ...
    void: bool  # the whole submission is void: no bank question presuming the work is asked


def evidence_probes(result: GradeResult, flags: list[tuple[str, str]],
                    clean: Callable[[str], str]) -> Evidence:
    """The probes of ``result``; ``flags`` are the page's (kind, evidence) pairs."""
    probes: list[Probe] = []
    void_parts, parts = _void_parts(result)
    by_reason: dict[str, list[str]] = {}
    for part, why in sorted(void_parts.items()):
        by_reason.setdefault(_as_what(why), []).append(part)
    for why, named in by_reason.items():
        where = ("Your submission" if "" in named or set(named) >= parts - {""}
                 else f"Your work on {_listed([_words_of(p) for p in named])}")
        probes.append(Probe("", f"{where} {why}. What happened, and what would you have "
                                "sent?", FLAG_OF_WEIGHT, covers=_EVIDENCE_SPECIFICS))
    tests = [c for c in result.checks if is_test(c) and c.outcome == "failed"]
    probes += _load_probes(tests, len([c for c in result.checks if is_test(c)]))
    probes += _hang_probes(tests, result, flags)
    probes += _test_group_probes(tests)
    # a part's zero check is asked about above (void parts) or through its flag
    text = [c for c in result.checks if not is_test(c) and c.outcome == "failed"
            and c.kind != ZERO_KIND and check_group_key(c) not in void_parts]
    probes += _text_probes(text)
    probes += _flag_probes(flags)
    for probe in probes:
        probe.text = clean(probe.text)
    flagged_void = [(kind, evidence) for kind, evidence in flags
                    if kind in ("empty", "off-topic")]
    if flagged_void and not void_parts:  # a flag says it where no evidence line does
        kind, evidence = flagged_void[0]
        said = "reached us empty" if kind == "empty" else f"is off the subject ({evidence})"
        probes.insert(0, Probe("", clean(f"Your submission {said}. What happened, and what "
                                         "would you have sent?"), FLAG_OF_WEIGHT,
                               covers=_EVIDENCE_SPECIFICS))
    whole_void = bool(void_parts) and (set(void_parts) >= parts - {""} or "" in void_parts)
    whole_void = whole_void or bool(flagged_void) or (
        bool(tests) and all(did_not_load(c) for c in tests)
        and len(tests) == len([c for c in result.checks if is_test(c)]))
    return Evidence(probes=probes, void_parts=set(void_parts), void=whole_void)


def check_group_key(check: Check) -> str:
    """The part a text check belongs to, as its id and the zero evidence name it: the id's
    first part when the id does not start with the check's kind ('late-refund/greeting',
    'late-refund/questions/money-back'); '' for a whole-submission check ('sections/risks')."""
    if check.id == check.kind or check.id.startswith(check.kind + "/") or "/" not in check.id:
        return ""
    return check.id.split("/", 1)[0]


def void_parts(result: GradeResult) -> set[str]:
    """The parts of ``result`` that scored 0 for what they are ('' for the whole)."""
    return set(_void_parts(result)[0])


def _void_parts(result: GradeResult) -> tuple[dict[str, str], set[str]]:
    """Parts that scored 0 for what they are (not for a statement that fails them), each with
    why, from their ``scores-0`` checks; and every part the text checks name."""
    text = [c for c in result.checks if not is_test(c)]
    void = {c.group: c.message for c in text
            if c.kind == ZERO_KIND and not c.message.startswith("automatic fail")}
    return void, {c.group for c in text}


def _as_what(why: str) -> str:
    """'the file is empty' -> 'reached us empty'; other reasons as the evidence says them."""
    why = re.sub(r"; what it matched is marked for the reviewer$", "", why)
    why = re.sub(r" \(\d+% small words.*?\)", "", why)
    if "empty" in why:
        return "reached us empty"
    return re.sub(r"^the (analysis|reply|file) ", "", why)


def _count(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _listed(items: list[str], most: int = 3) -> str:
    shown = items[:most]
    if len(items) > most:
        shown.append(f"{len(items) - most} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _words_of(part: str) -> str:
    return part.replace("-", " ").replace("_", " ")


def _load_probes(tests: list[Check], total: int) -> list[Probe]:
    unloaded = [c for c in tests if did_not_load(c)]
    if not unloaded:
        return []
    cause = next((load_error(c) for c in unloaded if load_error(c)), "")
    why = f" ({cause})" if cause else ""
    which = (f"None of the {total} hidden tests" if len(unloaded) == total
             else f"{_count(len(unloaded))} of the {total} hidden tests")
    return [Probe(unloaded[0].criterion or "", (
        f"{which} could run: your code did not load{why}. How did you check the code before "
        "sending it?") if len(unloaded) == total else (
        f"{which} could not run: part of your code did not load{why}. How did you check the "
        "code before sending it?"), FLAG_OF_WEIGHT,
        weight=len(unloaded), covers={"failed_test", "failed_test_message"})]


def _hang_probes(tests: list[Check], result: GradeResult,
                 flags: list[tuple[str, str]]) -> list[Probe]:
    hung = [c for c in tests if did_not_finish(c)]
    if hung:
        names = _listed([check_label(c) for c in hung])
        places = list(dict.fromkeys(p for c in hung if (p := where_in_code(c))))
        ask = (f"Talk us through what your {_listed(places, 2)} waits for." if places else
               "Talk us through the loops and waits on that path of your code.")
        return [Probe(hung[0].criterion or "", (
            f"{_count(len(hung))} of our hidden tests did not finish on your code within the time "
            f"limit: {names}. {ask}"), FLAG_OF_WEIGHT, weight=sum(c.weight for c in hung),
            covers={"failed_test", "failed_test_message"})]
    stopped = [evidence for kind, evidence in flags
               if kind in ("timeout", "timed-out", "memory", "crashed")]
    if stopped or (result.run is not None and result.run.ended != "completed"):
        said = stopped[0] if stopped else f"the run ended: {result.run.ended}"
        return [Probe("", f"The test run of your code was stopped ({said}). What in your "
                          "code could run that long or use that much?", FLAG_OF_WEIGHT)]
    return []


def _test_group_probes(tests: list[Check]) -> list[Probe]:
    groups: dict[str, list[Check]] = {}
    for check in tests:
        if not did_not_finish(check) and not did_not_load(check):
            groups.setdefault(check_group(check), []).append(check)
    probes = []
    for group, failed in groups.items():
        failed.sort(key=lambda c: -c.weight)
        named = [check_label(c) + ("" if plain_failure(c).startswith("failed")
                                   else f" ({plain_failure(c)})") for c in failed]
        on = f" on {group}" if group else ""
        subject = ("One of our hidden tests" if len(failed) == 1
                   else f"{_count(len(failed))} of our hidden tests")
        about = group or "these cases"
        probes.append(Probe(failed[0].criterion or "", (
            f"{subject}{on} failed: {_listed(named)}. Walk us through how your code handles "
            f"{about}."), FAILED_GROUP, weight=sum(c.weight for c in failed),
            covers={"failed_test", "failed_test_message"}))
    return sorted(probes, key=lambda p: -p.weight)


def _found_absence(check: Check) -> bool:
    """A check for what the work must not do, whose evidence quotes the work doing it."""
    absence = check.confirms_absence or check.kind in ABSENCE_KINDS
    return absence and bool(quotes_in(check.message)) and not check.message.startswith(
        "not found")


def _text_probes(checks: list[Check]) -> list[Probe]:
    probes, missing = [], {}
    asked = {q for c in checks if _found_absence(c) for q in quotes_in(c.message)[:1]}
    for check in checks:
        if _IN_PROPORTION in check.message and not _found_absence(check):
            continue  # failed only in proportion to the questions answered: probed there
        where = _where(check)
        if _found_absence(check):
            quote = quotes_in(check.message)[0]
            fails = "automatic fail" in check.message
            why = ("which can read as blaming the customer" if check.kind == "blame"
                   else "which the assignment's rules do not allow")
            probes.append(Probe(check.criterion or "", _sentence(
                f"{where}you wrote “{quote}”, {why}. Walk us through that choice: what would "
                "you write instead?"), FLAG_OF_WEIGHT if fails else CONDUCT,
                weight=3 if fails else 2, covers=_EVIDENCE_SPECIFICS if fails
                else {"forbidden_statement", "blame_quote"}))
        elif check.confirms_absence or check.kind in ABSENCE_KINDS:
            continue  # not found: an absence, failed only in proportion to the rest
        elif wrong := _wrong(check):
            said, ask = wrong
            quote = quotes_in(check.message)
            if quote and quote[0] in asked:
                continue  # its sentence is asked about already, as a statement ruled out
            asked.update(quote[:1])
            wrote = f"you wrote “{quote[0]}”, " if quote else "you gave "
            probes.append(Probe(check.criterion or "", _sentence(
                f"{where}{wrote}{said}. {ask}"), FAILED_GROUP, weight=2,
                covers={"wrong_number", "contradicting_sentence", "contradicted_point",
                        "missing_fact"}))
        else:
            missing.setdefault((check.criterion or "", part_name(check)), []).append(check)
    tails: dict[tuple[str, str, int], list[str]] = {}  # the same shortfall in several replies
    for (criterion, where), group in missing.items():
        phrases: dict[tuple[str, str], list[Check]] = {}
        for check in group:
            phrases.setdefault(_MISSING.get(check.kind, _DEFAULT_MISSING), []).append(check)
        said = [phrase.format(items=_listed([_item(c) for c in of_kind]),
                              s="s" if len(of_kind) > 1 else "")
                for (phrase, _), of_kind in phrases.items()]
        (_, first_ask), first = next(iter(phrases.items()))
        ask = first_ask.format(them="them" if len(first) > 1 else "it")
        tails.setdefault((criterion, f"you {'; '.join(said)}. {ask}", len(group)),
                         []).append(where)
    for (criterion, tail, count), wheres in tails.items():
        named = [w for w in wheres if w]
        where = ("" if not named else f"In your reply on {named[0]}, " if len(named) == 1
                 else f"In your replies on {_listed(named, len(named))}, ")
        probes.append(Probe(criterion, _sentence(where + tail), MISSING,
                            weight=count * len(wheres), covers=_EVIDENCE_SPECIFICS - {
                                "weakest_email", "failed_test", "failed_test_message"}))
    return probes


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def part_name(check: Check) -> str:
    """The reply (or other part) a text check belongs to, in words; '' for the whole."""
    return check_group(check) if check_group_key(check) else ""


def _where(check: Check) -> str:
    group = part_name(check)
    return f"In your reply on {group}, " if group else ""  # else "You ..."


def _item(check: Check) -> str:
    """A shortfall in a list: its label, with what the work said where the evidence quotes
    it, or the measures that fell short; a plain "not found" adds nothing to the label."""
    failure = plain_failure(check)
    label = check_label(check)
    if check.kind == "questions":  # a label "answers 'Can I …?'" after "left … unanswered"
        label = re.sub(r"^answers\s+", "", label)
    named = label if label[:1] in "“\"'" else f"“{label}”"
    if check.message.startswith("\u201c") and (quote := quotes_in(check.message)):
        return f"{named} (you wrote “{_short_failure(quote[0])}”)"
    if failure.startswith(("not found", "not stated", "no ")):
        return named
    if "✗" in failure:  # a list of measures: only those that fell short
        failure = "; ".join(part.strip().removeprefix("✗ ") for part in failure.split("; ")
                            if part.strip().startswith("✗"))
    return f"{named} ({_short_failure(failure)})"


def _short_failure(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:119].rstrip() + "…"


def _wrong(check: Check) -> tuple[str, str] | None:
    """What is wrong in a figure, or a point said the other way round, and what to ask;
    None for anything else."""
    message = check.message
    how = "Take us through how you got that figure."
    if match := re.search(r": says ([^;]+); expected ([^;]+)", message):
        return f"which gives {match.group(1)} where the data gives {match.group(2)}", how
    if match := re.search(r"\(([^()]*\(the data gives [^)]*\))\)", message):
        return f"which states {match.group(1)}", "Show us the rows that support it."
    if message.startswith("says the opposite"):
        return (f"which says the opposite of “{check_label(check)}”",
                "Show us the rows that support it.")
    if match := re.search(r"mentioned without the number \(([^)]+)\)", message):
        return (f"without the figure the policy gives ({match.group(1)})",
                "Where would you check a figure like that before sending?")
    return None


def _flag_probes(flags: list[tuple[str, str]]) -> list[Probe]:
    probes = []
    kinds = {kind for kind, _ in flags}
    for kind, evidence in flags:
        if kind == "missing-file":
            match = re.search(r"ask for (.+?);", evidence)
            named = match.group(1) if match else "a file"
            probes.append(Probe("", f"The instructions ask for {named}, and your submission "
                                    "has none. What would you have written in it?",
                                FLAG_OF_WEIGHT, weight=1))
        elif kind in ("same files", "near-identical", "identical"):
            probes.append(Probe("", "Walk us through how you built this, in the order you "
                                    "wrote it: what came first, and what did you change "
                                    "last?", FLAG_OF_WEIGHT, weight=1))
        elif kind == "similar work" and not kinds & {"same files", "near-identical"}:
            probes.append(Probe("", "Walk us through how you arrived at the core of this "
                                    "work: what did you start from, what did you look up or "
                                    "reuse, and what would you write differently now? (Parts "
                                    "of it closely match other work we have seen: see "
                                    "Similar work.)", FLAG_OF_WEIGHT, weight=2))
        elif kind == "hidden-text":
            probes.append(Probe("", "Your document holds text a reader cannot see. What is "
                                    "it, and why is it there?", FLAG_OF_WEIGHT, weight=2))
        elif kind in _INTEGRITY:
            probes.append(Probe("", "Your code changes how the tests run or report "
                                    f"({kind.replace('-', ' ')}). Walk us through that part "
                                    "of your code and why it is there.", FLAG_OF_WEIGHT,
                                weight=3))
    return probes
