"""The checks one reply gets, each a ``Finding``: points (a fraction) and its evidence.

Evidence is the quoted sentence, a measurement, or "not found". A match the checks cannot be
sure of (a phrase found only in a run-on sentence, a list of keywords or a sentence copied
from the customer's email, a forbidden phrase after "not", a name two letters off) is not
counted either way: it is marked for a reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from worksample.prose.answering import only_names, talks_around
from worksample.prose.commitment import (
    content_words,
    hedge,
)
from worksample.prose.evidence import (
    Finding,
    copied_passages,
    first_counted,
    quoted,
)
from worksample.prose.matching import Match, PhraseSet, Reading
from worksample.prose.measures import spans_in
from worksample.prose.own_text import OwnText
from worksample.prose.plain_sense import plain_sense
from worksample.prose.request import plurals_of
from worksample.prose.responsibility import lecture
from worksample.prose.text import Sentence, normalise

from .config import Clarity, CustomerEmail, EmailSection, Fact
from .courtesy import empathy, named, not_names, sign_off
from .forbidden import CONTRADICTION_COST, forbidden_statement
from .next_step import next_step
from .writing import MIN_SENTENCE_WORDS, clarity, dictionary, spelling

# checks that give points for what a reply does not do: earned in proportion to what it does
ABSENCE_KINDS = ("forbidden", "blame", "spelling", "clarity")
WH_WORDS = frozenset({"what", "where", "why", "how", "when", "which", "who", "whom", "whose"})
MIN_WORDS_TO_JUDGE_PROSE = 20  # the share of small words says little about a shorter reply
SHORT_REPLY_ALLOWANCE = 0.05  # below twice that many words, how much lower its share must be


@dataclass(frozen=True)
class CompiledPhrases:
    """An assignment's phrase lists, compiled once per assignment version."""

    greeting: PhraseSet
    sign_off: PhraseSet
    empathy: PhraseSet
    blame: PhraseSet
    next_step: PhraseSet
    negation: PhraseSet
    questions: dict[tuple[str, str], PhraseSet]
    facts: dict[tuple[str, str], PhraseSet]
    forbidden: dict[tuple[str, str], tuple[PhraseSet, PhraseSet]]
    promised: dict[tuple[str, str], list[tuple[str, ...]]]  # forbidden statements' content words
    plurals: dict[tuple[str, str], PhraseSet]  # a request's things in plurals its list lacks
    vocabulary: frozenset[str]
    not_names: dict[str, frozenset[str]]  # per email: words a signature's name may not hold

    @classmethod
    def of(cls, section: EmailSection) -> CompiledPhrases:
        """Compile every phrase list of ``section``."""
        lists = section.phrases
        questions = {(e.id, q.id): PhraseSet(q.answered_by) for e in section.emails
                     for q in e.questions}
        facts = {(e.id, f.id): PhraseSet(f.phrases) for e in section.emails for f in e.facts}
        statements = [(e.id, f) for e in section.emails
                      for f in (*e.forbidden, *section.forbidden_everywhere)]
        forbidden = {(eid, f.id): (PhraseSet(f.phrases), PhraseSet(f.unless))
                     for eid, f in statements}
        answers = [*questions.values(), *facts.values()]
        vocabulary = frozenset().union(*(p.literal_words for p in answers))
        return cls(
            greeting=PhraseSet(lists.greeting), sign_off=PhraseSet(lists.sign_off),
            empathy=PhraseSet(lists.empathy), blame=PhraseSet(lists.blame),
            next_step=PhraseSet(lists.next_step), negation=PhraseSet(lists.negation),
            questions=questions, facts=facts, forbidden=forbidden,
            promised={(eid, f.id): content_words(f.phrases) for eid, f in statements},
            plurals={(eid, f.id): PhraseSet(plurals_of(f.phrases)) for eid, f in statements
                     if f.is_request},
            vocabulary=vocabulary,
            not_names={e.id: not_names(e.customer, section.spelling.allow, vocabulary)
                       for e in section.emails},
        )


