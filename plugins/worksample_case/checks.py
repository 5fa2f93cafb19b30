"""The checks an analysis gets, each a ``Finding`` with points and quoted evidence: sections
by heading, key points (not contradicted), numbers (stated in a sentence about them, within
tolerance), the recommendation (explicit, one option, consistent) and length.

A match the checks cannot be sure of (in a table row, a fragment, a pile of keywords, a
sentence copied from the brief, after a negation) is left to a reviewer: it counts neither
way.
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.prose.evidence import Finding, first_counted, quote_sentence, quoted
from worksample.prose.matching import PhraseSet
from worksample.prose.measures import StatedNumber, function_word_share, measures_in
from worksample.prose.own_text import OwnText
from worksample.prose.text import Sentence

from .config import CaseSection, ExpectedNumber, KeyPoint, Recommendation, Section
from .structure import Analysis, Part, heading_name

MIN_WORDS_TO_JUDGE_PROSE = 40  # the share of small words says little about a shorter text
PRESENT_NO_OPTION = 0.25  # a recommendation that names none of the options


@dataclass(frozen=True)
class CompiledCase:
    """An assignment's phrase lists, compiled once per assignment version."""

    headings: PhraseSet
    sections: dict[str, PhraseSet]
    cues: dict[str, PhraseSet]
    counters: dict[str, PhraseSet]
    counters_unless: dict[str, PhraseSet]
    about: dict[str, PhraseSet]
    recommendation_cues: PhraseSet
    options: dict[str, PhraseSet]
    negation: PhraseSet

    @classmethod
    def of(cls, section: CaseSection) -> CompiledCase:
        """Compile every phrase list of ``section``."""
        recommendation = section.recommendation
        return cls(
            headings=PhraseSet([h for s in section.sections for h in s.headings]),
            sections={s.id: PhraseSet(s.headings) for s in section.sections},
            cues={k.id: PhraseSet(k.cues) for k in section.key_points},
            counters={k.id: PhraseSet(k.counter_examples) for k in section.key_points},
            counters_unless={k.id: PhraseSet(k.unless) for k in section.key_points},
            about={n.id: PhraseSet(n.about) for n in section.numbers},
            recommendation_cues=PhraseSet(recommendation.cues),
            options={o.id: PhraseSet(o.says) for o in recommendation.options},
            negation=PhraseSet(recommendation.negation),
        )


class AnalysisText(OwnText):
    """An analysis's sentences, and which of them a match may count in. Table rows and
    passages copied from the brief are not the candidate's sentences: their words are not
    measured."""

    source = "the brief"
    small_words = "'the', 'to', 'of'"

    def __init__(self, analysis: Analysis, section: CaseSection,
                 brief_said: frozenset[str] = frozenset()):
        self.analysis = analysis
        self.prose = section.prose
        super().__init__(analysis.sentences, brief_said,
                         min_function_word_share=self.prose.min_function_word_share,
                         min_words_to_judge=MIN_WORDS_TO_JUDGE_PROSE,
                         left_out=analysis.table_rows)

    def prose_words(self) -> list[str]:
        """The words whose share of small words is measured: its own words, numbers left out."""
        return _letters(self.words)

    @property
    def not_an_analysis(self) -> str:
        """Why the text cannot count as an analysis; '' when it can."""
        if self.keyword_list:
            return self.reads_as_keywords()
        if not any(self.is_statement(s) for s in self.own_sentences):
            return self.no_sentence(self.prose.min_statement_words)
        return ""

    def is_statement(self, sentence: Sentence) -> bool:
        """A sentence long enough, and with enough small words, to state something."""
        return not self._not_a_statement(sentence)

    def why_not_counted(self, sentence: Sentence) -> str:
        """Why a match in ``sentence`` is left to a reviewer; '' when it counts."""
        if self.keyword_list:
            return "an analysis that reads as a list of keywords"
        if sentence.index in self.copied:
            return "a sentence copied from the case brief"
        if sentence.index in self.analysis.table_rows:
            return "a table row (only a sentence of the analysis counts)"
        return self._not_a_statement(sentence)

    def _not_a_statement(self, sentence: Sentence) -> str:
        words = len(sentence.words)
        if words < self.prose.min_statement_words:
            return f"a {words}-word fragment, not a sentence"
        if words > self.prose.max_statement_words:
            return f"a {words}-word run-on sentence"
        letters = _letters(sentence.words)
        if function_word_share(letters) < self.prose.min_function_word_share / 2:
            return "a string of keywords, not a sentence"
        return ""


def check_analysis(text: AnalysisText, section: CaseSection,
                   compiled: CompiledCase) -> list[Finding]:
    """Every check of one analysis, in a fixed order."""
    findings = [_section(text.analysis, s, compiled) for s in section.sections]
    for point in section.key_points:
        findings.append(_key_point(text, point, compiled))
        findings[-1].weight = point.weight
    for number in section.numbers:
        others = [n for n in section.numbers if n is not number]
        findings.append(_number(text, number, compiled.about[number.id], others))
        findings[-1].weight = number.weight
    findings.append(_recommendation(text, section.recommendation, compiled))
    findings.append(_length(text, section))
    return findings


