"""The checks an analysis gets, each a ``Finding`` with points and quoted evidence: sections
by heading, key points (not contradicted), numbers (stated about their quantity, within
tolerance: ``figures``), the recommendation (decisive, one option, consistent, weighing
more than one of the case's measures) and length.

Phrases are matched clause by clause (``prose.clauses``): a key point's words must be in one
clause, a negation counts only in the clause it is in, and a clause that states a condition
("only if churn falls") makes no claim either way.

A contradiction weighs more than an omission: a key point said the other way round, stated
with a wrong figure, or a wrong figure for an expected number, fails with
``CONTRADICTION_WEIGHT`` times its weight (it loses its own points and as many again from
the rest of its kind).

A match the checks cannot be sure of (a fragment, a pile of keywords, a sentence copied from
the brief, after a negation, a key point only in a table) is left to a reviewer: it counts
neither way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from worksample.prose.clauses import Clause, clauses
from worksample.prose.cue_verbs import CueVerbs
from worksample.prose.evidence import Finding, first_counted, quote_sentence, quoted
from worksample.prose.matching import GAP, Match, PhraseSet, Rereading
from worksample.prose.measures import function_word_share
from worksample.prose.negation import is_cue
from worksample.prose.own_text import OwnText
from worksample.prose.stance import Stance
from worksample.prose.text import Sentence
from worksample.prose.unpromised import wished_for

from .changes import a_relative_change, points_called_percent, relative_changes
from .config import CaseSection, KeyPoint, Section
from .figures import check_number, givens_in, scoped_clauses, stated_right
from .labels import label_verbs
from .parts import Parts, parts_in_exhibits
from .present_tense import anchored, present_cues
from .pronouns import PRONOUN, cue_groups, read_through_pronoun, referents_of
from .recommendation import UNREAD, check_recommendation
from .shown_by import made_by_figures
from .structure import Analysis, Part, heading_name

MIN_WORDS_TO_JUDGE_PROSE = 40  # the share of small words says little about a shorter text
CONTRADICTION_WEIGHT = 2.0  # a contradiction costs its points and as many again
# a sentence's first word that refers to what the sentence before named
REFERRING = frozenset({("their",), ("they",), ("its",), ("these",), ("those",)})
# expected numbers contradicted, with none right, that leave a choice founded on none of them
# (one wrong move, before and after, is two)
MIN_CONTRADICTED = 3
# before the figure of an aside that gives its clause's figure: "(up 45%)", "(about 2.1%)"
FIGURE_LEADS = frozenset({"up", "down", "now", "at", "about", "around", "roughly", "nearly",
                          "almost", "over", "under", "just", "only", "some"})
# a key point is a finding of the data: not a forecast, a hypothesis or a hedge
FORECAST = frozenset({"could", "might", "may", "would", "likely", "unlikely", "possibly",
                      "possible", "probably", "perhaps", "forecast", "predict", "predicted"})
# what someone else says, which the analyst may not share ("finance warned that ...")
CLAIMING = frozenset({"told", "tells", "said", "says", "claim", "claims", "claimed", "warned",
                      "warns", "argued", "argues", "believes", "believed", "thinks", "thought",
                      "reported", "reports", "suggested", "suggests", "insisted", "insists",
                      "assumed", "assumes", "feared", "fears"})


@dataclass(frozen=True)
class CompiledCase:
    """An assignment's phrase lists, compiled once per assignment version."""

    headings: PhraseSet
    sections: dict[str, PhraseSet]
    section_words: dict[str, int]  # the words a section needs under its heading
    cues: dict[str, PhraseSet]
    # the cues told in the present, read only where the clause anchors the change
    present_cues: dict[str, PhraseSet]
    counters: dict[str, PhraseSet]
    # each point's cues as groups of words, for a pronoun to stand for one
    cue_groups: dict[str, list[tuple[str, ...]]]
    referents: frozenset[str]  # what "it" may stand for (``pronouns.referents_of``)
    # the words of each point's counter-examples before their gap ("churn" of "churn ... fell")
    counters_before_gap: dict[str, frozenset[str]]
    counters_unless: dict[str, PhraseSet]
    about: dict[str, PhraseSet]
    recommendation_cues: PhraseSet
    options: dict[str, PhraseSet]
    # "I recommend keeping Pro at $49" read as "... keep Pro at $49" for the options' phrases
    option_verbs: CueVerbs
    label_verbs: CueVerbs  # "Option A keeps Pro at $49" read as "Option A keep Pro at $49"
    negation: PhraseSet
    measures: dict[str, PhraseSet]  # the quantities the case measures, by their first phrase
    stance: Stance
    givens: frozenset[tuple[float, bool]]  # the figures the brief and exhibits state
    parts: Parts  # the parts of the customers an option may be limited to

    @classmethod
    def of(cls, section: CaseSection, given: list[str] = (),
           exhibits: dict[str, str] | None = None) -> CompiledCase:
        """Compile every phrase list of ``section``; ``given`` are the texts of the brief and
        the exhibits, whose figures are never read as a candidate's wrong figures, and
        ``exhibits`` the exhibits by name, whose columns may list the parts of the customers
        (``parts``)."""
        recommendation = section.recommendation
        option_phrases = [p for o in recommendation.options for p in o.says]
        return cls(
            headings=PhraseSet([h for s in section.sections for h in s.headings]),
            sections={s.id: PhraseSet(s.headings) for s in section.sections},
            section_words={s.id: s.min_words for s in section.sections},
            cues={k.id: PhraseSet(k.cues) for k in section.key_points},
            present_cues={k.id: PhraseSet(present_cues(k.cues)) for k in section.key_points},
            counters={k.id: PhraseSet(k.counter_examples) for k in section.key_points},
            cue_groups=(groups := {k.id: cue_groups(k.cues) for k in section.key_points}),
            referents=referents_of(list(groups.values()), [n.about for n in section.numbers]),
            counters_before_gap={k.id: frozenset(
                word for phrase in k.counter_examples if GAP in phrase
                for word in phrase.split(GAP)[0].lower().split()) for k in section.key_points},
            counters_unless={k.id: PhraseSet(k.unless) for k in section.key_points},
            about={n.id: PhraseSet(n.about) for n in section.numbers},
            recommendation_cues=(cues := PhraseSet(recommendation.cues)),
            options={o.id: PhraseSet(o.says) for o in recommendation.options},
            option_verbs=CueVerbs(cues, option_phrases),
            label_verbs=label_verbs(option_phrases),
            negation=PhraseSet(recommendation.negation),
            measures={about[0]: PhraseSet(about)
                      for about in dict.fromkeys(tuple(n.about) for n in section.numbers)},
            stance=Stance(),
            givens=givens_in(list(given)),
            parts=Parts.of(recommendation.parts or parts_in_exhibits(exhibits or {})),
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
        self._clauses: dict[int, list[Clause]] = {}

    def clauses(self, sentence: Sentence) -> list[Clause]:
        """The clauses of one of its sentences (split once)."""
        if sentence.index not in self._clauses:
            self._clauses[sentence.index] = clauses(sentence)
        return self._clauses[sentence.index]

    def find_in_clauses(self, phrases: PhraseSet, sentences: list[Sentence],
                        negation: PhraseSet | None = None, scoped: bool = False,
                        reading: Rereading | None = None) -> list[tuple[Match, Clause]]:
        """Every match of ``phrases`` within one clause of ``sentences`` (each match's
        sentence is the whole sentence, for quoting), with its clause; a negation counts
        in its own clause only (with ``scoped``, by ``negation.denial``'s rules). A clause
        with no match as written is tried as ``reading`` reads it."""
        found = []
        for sentence in sentences:
            for clause in self.clauses(sentence):
                for match in phrases.find_all([clause.as_sentence()], reading,
                                              negation=negation, scoped=scoped):
                    found.append((replace(match, sentence=sentence), clause))
        return found

    def find_through_pronoun(self, phrases: PhraseSet, cues: list[tuple[str, ...]],
                             referents: frozenset[str], negation: PhraseSet
                             ) -> list[tuple[Match, Clause, Clause]]:
        """Every match of ``phrases`` in a clause that tells one of ``cues`` through "it"
        (``pronouns.read_through_pronoun``): the match (its sentence the whole sentence, its
        pronoun said to be read), the clause as read and the clause as written."""
        found = []
        for clause, earlier in self._clauses_with_it if cues else ():
            through = read_through_pronoun(clause, earlier, cues, referents)
            if through is None:
                continue
            read, named = through
            for match in phrases.find_all([read.as_sentence()], negation=negation):
                found.append((replace(match, sentence=clause.sentence, read_as=(("it", named),)),
                              read, clause))
        return found

    @cached_property
    def _clauses_with_it(self) -> list[tuple[Clause, Sequence[Clause]]]:
        """Every clause holding "it" (no aside), with the clauses it may point back to: the
        earlier ones of its sentence or, in the sentence's first clause, the sentence
        before's under the same heading. Made once, for every point to read."""
        part_of, found, previous = self.analysis.part_of, [], None
        for sentence in self.sentences:
            if PRONOUN in sentence.tokens:
                before = [] if previous is None or part_of.get(previous.index) != part_of.get(
                    sentence.index) else [c for c in self.clauses(previous)
                                          if not c.aside and not c.table]
                mains = [clause for clause in self.clauses(sentence) if not clause.aside]
                for at, clause in enumerate(mains):
                    if PRONOUN in clause.normal.split():
                        found.append((clause, _Prefix(mains, at) if at else before))
            previous = sentence
        return found

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

    def why_figure_not_counted(self, sentence: Sentence) -> str:
        """Why a figure in ``sentence`` is left to a reviewer; '' when it counts. A table
        row states its figures (each with its label and header) as a sentence would."""
        if sentence.index in self.analysis.table_rows and not self.keyword_list:
            return "" if sentence.clauses else "a table row with no header to read it by"
        return self.why_not_counted(sentence)

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
    scoped = scoped_clauses(text.sentences, text.clauses, text.analysis.part_of, compiled.about)
    numbers, figures_contradicted = [], 0
    wrong_in: dict[Clause, WrongFigure] = {}
    changes = relative_changes(section.numbers)
    for number in section.numbers:
        others = [n for n in section.numbers if n is not number]
        its_changes = changes.get(number.id)
        outcome = check_number(
            number, scoped, others, text.why_figure_not_counted, compiled.givens,
            compiled.parts, compiled.about,
            lambda clause, figure, its=its_changes: a_relative_change(clause.text, figure, its))
        outcome.finding.weight = number.weight * (CONTRADICTION_WEIGHT if outcome.contradicts
                                                  else 1)
        numbers.append(outcome.finding)
        if outcome.contradicts:
            figures_contradicted += 1
            for clause, said in outcome.wrong_in.items():
                known = wrong_in.get(clause)
                wrong_in[clause] = WrongFigure(said, frozenset({number.id})) if known is None \
                    else replace(known, about=known.about | {number.id})
    called_percent = points_called_percent(scoped, section.numbers, compiled.about)
    for clause, said in called_percent.items():
        wrong_in.setdefault(clause, WrongFigure(said))
    if called_percent:
        numbers.append(_points_as_percent(text, called_percent))
    shown_by = {n for point in section.key_points for n in point.shown_by}
    stated = stated_right(scoped, [n for n in section.numbers if n.id in shown_by],
                          lambda clause: _states_a_finding(text, clause, compiled))
    for point in section.key_points:
        finding = _key_point(text, point, compiled, wrong_in)
        if point.shown_by and finding.fraction < 1 and not finding.specifics.keys() & {
                "contradicted_point"} and not finding.review.startswith("the analysis also"):
            finding = made_by_figures(point, stated, section.numbers,
                                      compiled.parts) or finding
        contradicted = "contradicted_point" in finding.specifics
        finding.weight = point.weight * (CONTRADICTION_WEIGHT if contradicted else 1)
        findings.append(finding)
    findings += numbers
    unfounded = _unfounded(numbers, figures_contradicted, findings)
    recommendation = section.recommendation
    part = (section_part(text.analysis, recommendation.section, compiled)
            if recommendation.section else None)
    findings.append(check_recommendation(text, recommendation, compiled, part, unfounded))
    findings.append(_length(text, section))
    return findings


def _points_as_percent(text: AnalysisText, called: dict[Clause, str]) -> Finding:
    """A wrong figure of its own, beside the expected numbers: the analysis tells a change in
    percentage points as a change in percent (``changes.points_called_percent``), which a
    reader takes for a change many times smaller. It fails with ``CONTRADICTION_WEIGHT``
    however many clauses do it, and whether or not the key point is also made right."""
    counted = [(c, said) for c, said in called.items() if not text.why_not_counted(c.sentence)]
    clause, said = (counted or list(called.items()))[0]
    others = f" (and {len(called) - 1} more)" if len(called) > 1 else ""
    return Finding("numbers", "points-called-percent",
                   "tells changes in percentage points as such, not as percent", 0.0,
                   f"{quote_sentence(clause.sentence)}: {said}{others}; a contradiction of the "
                   "data", weight=CONTRADICTION_WEIGHT, specifics={"wrong_number": said})


def _unfounded(numbers: list[Finding], contradicted: int, findings: list[Finding]) -> str:
    """Why the analysis's choice follows from none of the data, or '': with none of the case's
    figures stated, right or wrong, and none of its points made, it follows from nothing; with
    none stated right and ``MIN_CONTRADICTED`` or more contradicted, from figures that are
    not the data's (an honest slip leaves others right)."""
    if not numbers or any(f.fraction >= 1 for f in numbers):
        return ""
    if contradicted >= MIN_CONTRADICTED:
        return (f"every figure of the case the analysis states contradicts the data "
                f"({contradicted} of them), so it follows from none of it")
    if all("missing_number" in f.specifics for f in numbers) and not any(
            f.kind == "key_points" and f.fraction > 0 for f in findings):
        return "the analysis states none of the case's figures, so it follows from none"
    return ""


def section_part(analysis: Analysis, section_id: str, compiled: CompiledCase) -> Part | None:
    """The first part whose heading names the section and that has the words it needs under
    it (its own and those of the headings nested under it); when none has, the longest so
    named. A run-in label in a summary's list ("- Recommendation: a Solo plan.") names the
    section too, but holds a line, not it."""
    def names(part: Part, section: str) -> bool:
        return compiled.sections[section].find_in_words(heading_name(part.heading),
                                                        anchored=True)

    def another_section(part: Part) -> bool:
        return any(names(part, other) for other in compiled.sections if other != section_id)

    named = [analysis.section(index, another_section)
             for index, part in enumerate(analysis.parts) if index and names(part, section_id)]
    enough = compiled.section_words.get(section_id, 0)
    return next((part for part in named if part.words >= enough),
                max(named, key=lambda part: part.words, default=None))


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


def _parts_apart(text: AnalysisText, clause: Clause, match: Match, point: KeyPoint,
                 compiled: CompiledCase) -> bool:
    """Whether the cue at ``match`` tells one part of the customers ("team MRR grew") in a
    sentence where another part moves the other way ("solo MRR fell by $10,682 while team
    MRR grew by $3,185"): the parts apart do not tell the whole. A part that moves the same
    way, or does not move, leaves the cue as it is ("solo sign-ups fell while team sign-ups
    were flat")."""
    part = _part_before(clause.normal.split(), match.start, compiled.parts)
    if not part:
        return False
    return any(other and other != part for other in (
        _part_before(c.normal.split(), m.start, compiled.parts)
        for m, c in text.find_in_clauses(compiled.counters[point.id], [match.sentence])))


def _part_before(words: list[str], start: int, parts: Parts) -> str:
    """The part of the customers whose word stands right before word ``start`` ("team" of
    "team MRR grew"), or ''."""
    return parts.words.get(words[start - 1], "") if 0 < start <= len(words) else ""


def _states_a_finding(text: AnalysisText, clause: Clause, compiled: CompiledCase) -> bool:
    """Whether the clause's figures are a finding of the analysis: in a sentence that counts,
    not negated, and no forecast, hedge or someone else's claim."""
    return (not text.why_not_counted(clause.sentence)
            and not compiled.negation.find_in_words(clause.normal)
            and not not_a_finding(text, clause, max(len(clause.normal.split()) - 1, 0)))


@dataclass(frozen=True)
class WrongFigure:
    """What a clause states wrongly, and the expected numbers it is wrong about (empty: a
    change in points called percent, wrong whatever the clause names)."""

    said: str
    about: frozenset[str] = frozenset()

    def costs(self, match: Match, compiled: CompiledCase) -> bool:
        """Whether the figure costs the point ``match`` makes in its clause: unless the cue's
        own words name other expected quantities and not this one ("sign ups fell and we saw
        a 2.5% rise in churn": a wrong churn figure is no wrong figure of the sign ups)."""
        named = {n for n, phrases in compiled.about.items() if phrases.find_in_words(match.words)}
        return not (self.about and named and named.isdisjoint(self.about))


def _wrong_figure(match: Match, clause: Clause, wrong_in: dict[Clause, WrongFigure],
                  asides: dict[int, list[Clause]], compiled: CompiledCase
                  ) -> WrongFigure | None:
    """The wrong figure that costs a key point matched in ``clause``: one the clause states,
    or one an aside of its sentence states (``asides``, by sentence: "churn (2.1% a month)
    rose", "MRR, up 45% on February, grew": the aside is a clause of its own), when it is
    about what the cue names."""
    stated = [clause, *asides.get(match.sentence.index, ())]
    return next((figure for other in stated if (figure := wrong_in.get(other)) is not None
                 and figure.costs(match, compiled)), None)


def _wrong_asides(wrong_in: dict[Clause, WrongFigure]) -> dict[int, list[Clause]]:
    """The asides of ``wrong_in`` that give a figure first (``_a_figure_first``), by sentence
    index: looked up for each match, where scanning them all for each made an analysis of
    many wrong figures take time quadratic in its length."""
    asides: dict[int, list[Clause]] = {}
    for clause in wrong_in:
        if clause.aside and _a_figure_first(clause):
            asides.setdefault(clause.sentence.index, []).append(clause)
    return asides


def _a_figure_first(aside: Clause) -> bool:
    """Whether an aside gives a figure before it names anything ("2.1% a month", "up 45% on
    February"): the figure of the clause it stands in, not of a thing it names ("estimated
    elasticity of -0.6")."""
    words = aside.normal.split()
    at = 1 if words and words[0] in FIGURE_LEADS else 0
    return at < len(words) and words[at][:1].isdigit()


def _key_point(text: AnalysisText, point: KeyPoint, compiled: CompiledCase,
               wrong_in: dict[Clause, WrongFigure]) -> Finding:
    """Said in one clause that is not a condition and not negated there, in a sentence that
    does not also say the opposite (a counter-example in a sentence that names none of the
    ``unless`` phrases, which make it about something else), and not with a figure the number
    checks found wrong. A forecast, a hedge or someone else's claim
    (``not_a_finding``) goes to the reviewer, and is no contradiction either."""
    label = f"makes the point: {point.point}"
    unless = compiled.counters_unless[point.id]
    opposite = [m for m, clause in text.find_in_clauses(compiled.counters[point.id],
                                                         text.sentences)
                if not clause.condition and not m.negated  # "churn never fell back"
                and not text.why_not_counted(m.sentence)
                and not unless.find_in_words(m.sentence.normal)
                and not _says_more_of(text, m.sentence, unless)
                and not not_a_finding(text, clause, m.start)
                and not _not_against_it(text, clause, m,
                                        compiled.counters_before_gap[point.id])]
    against = {m.sentence.index for m in opposite}
    matches = [(m, c) for m, c in text.find_in_clauses(compiled.cues[point.id], text.sentences,
                                                       negation=compiled.negation)
               if not c.condition and not _parts_apart(text, c, m, point, compiled)]
    matches += [(m, c) for m, c in text.find_in_clauses(compiled.present_cues[point.id],
                                                        text.sentences,
                                                        negation=compiled.negation)
                if not c.condition and anchored(c.normal, m.sentence.normal)
                and (m, c) not in matches]
    # told through "it": read only where no clause of its sentence tells it as written
    told = {m.sentence.index for m, _ in matches}
    written_as = {}  # a clause as read -> as written, where a wrong figure is looked up
    for m, read, clause in text.find_through_pronoun(compiled.cues[point.id],
                                                     compiled.cue_groups[point.id],
                                                     compiled.referents, compiled.negation):
        if (m.sentence.index not in told and not read.condition
                and not _parts_apart(text, read, m, point, compiled)):
            matches.append((m, read))
            written_as[read] = clause
    doubtful = {m.sentence.index: why for m, c in matches
                if (why := not_a_finding(text, c, m.start))}
    asides = _wrong_asides(wrong_in)
    wrong_for = {m: figure for m, c in matches if (figure := _wrong_figure(
        m, written_as.get(c, c), wrong_in, asides, compiled))}
    wrong = next(((m, wrong_for[m].said) for m, _ in matches if m in wrong_for
                  and not m.negated and not text.why_not_counted(m.sentence)), None)
    clean = [m for m, _ in matches if not m.negated and m.sentence.index not in against
             and m not in wrong_for]
    finding = first_counted("key_points", point.id, label, clean,
                            lambda s: text.why_not_counted(s) or doubtful.get(s.index, ""))
    if opposite and finding.fraction >= 1:
        finding.fraction, finding.review = 0.0, (
            f"the analysis also says the opposite: {quoted(opposite[0])}; not counted")
    elif opposite or (wrong is not None and finding.fraction < 1):
        said = (f"says the opposite: {quoted(opposite[0])}" if opposite else
                f"states it with a wrong figure: {quoted(wrong[0])} ({wrong[1]})")
        finding.evidence, finding.review = f"{said}; a contradiction weighs double", ""
        finding.specifics = {"contradicted_point": point.point,
                             "contradicting_sentence": quoted((opposite or [wrong[0]])[0])}
    elif finding.evidence == "not found":
        negated = next((m for m, _ in matches if m.negated), None)
        if negated is not None:
            finding.evidence = quoted(negated)
            finding.review = f"found in a sentence that denies it ({negated.denied_by})"
        finding.specifics = {"missing_point": point.point}
    return finding


# after a counter-example's closing negation, what makes it add, not deny
ADDING = frozenset({"just", "only", "merely", "simply"})
# before a time: the period before the change ("before the rise", "prior to March")
EARLIER = frozenset({"before", "until", "prior"})
COMPARING = frozenset({"than", "as", "compared", "same"})  # "the same as before the rise"


def _says_more_of(text: AnalysisText, sentence: Sentence, unless: PhraseSet) -> bool:
    """Whether a sentence opening with a pronoun ("Their churn did not respond", "They kept
    paying") says more of what the sentence before it, in the same part of the analysis,
    named of the ``unless`` phrases ("Team accounts: keep Pro at $49.")."""
    if not sentence.index or sentence.normal_words[:1] not in REFERRING:
        return False
    part_of = text.analysis.part_of
    before = text.sentences[sentence.index - 1]
    return (part_of.get(before.index) == part_of.get(sentence.index)
            and unless.find_in_words(before.normal))


def _not_against_it(text: AnalysisText, clause: Clause, match: Match,
                    before_gap: frozenset[str]) -> bool:
    """Whether a counter-example's words ("churn ... flat") say nothing against the point,
    which is about what changed: they tell the time before the change, or the gap joins two
    statements, or the negation it ends on adds ("churn didn't just rise, it doubled").

    The time before: the pluperfect inside the gap ("churn had fallen through 2025"),
    "previously", or "before", "until" or "prior to" a time (not "until now") in its clause or
    opening a main clause next to it ("solo churn was flat for six months before the rise";
    "until the increase, churn stayed flat"; "churn was stable all of last year, prior to the
    rise"), unless the clause compares ("than", "as", "compared", "same": "churn is the same
    as it was before the rise" is against it). Two statements: "and" and a word of its own
    inside the gap, after a word that is not one of ``before_gap`` ("churn doubled
    and sign-ups fell" says nothing of churn falling; "churn rose and then fell" does)."""
    words = clause.normal.split()
    inside = words[match.start + 1:match.end - 1]
    if is_cue(words[match.end - 1]) and ADDING.intersection(words[match.end:match.end + 1]):
        return True  # it ends on a negation that adds: "churn didn't just rise, it doubled"
    joined = any(word == "and" and at and inside[at - 1] not in before_gap
                 and [w for w in inside[at + 1:] if w != "then"]
                 for at, word in enumerate(inside))
    if joined or "had" in inside:
        return True
    if COMPARING.intersection(words):
        return False
    around = [] if clause.table else [
        other.normal.split()[:2] for other in text.clauses(clause.sentence)
        if not other.aside and abs(other.position - clause.position) == 1]
    return any(_earlier(opening, 0) for opening in around) or any(
        _earlier(words, at) for at in range(len(words)))


class _Prefix(Sequence[Clause]):
    """The first ``size`` of a sentence's clauses, not copied: a sentence may hold thousands,
    and every clause holding "it" has its own earlier ones."""

    def __init__(self, clauses: list[Clause], size: int) -> None:
        self._clauses, self._size = clauses, size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index):  # an int or a slice, as a list takes them
        return self._clauses[:self._size][index] if isinstance(index, slice) else \
            self._clauses[range(self._size)[index]]


