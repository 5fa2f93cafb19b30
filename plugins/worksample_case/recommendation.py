"""The recommendation check: which one option an analysis recommends, if any.

A sentence recommends an option when it names it in a clause that chooses it:

- not a condition, not hanging on one ("we can keep $49 only if team churn stays flat"),
  not denied in its clause (a negation before it; one of possibility or a phrase of ruling
  out after it, anywhere in its clause: "reverting to $39 for everyone is not the answer",
  "going back to $39 is off the table"; "neither keeping $49 nor reverting"), not
  supposed with "would" ("reverting would give up $10,700 a month"), not the one turned down
  ("holding at $49 rather than creating a solo plan": what follows "rather than" or
  "instead of" in its clause), and not someone else's view ("the sales team recommends going
  back to $39", "the CFO's view is that we should keep $49": ``unpromised.wished_for`` with
  the verbs of proposing);
- in a sentence with a recommendation cue ("we recommend", "I'd go with"), or, when no
  sentence has one, in the recommendation's own section, where naming one option is enough;
  an option a test leads to is tested, not chosen ("run an eight-week test of a $39 solo
  plan": a hedge, ``stance.TESTS``);
  never in a question ("Should we add a solo plan at $39?").

When no option is chosen, the options named only in sentences no check counts (a fragment
such as "Keep $49.", a table row, a run-on), in the recommendation's section or with a cue,
go to the reviewer, quoted: they earn nothing, and the check does not say "no
recommendation found".

An option that combines others ("keep Pro at $49 for teams, introduce a solo plan at $39")
stands for them, except in a sentence with a word that sets options side by side ("or",
"versus", "between", "option" ...): "keep $49, go back to $39, or a solo plan" lists
three options, and a section that lists options without choosing decides nothing. So does
an option named for one part of the customers beside another part ("keep $49 for team
accounts and return solo accounts to $39": ``parts``). A hedge
where it recommends ("should weigh", "could consider") decides nothing either; an option
named only in hedged clauses, beside one named firmly in a clause with a cue, is weighed, not
chosen ("we might go back to $39, but I recommend keeping $49"), unless the sentence sets
options side by side.

In the recommendation's own section with no cue, where several options are named one per
sentence, an option told by its effects ("keeping $49 for everyone maximises this quarter's
MRR but shrinks the base") is weighed beside one named as an act, which is chosen when it
opens the section and nothing in the section hedges (``_told_by_its_effects``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from worksample.prose.cache import per_submission
from worksample.prose.clauses import Clause
from worksample.prose.commitment import FIRST_PERSON
from worksample.prose.evidence import Finding, quote_sentence
from worksample.prose.matching import Match, PhraseSet
from worksample.prose.negation import denial
from worksample.prose.text import Sentence
from worksample.prose.unpromised import WISHES, wished_for
from worksample.prose.word_forms import base_of

from .config import Recommendation
from .labels import SIDE_BY_SIDE, OptionLabels, option_labels
from .parts import same_course
from .structure import Part, heading_name, is_only_a_heading

if TYPE_CHECKING:
    from .checks import AnalysisText, CompiledCase

PRESENT_NO_OPTION = 0.25  # a recommendation that names none of the options
UNREAD = "unread_recommendation"  # the specific of options named only where no check reads
MIN_MEASURES_WEIGHED = 2  # a recommendation resting on one measure alone earns half
SUPPOSING = frozenset({"would", "wouldn't"})  # "reverting would give up ...": weighed, not chosen
# what someone else proposes is their view, not the analyst's choice
PROPOSING = WISHES | {"recommend", "recommends", "recommended", "propose", "proposes",
                      "proposed", "suggest", "suggests", "suggested", "prefer", "prefers",
                      "preferred", "favour", "favours", "favoured", "favor", "favors",
                      "favored", "argue", "argues", "argued", "view", "proposal",
                      "suggestion", "preference", "position"}
TURNED_DOWN = ("rather than", "instead of")
CLOSING = "\"')]\u201d\u2019"  # what may close a sentence after its mark
CLAUSE_WORDS = 12  # how far after an option its clause may say it will not happen
HEDGING_ASIDE_WORDS = 2  # an aside this short is part of what it interrupts ("perhaps")
LINKS = frozenset({"and", "but", "while", "whereas", "so", "yet"})  # before a clause's subject
ARTICLES = frozenset({"a", "an", "the"})
SHORT_GERUNDS = frozenset({"going", "doing", "being", "having"})  # "bring" is no gerund
# after the option, a verdict on it, not an effect: "a solo plan at $39 is the answer"
VERDICT = frozenset({"is", "are", "was", "were", "remains", "seems", "looks", "be", "it's"})
SUBJECT_REACH = 2  # an option's words this close after its clause opens: "going back to $39"
# words that set options side by side: "keep $49, go back to $39, or a solo plan"
ALTERNATIVES = frozenset({"or", "versus", "vs", "between", "either", "whereas",
                          "option", "options", "alternatively"})
# of those, the ones that offer a choice; "whereas" also tells a split: "solo accounts return
# to $39, whereas teams stay at $49"
CHOICES_OFFERED = ALTERNATIVES - {"whereas"}


def check_recommendation(text: AnalysisText, recommendation: Recommendation,
                         compiled: CompiledCase, part: Part | None,
                         unfounded: str = "") -> Finding:
    """A decisive sentence naming one option (see the module docstring); ``part`` is the
    recommendation's own section. The option's credit is halved when that section weighs
    fewer than ``MIN_MEASURES_WEIGHED`` of the case's measures (its numbers' quantities): a
    course chosen on revenue alone ignores what the data says about churn. It is 0 when the
    analysis is ``unfounded`` (why: it states none of the case's figures, or every one it
    states contradicts the data). When no option is chosen, the sentences that do not count
    but name options are for the reviewer (``_unread_lines``)."""
    label = "ends in an explicit recommendation of one option"
    in_part = {s.index for s in part.sentences} if part else set()
    statements = [s for s in text.own_sentences
                  if not text.why_not_counted(s) and not _a_question(s)]
    cued_by_label = _labelled_with_cue(text, compiled, recommendation.section)
    cued = [s for s in statements
            if s.index in cued_by_label or compiled.recommendation_cues.find_in_words(s.normal)]
    labels = option_labels(statements, recommendation, compiled.options, compiled.label_verbs,
                           compiled.negation)
    labelled = {o.id: labels.phrases(o.id, o.says) or compiled.options[o.id]
                for o in recommendation.options}
    # a label counts where a sentence recommends with a cue, setting no options side by side
    takes_labels = {s.index for s in cued if SIDE_BY_SIDE.isdisjoint(s.normal.split())}
    read = {s.index: _reading(text, s, recommendation, compiled,
                              labelled if s.index in takes_labels else compiled.options)
            for s in statements}
    _split_across(text, [s for s in statements if s.index in in_part], recommendation,
                  compiled, read)
    single = [(s, read[s.index][0][0]) for s in cued
              if len(read[s.index][0]) == 1 and not read[s.index][1]]
    listed: list[tuple[Sentence, str]] = []
    if not single:  # in the recommendation's own section, naming one option is enough
        listed = [(s, read[s.index][0][0]) for s in statements if s.index in in_part
                  if len(read[s.index][0]) == 1 and not read[s.index][1]]
        if len({option for _, option in listed}) > 1 and not _hedges(text, part, compiled):
            # of several, those only told by their effects are weighed, not chosen, when the
            # section opens with the one named as an act
            acted = [(s, o) for s, o in listed if not _told_by_its_effects(text, s, o, compiled)]
            if len({option for _, option in acted}) == 1 and acted[0] == listed[0]:
                listed = acted
        if len({option for _, option in listed}) == 1:
            single = listed[:1]
    if single:
        chosen = {option for _, option in single}
        if len(chosen) > 1:
            shown = "; ".join(f"“{_named(recommendation, option)}” in {quote_sentence(s)}"
                              for s, option in single[:3])
            return Finding("recommendation", "recommendation", label, 0.0, shown,
                           review="recommends different options in different places; which "
                                  "one stands is for the reviewer")
        sentence, option = next(((s, o) for s, o in single if s.index in in_part), single[-1])
        found = _recommended(text, sentence, option, part, recommendation, compiled, unfounded)
        if not compiled.options[option].find_in_words(sentence.normal):
            found.evidence += _as_labelled(labels, option, sentence)
        return found
    several = next((s for s in cued if len(read[s.index][0]) > 1 and not read[s.index][1]),
                   None)
    if several is not None:
        return Finding("recommendation", "recommendation", label, 0.0,
                       _names(recommendation, several, read[several.index][0]),
                       review="names several options in one sentence; which one it recommends "
                              "is for the reviewer")
    unread = _unread_lines(text, recommendation, compiled, in_part)
    hedged = next((s for s in cued + [s for s, _ in listed] if read[s.index][1]), None)
    if listed or hedged is not None:
        why = (f"hedges (“{read[hedged.index][1]}”): {quote_sentence(hedged)}"
               if hedged is not None else "lists options without choosing one: " + "; ".join(
                   f"“{_named(recommendation, option)}” in {quote_sentence(s)}"
                   for s, option in listed[:3]))
        return _shown_unread(Finding("recommendation", "recommendation", label, 0.0, why,
                                     specifics={"vague_recommendation": why}),
                             unread, recommendation)
    if cued:
        sentence = next((s for s in cued if s.index in in_part), cued[-1])
        return _shown_unread(Finding(
            "recommendation", "recommendation", label, 0.0 if unfounded else PRESENT_NO_OPTION,
            f"{quote_sentence(sentence)}: recommends, but none of the options "
            f"({'; '.join(o.name for o in recommendation.options)})"
            + (f"; {unfounded}" if unfounded else ""),
            specifics={"vague_recommendation": quote_sentence(sentence)}), unread, recommendation)
    if unread:
        return _shown_unread(Finding("recommendation", "recommendation", label, 0.0, ""),
                             unread, recommendation)
    return Finding("recommendation", "recommendation", label, 0.0, "no recommendation found",
                   specifics={"missing_recommendation": "yes"})


def _labelled_with_cue(text: AnalysisText, compiled: CompiledCase, section: str | None
                       ) -> set[int]:
    """The sentences that open a line after a run-in label that is the recommendation
    section's heading and nothing more, and holds a recommendation cue ("Recommendation: keep
    $49 for everyone."): the label, parsed as the heading of a part of its own, is the
    writer's words on that line, and recommends as those words would in the sentence. Several
    such lines naming different options recommend different options. A label that says more
    ("Recommendation rejected:", "Recommendation if the board insists:") is read as before,
    a heading: its other words are not read."""
    if section is None:
        return set()
    return {part.sentences[0].index for part in text.analysis.parts
            if part.run_in and part.sentences
            and is_only_a_heading(part.heading, compiled.sections[section])
            and compiled.recommendation_cues.find_in_words(heading_name(part.heading))}


def _shown_unread(finding: Finding, unread: list[tuple[Sentence, list[str], str]],
                  recommendation: Recommendation) -> Finding:
    """``finding`` with the lines no check reads that name options (``_unread_lines``) quoted:
    alone, they are the finding, for the reviewer (``UNREAD``); after a finding of its own
    (a hedge, a list, a cue naming no option), they are quoted after it, and its points and
    its questions stay what they were."""
    if not unread:
        return finding
    shown = "; ".join(_names(recommendation, s, options) for s, options, _ in unread[:3])
    different = len({tuple(options) for _, options, _ in unread}) > 1
    why = (f"found only in {unread[0][2]}"
           f"{', naming different options' if different else ''}; not counted")
    if finding.evidence:
        finding.evidence += f"; {shown} ({why})"
        return finding
    finding.evidence, finding.review = shown, why
    finding.specifics[UNREAD] = " and ".join(quote_sentence(s) for s, _, _ in unread[:3])
    return finding


def _unread_lines(text: AnalysisText, recommendation: Recommendation, compiled: CompiledCase,
              in_part: set[int]) -> list[tuple[Sentence, list[str], str]]:
    """Where no option is chosen: the sentences no check counts (a fragment such as
    "Keep $49.", a table row, a run-on, a string of keywords) that name options without a
    hedge, in the recommendation's own section or with a cue; each with its options and why
    it does not count. A short line may be an order or one of a list, a row may be a choice
    or a summary: the reviewer reads them, as with a key point found only there. A sentence
    copied from the brief is the brief's, not a choice."""
    found = []
    for sentence in text.sentences:
        reason = text.why_not_counted(sentence)
        if not reason or sentence.index in text.copied or _a_question(sentence):
            continue
        where = (sentence.index in in_part
                 or compiled.recommendation_cues.find_in_words(sentence.normal))
        if not where:
            continue
        options, hedge = _reading(text, sentence, recommendation, compiled, compiled.options)
        if options and not hedge:
            found.append((sentence, options, reason))
    return found