def section_part(analysis: Analysis, section_id: str, compiled: CompiledCase) -> Part | None:
    """The first part whose heading names the section."""
    headings = compiled.sections[section_id]
    return next((part for part in analysis.parts[1:]
                 if headings.find_in_words(heading_name(part.heading), anchored=True)), None)


def _section(analysis: Analysis, section: Section, compiled: CompiledCase) -> Finding:
    label = f"has a section “{section.title}”"
    part = section_part(analysis, section.id, compiled)
    if part is None:
        wanted = ", ".join(f"“{h}”" for h in section.headings[:4])
        return Finding("sections", section.id, label, 0.0, f"no heading like {wanted}",
                       specifics={"missing_section": section.title})
    found = f"heading “{part.heading}” (line {part.line}), {part.words} words under it"
    if part.words < section.min_words:
        return Finding("sections", section.id, label, 0.5,
                       f"{found}; at least {section.min_words} expected",
                       specifics={"thin_section": section.title})
    return Finding("sections", section.id, label, 1.0, found)


def _key_point(text: AnalysisText, point: KeyPoint, compiled: CompiledCase) -> Finding:
    label = f"makes the point: {point.point}"
    unless = compiled.counters_unless[point.id]
    opposite = [m for m in compiled.counters[point.id].find_all(text.sentences)
                if not text.why_not_counted(m.sentence)
                and not unless.find_in_words(m.sentence.normal)]
    against = {m.sentence.index for m in opposite}
    matches = list(compiled.cues[point.id].find_all(text.sentences, negation=compiled.negation))
    clean = [m for m in matches if not m.negated and m.sentence.index not in against]
    finding = first_counted("key_points", point.id, label, clean, text.why_not_counted)
    if opposite and finding.fraction >= 1:
        finding.fraction, finding.review = 0.0, (
            f"the analysis also says the opposite: {quoted(opposite[0])}; not counted")
    elif opposite:
        finding.evidence = f"says the opposite: {quoted(opposite[0])}"
        finding.specifics = {"contradicted_point": point.point,
                             "contradicting_sentence": quoted(opposite[0])}
    elif finding.evidence == "not found":
        negated = next((m for m in matches if m.negated), None)
        if negated is not None:
            finding.evidence, finding.review = quoted(negated), "found after a negation"
        finding.specifics = {"missing_point": point.point}
    return finding


def _number(text: AnalysisText, number: ExpectedNumber, about: PhraseSet,
            others: list[ExpectedNumber]) -> Finding:
    """Stated in a sentence that mentions what the number is about, or in the sentence after
    it ("Churn rose sharply. It reached 3.4% a month."). A wrong number is one of the same
    kind (a percentage for a percentage) that is not another expected number."""
    label = f"states {number.states}"
    expected = f"expected {number.shown()}"
    mentions = [match.sentence for match in about.find_all(text.sentences)]
    candidates: dict[int, Sentence] = {}  # by index: a list would be searched at every mention
    for sentence in mentions:
        following = text.analysis.next_in_part(sentence)
        for candidate in (sentence, *([following] if following else [])):
            candidates.setdefault(candidate.index, candidate)
    counted = {i: s for i, s in candidates.items() if not text.why_not_counted(s)}
    for sentence in counted.values():
        right = next((n for n in measures_in(sentence.text) if agrees(n, number)), None)
        if right is not None:
            return Finding("numbers", number.id, label, 1.0,
                           f"{quote_sentence(sentence, right.text)}: {right.text} ({expected})")
    for sentence in (s for s in mentions if s.index in counted):
        same_kind = [n for n in measures_in(sentence.text) if _same_kind(n, number)]
        said = [n for n in same_kind if not any(agrees(n, other) for other in others)] \
            or same_kind
        if said:
            wrong = ", ".join(n.text for n in said)
            return Finding("numbers", number.id, label, 0.0,
                           f"{quote_sentence(sentence, said[0].text)}: says {wrong}; {expected}",
                           specifics={"wrong_number": f"{wrong} for {number.states} "
                                                      f"(the data gives {number.value})"})
    doubtful = next((s for s in candidates.values()
                     if any(agrees(n, number) for n in measures_in(s.text))), None)
    if doubtful is not None:
        return Finding("numbers", number.id, label, 0.0, quote_sentence(doubtful),
                       review=f"found only in {text.why_not_counted(doubtful)}; not counted")
    return Finding("numbers", number.id, label, 0.0, f"not stated ({expected})",
                   specifics={"missing_number": number.states})