def _earlier(words: list[str], at: int) -> bool:
    """Whether word ``at`` opens a time before the change: "previously", or "before",
    "until" or "prior" with a time after it, not "until now"."""
    following = words[at + 1] if at + 1 < len(words) else ""
    return bool(words) and (words[at] == "previously" or (
        words[at] in EARLIER and following not in {"", "now", "today"}))


def not_a_finding(text: AnalysisText, clause: Clause, start: int) -> str:
    """Why a point's words at word ``start`` of the clause state no finding of the analysis:
    a forecast or a hedge in the clause ("churn is likely to be higher next year"), or
    someone else's claim ("sales has told the board that revenue grew"); '' for a finding."""
    words = set(clause.normal.split())
    if words & FORECAST:
        return f"a forecast or a hedge (“{sorted(words & FORECAST)[0]}”)"
    claim = wished_for(clause.as_sentence(), start, CLAIMING, company_is_the_writer=False)
    return f"someone else's claim (“{claim}”)" if claim else ""


def discusses_the_case(findings: list[Finding]) -> bool:
    """Whether anything specific to this case was found, even if only for the reviewer: a key
    point, an expected number, or a recommendation naming one of the case's options. Not an
    option named only in a short line or a row (``UNREAD``): "Lower the price." under an essay
    about something else does not make it about this case."""
    for finding in findings:
        if finding.kind in ("key_points", "numbers") and (finding.fraction > 0 or finding.review):
            return True
        if finding.kind == "recommendation" and UNREAD not in finding.specifics and (
                finding.review or "recommended_option" in finding.specifics):
            return True
    return False


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