class ReplyText(OwnText):
    """A reply's sentences, and which of them a match may count in. Passages copied from the
    customer's email are not the candidate's writing: their words are not measured."""

    source = "the customer's email"
    small_words = "'the', 'to', 'we'"

    def __init__(self, sentences: list[Sentence], clarity: Clarity, vocabulary: frozenset[str],
                 customer_said: frozenset[str] = frozenset(),
                 policy_said: frozenset[str] = frozenset()):
        # passages pasted from the policy are not the candidate's writing either
        self.from_policy = copied_passages(sentences, policy_said)
        super().__init__(sentences, customer_said,
                         min_function_word_share=clarity.min_function_word_share,
                         min_words_to_judge=MIN_WORDS_TO_JUDGE_PROSE, left_out=self.from_policy)
        if len(self.words) < 2 * MIN_WORDS_TO_JUDGE_PROSE:
            # one word moves a short reply's share a lot: it must be further below prose
            self.keyword_list = self.keyword_list and (
                self.prose_share < clarity.min_function_word_share - SHORT_REPLY_ALLOWANCE)
        self.clarity = clarity
        self.reading = Reading(self.unknown_words, vocabulary)

    @cached_property
    def unknown_words(self) -> set[str]:
        """Lower-cased words the dictionary does not know."""
        return dictionary().unknown({word.lower() for word in self.words})

    def with_next(self, sentence: Sentence) -> str:
        """The sentence's text followed by the next sentence's."""
        following = self.sentences[sentence.index + 1:sentence.index + 2]
        return " ".join([sentence.text, *(s.text for s in following)])

    @property
    def not_a_reply(self) -> str:
        """Why the text cannot count as a reply (no sentence, or a list of keywords); '' when
        it can."""
        if not any(len(s.words) >= MIN_SENTENCE_WORDS for s in self.own_sentences):
            return self.no_sentence(MIN_SENTENCE_WORDS)
        return self.reads_as_keywords() if self.keyword_list else ""

    def copies_the_customer(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` is part of a passage copied from the customer's email."""
        return sentence.index in self.copied

    def pasted(self, sentence: Sentence) -> str:
        """Whose words ``sentence`` copies ("the customer's", "the policy's"), or ''."""
        if self.copies_the_customer(sentence):
            return "the customer's"
        return "the policy's" if sentence.index in self.from_policy else ""

    def why_not_counted(self, sentence: Sentence) -> str:
        """Why a match in ``sentence`` is left to a reviewer; '' when it counts."""
        if self.keyword_list:
            return "a reply that reads as a list of keywords"
        if self.copies_the_customer(sentence):
            return "a sentence that repeats the customer's email"
        if sentence.index in self.from_policy:
            return "a passage pasted from the policy"
        if len(sentence.words) > self.clarity.max_sentence_words:
            return f"a {len(sentence.words)}-word run-on sentence"
        return ""

    def positive(self, kind: str, item: str, label: str, matches,
                 not_counted: dict[int, str] | None = None) -> Finding:
        """A finding for something the reply should say: the first match that counts, and
        whose sentence is not one of ``not_counted`` (sentence index -> why)."""
        also = not_counted or {}
        return first_counted(kind, item, label, matches,
                             lambda s: self.why_not_counted(s) or also.get(s.index, ""))


def check_reply(text: ReplyText, email: CustomerEmail, section: EmailSection,
                phrases: CompiledPhrases) -> list[Finding]:
    """Every check of one reply, in a fixed order."""
    s = text.sentences
    findings = [
        text.positive("greeting", "greeting", "opens with a greeting",
                      phrases.greeting.find_all(text.own_sentences[:2], anchored=True)),
        sign_off(text.own_sentences, phrases.sign_off, phrases.not_names[email.id]),
        named(text, email.customer),
    ]
    forbidden, promising = [], {}
    for statement in (*email.forbidden, *section.forbidden_everywhere):
        key = (email.id, statement.id)
        finding, sentence = forbidden_statement(
            text, statement, *phrases.forbidden[key], phrases.promised[key], phrases.negation,
            phrases.plurals.get(key))
        forbidden.append(finding)
        if sentence is not None:
            promising[sentence.index] = "a sentence that makes a forbidden statement"
    blamed = _blaming(text, phrases.blame, phrases.negation)
    # a sentence that blames or makes a forbidden statement answers nothing
    not_answers = {**{b.match.sentence.index: "a sentence that blames the customer"
                      for b in blamed if b.sure},
                   **promising}
    # where each policy fact is mentioned, read once for the answers and the facts
    mentions = {fact.id: list(phrases.facts[email.id, fact.id].find_all(
        s, text.reading, negation=phrases.negation, scoped=True)) for fact in email.facts}
    contradicting = _contradicting(text, email, mentions)
    for question in email.questions:
        # "no" answers a yes-no question or a request; a denial answers no "what" or "where"
        denial = phrases.negation if asks_what(question.asks) else None
        answers = phrases.questions[email.id, question.id]
        matches = list(answers.find_all(s, text.reading, negation=denial, scoped=True))
        around = {m.sentence.index: why for m in matches
                  if (why := talks_around(m.sentence, m.start)
                      or only_names(m.sentence, answers, (m.start, m.end)))}
        answer = text.positive("questions", question.id, f"answers “{question.asks}”",
                               matches, {**around, **not_answers})
        if answer.review:
            answer = _wrong_answer(answer, matches, contradicting) or answer
        if answer.outcome != "passed":
            answer.specifics = {"missed_question": f"“{question.asks}”"}
        findings.append(answer)
    for fact in email.facts:
        findings.append(_fact(text, fact, mentions[fact.id]))
    hedged = {sentence.index: f"a hedged sentence (“{words}”)" for sentence in s
              if (words := hedge(sentence))}
    findings += [
        *forbidden,
        empathy(text, phrases),
        _blame(blamed),
        next_step(text, phrases, {**hedged, **promising}),
        clarity(text, email.length),
        spelling(text, email, section),
    ]
    return findings


def credit_for_absence(findings: list[Finding]) -> list[Finding]:
    """Points for what a reply does not do (no forbidden statement, no blame, no misspelt
    word, short clear sentences) in proportion to how much of its job it does: the share of
    the email's questions it answers (those left to the reviewer count neither way; with no
    question, the share of its facts). A one-line reply blames no one and promises nothing;
    that is worth what the line answers."""
    done = [f for f in findings if f.kind == "questions" and not f.review] or [
        f for f in findings if f.kind == "facts" and not f.review]
    if not done:
        return findings
    share = sum(f.fraction for f in done) / len(done)
    if share >= 1:
        return findings
    what = "questions" if done[0].kind == "questions" else "facts"
    answered = sum(f.fraction >= 1 for f in done)
    for finding in findings:
        if finding.kind in ABSENCE_KINDS and finding.fraction > 0:
            finding.credited_in_part = finding.fraction >= 1
            finding.fraction = round(finding.fraction * share, 4)
            finding.evidence += (f" (earned in proportion to the {what} the reply answers: "
                                 f"{answered} of {len(done)})")
    return findings


def _contradicting(text: ReplyText, email: CustomerEmail,
                   mentions: dict[str, list[Match]]) -> dict[int, str]:
    """The reply's sentences that deny a policy fact without a number (sentence index -> the
    fact):
    "we don't offer credit for unused months" where the policy offers it. Such a sentence
    answers the customer, wrongly."""
    found: dict[int, str] = {}
    for fact in email.facts:
        if fact.number is not None:
            continue
        counted = [m for m in mentions[fact.id] if not text.why_not_counted(m.sentence)]
        if counted and all(m.negated for m in counted):
            for match in counted:
                found.setdefault(match.sentence.index, fact.states)
    return found


def _wrong_answer(answer: Finding, matches: list[Match],
                  contradicting: dict[int, str]) -> Finding | None:
    """A question whose answer is found only in sentences that do not count, one of which
    denies both the answer and a policy fact, is answered wrongly: 0, not left to the
    reviewer (the reply tells the customer the policy does not offer what it offers)."""
    wrong = next((m for m in matches if m.negated and m.sentence.index in contradicting), None)
    if wrong is None:
        return None
    return Finding("questions", answer.item, answer.label, 0.0,
                   f"{quoted(wrong)}: answered by denying what the policy says "
                   f"({contradicting[wrong.sentence.index]})")


def asks_what(question: str) -> bool:
    """Whether a question asks for something a denial cannot give (what, where, why, how,
    when, which, who), unlike a yes-no question or a request, which "no" answers."""
    return bool(WH_WORDS & set(normalise(question).split()))


def _fact(text: ReplyText, fact: Fact, matches: list[Match]) -> Finding:
    """A fact is stated when a sentence mentions it (``matches``: its phrases found, each
    saying whether its sentence denies it); a number it needs may follow in the next
    sentence ("Please check Trash. Deleted invoices stay there for 30 days."). A fact with a
    number is judged by the number, denied or not ("no refund after 30 days" is right). A
    contradiction (a wrong number; a fact without a number mentioned only in sentences that
    deny it) scores 0 and costs a further ``CONTRADICTION_COST`` of its criterion."""
    label = f"states: {fact.states}"
    counted = [m for m in matches if not text.why_not_counted(m.sentence)]
    if fact.number is None:
        finding = text.positive("facts", fact.id, label, matches)
        if finding.outcome != "passed" and counted and all(m.negated for m in counted):
            return _contradiction(fact, label, f"{quoted(counted[0])}: denies it "
                                  f"({counted[0].denied_by})", fact.states)
        return finding
    # a range is one statement: "5-10 business days" is not the policy's 3-5 by its low end
    low, high = fact.number - fact.tolerance, fact.number + fact.tolerance
    stated = []
    for match in counted:
        spans = spans_in(text.with_next(match.sentence), fact.unit)
        if any(low <= first and last <= high for first, last in spans):
            return Finding("facts", fact.id, label, 1.0, quoted(match))
        stated.append((match, spans))
    expected = _expected_number(fact)
    for match, spans in stated:
        if spans:
            said = ", ".join(f"{first:g}" if first == last else f"{first:g}-{last:g}"
                             for first, last in spans)
            return _contradiction(fact, label, f"{quoted(match)}: says {said} where the policy "
                                  f"says {expected}", f"{said} instead of {expected}")
    affirmed = [m for m in counted if not m.negated]
    if affirmed:
        return Finding("facts", fact.id, label, 0.5,
                       f"{quoted(affirmed[0])}: mentioned without the number ({expected})",
                       specifics={"missing_fact": fact.states})
    finding = text.positive("facts", fact.id, label, matches)
    finding.specifics = {"missing_fact": fact.states}
    return finding


def _expected_number(fact: Fact) -> str:
    """The number a fact needs as the policy gives it: its range when it has a tolerance
    ("3-5 business days" for 4 ± 1), never a midpoint the policy does not say."""
    unit = f" {fact.unit}" if fact.unit else ""
    if not fact.tolerance:
        return f"{fact.number:g}{unit}"
    return f"{fact.number - fact.tolerance:g}-{fact.number + fact.tolerance:g}{unit}"


def _contradiction(fact: Fact, label: str, evidence: str, wrong: str) -> Finding:
    """A fact the reply contradicts: 0, and a further share of its criterion."""
    return Finding("facts", fact.id, label, 0.0,
                   f"{evidence}; contradicts the policy: costs a further "
                   f"{CONTRADICTION_COST:.0%} of this reply's criterion",
                   costs=CONTRADICTION_COST, specifics={"wrong_number": wrong})


def _blaming(text: ReplyText, blame: PhraseSet, negation: PhraseSet) -> list[Blame]:
    """The reply's own sentences that blame the customer or deflect: a phrase of the list, or
    a lecture by its form (``responsibility.lecture``), sure or left to the reviewer."""
    listed = {m.sentence.index: Blame(m) for m in blame.find_all(
        text.sentences, negation=negation, scoped=True)
        if not m.negated and not text.pasted(m.sentence)
        and not plain_sense(m.sentence, m.start, m.end)}
    for sentence in text.sentences:
        if sentence.index in listed or text.pasted(sentence):
            continue
        found = lecture(sentence)
        if found is not None:
            match = Match(sentence=sentence, words=found.words, start=found.start,
                          end=found.start + len(found.words.split()))
            listed[sentence.index] = Blame(match, found.why, found.sure)
    return [listed[index] for index in sorted(listed)]


@dataclass(frozen=True)
class Blame:
    """A sentence that blames: its match, and for a blame by its form, why and how sure."""

    match: Match
    why: str = ""  # '' for a phrase of the list
    sure: bool = True

    def quote(self) -> str:
        return f"{quoted(self.match)}{f' ({self.why})' if self.why else ''}"


def _blame(found: list[Blame]) -> Finding:
    label = "avoids blaming the customer or deflecting"
    sure = [b for b in found if b.sure]
    if not sure:
        if found:  # a lecture the form cannot be sure of: not counted, for the reviewer
            return Finding("blame", "blame", label, 1.0, found[0].quote(),
                           review="may blame the customer; not counted")
        return Finding("blame", "blame", label, 1.0, "not found", confirms_absence=True)
    return Finding("blame", "blame", label, max(0.0, 1 - 0.5 * len(sure)),
                   "; ".join(b.quote() for b in sure[:3]),
                   specifics={"blame_quote": sure[0].quote()})