def _a_question(sentence: Sentence) -> bool:
    """Whether ``sentence`` asks rather than recommends ("Should we add a solo plan at $39?",
    a quoted "Keep $49?", "Keep $49?!"): its last mark, after closing quotes and brackets, is
    a question mark."""
    return sentence.text.rstrip().rstrip(CLOSING).rstrip("!").endswith("?")


def _as_labelled(labels: OptionLabels, option: str, sentence: Sentence) -> str:
    """What the evidence adds when ``sentence`` names the option by a label the analysis
    defines ("Option C"): the label and the sentence that defines it; '' otherwise."""
    label = labels.naming(option, sentence)
    if not label:
        return ""
    kind, name = label.split()
    shown = f"{kind.capitalize()} {name.upper() if len(name) == 1 else name}"
    return f" (“{shown}” stands for it in {quote_sentence(labels.defined_in[label])})"


def _names(recommendation: Recommendation, sentence: Sentence, options: list[str]) -> str:
    """'“Keep $49.” names keeping $49 for everyone': the sentence and the options it names."""
    return (f"{quote_sentence(sentence)} names "
            f"{', '.join(_named(recommendation, o) for o in options)}")


def _named(recommendation: Recommendation, option_id: str) -> str:
    """The option in words (its title), as reports and questions show it."""
    return next(o.name for o in recommendation.options if o.id == option_id)