def agrees(stated: StatedNumber, number: ExpectedNumber) -> bool:
    """Whether a stated number is the expected one: within the tolerance, or the expected
    value rounded to the precision written ("17%" or "17.4%" for 17.42%; "$9.8k" for $9,840).
    A percentage also matches its fraction (17.4% = 0.174); the sign is not compared, so "a
    fall of 3.2%" states -3.2%."""
    expected = number.expected
    if expected.percent != stated.percent and (not expected.percent or abs(stated.value) > 1):
        return False
    difference = abs(abs(stated.fraction_value) - abs(expected.fraction_value))
    if difference <= number.allowed_difference + 1e-12:
        return True
    step = stated.step / 100 if stated.percent else stated.step
    return stated.significant_digits >= 2 and difference <= step / 2 + 1e-12


def _same_kind(stated: StatedNumber, number: ExpectedNumber) -> bool:
    """A percentage (or a fraction) for a percentage; an amount for an amount."""
    if number.expected.percent:
        return stated.percent or abs(stated.value) <= 1
    return not stated.percent


def discusses_the_case(findings: list[Finding]) -> bool:
    """Whether anything specific to this case was found, even if only for the reviewer: a key
    point, an expected number, or a recommendation naming one of the case's options."""
    for finding in findings:
        if finding.kind in ("key_points", "numbers") and (finding.fraction > 0 or finding.review):
            return True
        if finding.kind == "recommendation" and (
                finding.review or "recommended_option" in finding.specifics):
            return True
    return False


def _recommendation(text: AnalysisText, recommendation: Recommendation,
                    compiled: CompiledCase) -> Finding:
    label = "ends in an explicit recommendation of one option"
    part = (section_part(text.analysis, recommendation.section, compiled)
            if recommendation.section else None)
    in_part = {s.index for s in part.sentences} if part else set()
    statements = [s for s in text.own_sentences if not text.why_not_counted(s)]
    cued = [s for s in statements if compiled.recommendation_cues.find_in_words(s.normal)]
    named = [(s, _options_named(s, recommendation, compiled)) for s in cued]
    single = [(s, options[0]) for s, options in named if len(options) == 1]
    if not single:  # in the recommendation's own section, naming one option is enough
        single = [(s, options[0]) for s in statements if s.index in in_part
                  if len(options := _options_named(s, recommendation, compiled)) == 1][:1]
    if single:
        chosen = {option for _, option in single}
        if len(chosen) > 1:
            shown = "; ".join(f"{option} in {quote_sentence(s)}" for s, option in single[:3])
            return Finding("recommendation", "recommendation", label, 0.0, shown,
                           review="recommends different options in different places; which "
                                  "one stands is for the reviewer")
        sentence, option = next(((s, o) for s, o in single if s.index in in_part), single[-1])
        credit = next(o.credit for o in recommendation.options if o.id == option)
        note = "" if credit >= 1 else f"; the data supports it less (credit {credit:g})"
        return Finding("recommendation", "recommendation", label, credit,
                       f"{quote_sentence(sentence)} → option “{option}”{note}",
                       specifics={"recommended_option": option})
    hedged = next(((s, o) for s, o in named if len(o) > 1), None)
    if hedged is not None:
        sentence, options = hedged
        return Finding("recommendation", "recommendation", label, 0.0,
                       f"{quote_sentence(sentence)} names {', '.join(options)}",
                       review="names several options in one sentence; which one it recommends "
                              "is for the reviewer")
    if cued:
        sentence = next((s for s in cued if s.index in in_part), cued[-1])
        return Finding("recommendation", "recommendation", label, PRESENT_NO_OPTION,
                       f"{quote_sentence(sentence)}: recommends, but none of the options "
                       f"({', '.join(o.id for o in recommendation.options)})",
                       specifics={"vague_recommendation": quote_sentence(sentence)})
    return Finding("recommendation", "recommendation", label, 0.0, "no recommendation found",
                   specifics={"missing_recommendation": "yes"})


def _options_named(sentence: Sentence, recommendation: Recommendation,
                   compiled: CompiledCase) -> list[str]:
    """The options a sentence recommends: named and not negated. An option that combines
    others ("keep $49 for teams, a solo plan at $39") stands for them."""
    named = [option.id for option in recommendation.options
             if any(not m.negated for m in compiled.options[option.id].find_all(
                 [sentence], negation=compiled.negation))]
    combined = {other for option in recommendation.options if option.id in named
                for other in option.combines}
    return [option for option in named if option not in combined]


def _length(text: AnalysisText, section: CaseSection) -> Finding:
    limits = section.length
    words = len(text.words)
    label = f"keeps to {limits.min_words}-{limits.max_words} words"
    shown = f"{words} words of the candidate's own (tables and the brief's sentences left out)"
    if words < limits.min_words:
        return Finding("length", "length", label, round(words / max(limits.min_words, 1), 3),
                       f"{shown}; at least {limits.min_words} asked")
    if words > limits.max_words:
        over = (words - limits.max_words) / limits.max_words
        return Finding("length", "length", label, round(max(0.0, 1 - over), 3),
                       f"{shown}; at most {limits.max_words} asked")
    return Finding("length", "length", label, 1.0, shown)


def _letters(words) -> list[str]:
    """Words without the numbers: "17.4%" is not a word of prose."""
    return [word for word in words if not word[0].isdigit()]