def _recommended(text: AnalysisText, sentence: Sentence, option: str, part: Part | None,
                 recommendation: Recommendation, compiled: CompiledCase,
                 unfounded: str = "") -> Finding:
    """The finding for a recommended option: its credit, halved when the section it is in
    weighs too few of the case's measures, 0 when the analysis is ``unfounded`` (why)."""
    chosen = next(o for o in recommendation.options if o.id == option)
    credit = chosen.credit
    note = "" if credit >= 1 else f"; the data supports it less (credit {credit:g})"
    if part is None:
        part = text.analysis.parts[text.analysis.part_of[sentence.index]]
    basis = [s for s in part.sentences if not text.why_not_counted(s)]
    weighed = [name for name, phrases in compiled.measures.items()
               if any(phrases.find_in_words(s.normal) for s in basis)]
    if unfounded:
        credit = 0.0
        note += f"; {unfounded}"
    elif len(weighed) < min(MIN_MEASURES_WEIGHED, len(compiled.measures)):
        credit /= 2
        note += (f"; its section weighs only {', '.join(weighed) or 'none'} of the case's "
                 f"measures ({', '.join(compiled.measures)}): half credit")
    return Finding("recommendation", "recommendation", "ends in an explicit recommendation of "
                   "one option", credit,
                   f"{quote_sentence(sentence)} → option “{chosen.name}”{note}",
                   specifics={"recommended_option": chosen.name,
                              "recommended_option_id": option})


def _reading(text: AnalysisText, sentence: Sentence, recommendation: Recommendation,
             compiled: CompiledCase, says: dict[str, PhraseSet]) -> tuple[list[str], str]:
    """The options a sentence recommends (see the module docstring), each found by its
    phrases in ``says`` (with the labels the analysis gives it), and the hedge in the
    clauses that carry them or the cue ('' when it decides)."""
    firm: dict[str, list[tuple[Match, Clause]]] = {}
    hedged: dict[str, list[tuple[Match, Clause]]] = {}
    for_one_part: dict[str, str] = {}  # options named for one part of the customers only
    said = sentence.normal.split()
    same = same_course(said)
    mentioned = set() if same else {m.part for m in compiled.parts.mentions(said)}
    for option in recommendation.options:
        named_in = _counted(text, sentence, says[option.id], compiled)
        part = _one_part(named_in)
        if part and mentioned - {part}:
            for_one_part[option.id] = part
        elif part and not same and all(around for *_, around in named_in):
            continue  # named around one part alone: not the course for everyone
        found = [(m, c) for m, c, _, _ in named_in]
        if found:
            hedging = all(compiled.stance.hedge([c]) for _, c in found)
            (hedged if hedging else firm)[option.id] = found
    # an option named only in hedged clauses is weighed, not chosen, beside one named firmly
    # in a clause that recommends ("we might go back to $39, but I recommend keeping $49");
    # not where options are set side by side ("we could keep $49, or go back to $39")
    side_by_side = not ALTERNATIVES.isdisjoint(sentence.normal.split())
    weighed = bool(firm) and not side_by_side and any(
        compiled.recommendation_cues.find_in_words(c.normal)
        for found in firm.values() for _, c in found)
    chosen = firm if weighed else firm | hedged
    named = [option.id for option in recommendation.options if option.id in chosen]
    carrying = [c for found in chosen.values() for _, c in found]
    tested = next(filter(None, (compiled.stance.tested(c, m.start)
                                for found in chosen.values() for m, c in found)), "")
    carrying += [c for _, c in text.find_in_clauses(compiled.recommendation_cues, [sentence])]
    if carrying:  # a word or two set off in the middle hedges it too: "I'd recommend, perhaps,"
        carrying += [c for c in text.clauses(sentence)
                     if c.aside and len(c.normal.split()) <= HEDGING_ASIDE_WORDS]
    if not side_by_side and for_one_part:
        named = _combining(named, for_one_part, recommendation)
    combined = {other for option in recommendation.options if option.id in named
                for other in option.combines} if not side_by_side else set()
    return ([option for option in named if option not in combined],
            (compiled.stance.hedge(carrying) or tested) if carrying else "")


def _counted(text: AnalysisText, sentence: Sentence, phrases: PhraseSet,
             compiled: CompiledCase) -> list[tuple[Match, Clause, str, bool]]:
    """The matches of ``_named_in`` in clauses that could choose them: not denied, not a
    condition, not supposed, ruled out, turned down or someone else's."""
    return [(m, c, part, around) for m, c, part, around
            in _named_in(text, sentence, phrases, compiled)
            if not m.negated and not c.condition and not _supposed(c, compiled)
            and not _ruled_out(c, m, compiled) and not _turned_down(c, m.start)
            and not _someone_elses(c, m.start)]


def _one_part(named_in: list[tuple[Match, Clause, str, bool]]) -> str:
    """The one part every match of an option is limited to, or ''."""
    parts = {part for _, _, part, _ in named_in}
    return parts.pop() if len(parts) == 1 and "" not in parts else ""


def _split_across(text: AnalysisText, sentences: list[Sentence],
                  recommendation: Recommendation, compiled: CompiledCase,
                  read: dict[int, tuple[list[str], str]]) -> None:
    """Where sentences of the recommendation's section name the options a combining option is
    made of, each for a different part of the customers and every one for one part only
    ("Keep $49 for team accounts. Return solo accounts to $39."), or name some of them, each
    for one part only, beside the combining option itself ("Split the plan by segment: keep
    $49 for team accounts."), read each of them as the combining option (in ``read``)."""
    # options set side by side ("... or else keeping $49 for everyone") choose nothing here
    sentences = [s for s in sentences if CHOICES_OFFERED.isdisjoint(s.normal.split())]
    for combining in (o for o in recommendation.options if o.combines):
        limited: dict[int, dict[str, str]] = {}  # sentence -> its parts' options
        for sentence in sentences:
            if not compiled.parts.named_in(sentence) or same_course(sentence.normal.split()):
                continue
            for option in combining.combines:
                part = _one_part(_counted(text, sentence, compiled.options[option], compiled))
                if part:
                    limited.setdefault(sentence.index, {})[option] = part
        part_of: dict[str, set[str]] = {}
        for options in limited.values():
            for option, part in options.items():
                part_of.setdefault(option, set()).add(part)
        one_each = bool(part_of) and all(len(parts) == 1 for parts in part_of.values())
        # every one it is made of, for a different part; or some, beside it named itself
        # ("Split the Pro plan by segment: 1. Keep Pro at $49 for team accounts. 2. ...")
        if one_each and (len(part_of) == len(combining.combines)
                         and len(set.union(*part_of.values())) == len(part_of)
                         or any(combining.id in read[s.index][0] for s in sentences)):
            for index in limited:
                read[index] = ([combining.id], read[index][1])
            return


def _named_in(text: AnalysisText, sentence: Sentence, phrases: PhraseSet,
              compiled: CompiledCase) -> list[tuple[Match, Clause, str, bool]]:
    """Each match of an option's ``phrases`` in a clause of ``sentence``, with its clause,
    the part of the customers it is limited to ('' for none, ``parts``) and whether it was
    found around the parts. A clause with no match as written is tried with the parts it
    names taken out ("returning solo accounts to $39"), and a match found only so is read in
    the clause without them."""
    found = []
    clauses = text.clauses(sentence)
    names_parts = compiled.parts.named_in(sentence)
    label = compiled.parts.label(sentence, clauses) if names_parts else []
    for at, clause in enumerate(clauses):
        matches = list(phrases.find_all([clause.as_sentence()], compiled.option_verbs,
                                        negation=compiled.negation, scoped=True))
        kept = None
        # a part set before the sentence's colon stands before each clause after it
        before = label if at else []
        words = before + clause.normal.split() if names_parts else []
        if not matches and names_parts and (without := compiled.parts.without(clause)):
            clause, kept = without
            matches = list(phrases.find_all([clause.as_sentence()], compiled.option_verbs,
                                            negation=compiled.negation, scoped=True))
        if matches and names_parts:
            words += compiled.parts.listed_on(clauses[at + 1:])
        for match in matches:
            start, end = (match.start, match.end) if kept is None else (
                kept[match.start], kept[max(match.start, match.end - 1)] + 1)
            found.append((replace(match, sentence=sentence), clause,
                          compiled.parts.limited_to(words, start + len(before),
                                                    end + len(before)), kept is not None))
    return found


def _combining(named: list[str], for_one_part: dict[str, str],
               recommendation: Recommendation) -> list[str]:
    """``named`` with each option named for one part only (``for_one_part``, in a sentence
    that names another part too) read as the one option that combines it, where exactly one
    does (``parts``)."""
    read = []
    for option in named:
        combining = [o.id for o in recommendation.options if option in o.combines]
        read.append(combining[0] if option in for_one_part and len(combining) == 1 else option)
    return list(dict.fromkeys(read))


def _told_by_its_effects(text: AnalysisText, sentence: Sentence, option: str,
                         compiled: CompiledCase) -> bool:
    """Whether the sentence names the option only as the subject its clauses tell the effects
    of: each clause naming it opens with it, as a gerund or after an article, and goes on with
    a verb that is no verdict ("keeping $49 for everyone maximises this quarter's MRR but
    shrinks the base; going back to $39 fixes solo at the cost of team revenue"; not "a solo
    plan at $39 is the answer", a verdict that may choose it). When the section opens with
    another option named as an act ("split the price by segment: keep $49 for teams ..."),
    such an option is weighed, not chosen."""
    found = text.find_in_clauses(compiled.options[option], [sentence],
                                 negation=compiled.negation, scoped=True,
                                 reading=compiled.option_verbs)
    return bool(found) and all(_opens_as_its_subject(clause, match) for match, clause in found)


def _opens_as_its_subject(clause: Clause, match: Match) -> bool:
    """Whether the clause opens with a gerund ("keeping", "going back") or an article that
    the option's words at ``match`` start or follow closely, and says no verdict of it
    (``VERDICT``: "is", "remains" ...)."""
    words = clause.normal.split()
    first = 1 if words[:1] and words[0] in LINKS else 0
    if len(words) <= first or match.start > first + SUBJECT_REACH or _a_verdict(
            words[match.start:]):
        return False
    opening = words[first]
    return opening in ARTICLES or opening.endswith("ing") and (
        base_of(opening) != opening or opening in SHORT_GERUNDS)


def _a_verdict(words: list[str]) -> bool:
    """Whether ``words`` say a verdict with a copula ("... is the answer", "... remains the
    best course"); a passive ("... was considered but rejected") tells what happened to it."""
    at = next((i for i, word in enumerate(words) if word in VERDICT), None)
    if at is None:
        return False
    following = words[at + 1] if at + 1 < len(words) else ""
    return not (following.endswith("ed") and base_of(following) != following)


def _hedges(text: AnalysisText, part: Part | None, compiled: CompiledCase) -> bool:
    """Whether a sentence of the recommendation's section hedges ("the board must weigh
    them", "it depends on the board"): then no option is chosen by how the others are told."""
    return part is not None and any(compiled.stance.hedge(text.clauses(s))
                                    for s in part.sentences)


def _supposed(clause: Clause, compiled: CompiledCase) -> bool:
    """Whether the clause supposes an option rather than choosing it: its verb is "would"
    (or "wouldn't"), with no recommendation cue and no first person ("Reverting to $39 would
    give up $10,700 a month"; not "I would recommend the split", "my choice would be the
    split")."""
    words = set(clause.normal.split())
    return (bool(words & SUPPOSING) and not words & FIRST_PERSON
            and not compiled.recommendation_cues.find_in_words(clause.normal))


def _ruled_out(clause: Clause, match: Match, compiled: CompiledCase) -> bool:
    """Whether the rest of the option's clause says it will not happen ("reverting to $39
    for everyone is not the answer", "... is off the table"), or the sentence makes it hang
    on a condition ("we can keep $49 only if team churn stays flat")."""
    sentence = clause.as_sentence()
    return bool(denial(sentence, match.start, match.end, compiled.negation.holds_word,
                       after_words=CLAUSE_WORDS)) or _only_if(clause.sentence)


@per_submission(maxsize=256)  # asked for each clause naming an option: thousands, maybe
def _only_if(sentence: Sentence) -> bool:
    """Whether the sentence says "only if"."""
    return " only if " in f" {sentence.normal} "


def _turned_down(clause: Clause, start: int) -> bool:
    """Whether "rather than" or "instead of" stands before word ``start`` of the clause."""
    before = " ".join(clause.normal.split()[:start])
    return any(f" {words} " in f" {before} " for words in TURNED_DOWN)


def _someone_elses(clause: Clause, start: int) -> bool:
    """Whether the option at word ``start`` of the clause is what someone other than the
    writer proposes or wants."""
    return bool(wished_for(clause.as_sentence(), start, PROPOSING,
                           company_is_the_writer=False))
