"""Whether a sentence denies what a phrase found in it says: negation and its scope.

A phrase is denied when, in the same clause of its sentence:
- a negation comes before it, at most ``BEFORE_WORDS`` words before ("we don't offer account
  credit", "there is no way to restore them", "I wish I could send your money back"); or
- a negated predicate of possibility follows it ("a full refund isn't possible", "credit is
  not available", "a restore is not something we offer", "going back to $39 is not the
  answer").

A negation is a word ending in "n't", one of ``CUES``, or a word of the assignment's own
negation list. Negation a phrase writes itself is part of what the phrase says ("no need to
stop"); a verb's negation in a phrase's gap (``...``) denies it (``gap_denial``: "MRR never
grew" for ``mrr ... grew``). A negation of necessity ("no need to", "don't have to"), one
that adds ("not only", "not just") or one that encourages ("don't hesitate to") denies nothing.

Clauses end at , ; : ( ) and dashes, and before a word that starts a new clause (``BREAKS``:
"but", "because", "which" ...; "and" before a pronoun; "so" unless it intensifies the word
after it: "so I've raised it", but "I'm so sorry", "so much"). So in "We can't refund you, but
account credit is available" the credit is not denied. A negation before the phrase does not
reach past "into", "as", "than" ... (``TERMINATORS``): "the months you haven't used into
credit" does not deny the credit. An aside does not end the clause it interrupts
(``asides``): "we cannot, at this stage, refund you in full" denies the refund, and the
aside's words are not counted in ``BEFORE_WORDS``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from worksample.prose.asides import OPENS_CLAUSE, AsideSpans, aside_spans, asides
from worksample.prose.cache import per_submission
from worksample.prose.feelings import FEELINGS
from worksample.prose.text import Sentence

BEFORE_WORDS = 6  # NegEx looks five or six words back; a clause is usually shorter
AFTER_WORDS = 4  # "a refund [is] [not] [really] possible"
CUES = frozenset({"not", "no", "never", "cannot", "none", "nothing", "nobody", "neither", "nor",
                  "without", "unable", "wish", "nowhere"})
NOT_DENYING = frozenset({"need", "needs", "have", "has", "only", "just", "doubt", "reason",
                         "hesitate"})  # "don't hesitate to": an encouragement
# not denying only in "have to": "nothing has been refunded" denies
NECESSITY = frozenset({"have", "has"})
# after "X is not ...": what says X does not exist or cannot happen
POSSIBLE = frozenset({"possible", "available", "offered", "option", "allowed", "permitted",
                      "eligible", "included", "provided", "supported", "something",
                      "applicable", "covered", "refundable", "answer", "solution", "viable",
                      "wise", "sensible", "good", "right", "best", "ideal", "advisable",
                      "recommended", "justified"})
NEGATIVE_PREDICATES = frozenset({"impossible", "unavailable", "ineligible"})
# after "X is ...", phrases that say X will not happen ("off the table", "ruled out")
RULED_OUT = (("off", "the", "table"), ("out", "of", "the", "question"), ("ruled", "out"),
             ("a", "non", "starter"), ("a", "nonstarter"), ("not", "on", "the", "table"))
_RULED_OUT_FIRST = frozenset(phrase[0] for phrase in RULED_OUT)
COPULAS = frozenset({"is", "are", "was", "were", "be", "s", "been"})
BREAKS = OPENS_CLAUSE
# an assignment's negation words that, so followed, turn down what comes after them, not the
# phrase before: "go back to $39 rather than option A"
TURNING_DOWN = frozenset({("rather", "than"), ("instead", "of")})
# words that turn a clause against the one before it: "I understand, but ..."
TURNING = frozenset({"but", "however", "though", "although", "yet"})
# a negation before one of these does not reach past it: "the months you haven't used into
# account credit" denies the use, not the credit
TERMINATORS = frozenset({"into", "onto", "as", "than", "like", "via", "besides", "plus"})
PRONOUNS = frozenset({"i", "we", "you", "it", "they", "this", "that", "he", "she", "i'll",
                      "we'll", "i've", "we've", "i'm", "we're", "you'll", "it's"})
# "so" intensifies a word of feeling or degree ("so sorry", "so much", "so frustrating", "so
# quickly") and then starts no clause; before anything else it does ("so I've raised it",
# "so credit is the best option")
INTENSIFIED = FEELINGS | {"much", "many", "few", "little", "far", "long", "soon", "late", "early",
                          "sorry", "glad", "happy", "grateful", "thankful", "pleased", "kind",
                          "good", "bad", "sure", "easy", "hard", "quick", "simple", "important",
                          "clear", "close", "great", "big", "small", "fast", "slow"}
INTENSIFIED_ENDINGS = ("ly", "ful", "ous", "ing", "ed", "ive", "able", "ible")
_CLAUSE_PUNCTUATION = re.compile(r"[,;:()\u2013\u2014]|\s-\s|\.\s")


def word_groups(sentence: Sentence, starts_group: Callable[[str, str, str], bool]
                ) -> tuple[int, ...]:
    """The group of each of the sentence's words (0, 1, ...), in word order: a word starts a
    new group when ``starts_group(the text between it and the word before, the word, the word
    after)`` holds."""
    gaps, words = sentence.gaps, sentence.normal_words
    group, found = 0, []
    for index, word in enumerate(words):
        if index:
            gap = gaps[index] if index < len(gaps) else ""
            following = words[index + 1] if index + 1 < len(words) else ""
            if starts_group(gap, word, following):
                group += 1
        found.append(group)
    return tuple(found)


def _starts_clause(gap: str, word: str, following: str) -> bool:
    return bool(gap != " " and _CLAUSE_PUNCTUATION.search(gap) or word in BREAKS
                or word == "and" and following in PRONOUNS
                or word == "so" and not _intensified(following))


def _intensified(word: str) -> bool:
    """Whether "so" before ``word`` is a degree ("so sorry"), not a new clause."""
    return word in INTENSIFIED or word.endswith(INTENSIFIED_ENDINGS)


@per_submission()  # every phrase found in a sentence asks again
def clauses(sentence: Sentence) -> tuple[int, ...]:
    """The clause of each of the sentence's words (0, 1, ...), in word order. An aside
    (``asides``: "we cannot, at this stage, refund you") is a clause of its own, numbered
    after all others, and the words after it are in the clause it interrupts."""
    clause_of = list(word_groups(sentence, _starts_clause))
    for number, (first, end) in enumerate(asides(sentence), start=len(clause_of)):
        resumed = clause_of[end]
        clause_of[first:end] = [number] * (end - first)
        for index in range(end, len(clause_of)):
            if clause_of[index] != resumed:
                break
            clause_of[index] = clause_of[first - 1]
    return tuple(clause_of)


@per_submission()  # asked for each word that may acknowledge or feel
def words_by_clause(sentence: Sentence) -> dict[int, frozenset[str]]:
    """The normalised words of each of the sentence's clauses (``clauses``), by clause."""
    words: dict[int, set[str]] = {}
    for word, clause in zip(sentence.normal_words, clauses(sentence), strict=True):
        words.setdefault(clause, set()).add(word)
    return {clause: frozenset(found) for clause, found in words.items()}


@per_submission()  # asked for each condition of a sentence
def clause_indices(sentence: Sentence) -> dict[int, tuple[int, ...]]:
    """The positions of the sentence's words in each of its clauses (``clauses``), by clause,
    in word order."""
    found: dict[int, list[int]] = {}
    for index, clause in enumerate(clauses(sentence)):
        found.setdefault(clause, []).append(index)
    return {clause: tuple(indices) for clause, indices in found.items()}


def clause_words(sentence: Sentence, at: int, clauses_after: int = 0) -> list[str]:
    """The normalised words of the clause holding word ``at`` of the sentence, and of the
    ``clauses_after`` clauses that follow it."""
    clause_of = clauses(sentence)
    first = clause_of[at]
    return [word for word, clause in zip(sentence.normal_words, clause_of, strict=True)
            if first <= clause <= first + clauses_after]


# a verb's negation that, standing in a phrase's gap, denies the phrase ("churn has not
# risen"); "no", "without" and the like there mostly qualify a noun ("revenue without
# add-ons grew")
VERB_NEGATIONS = frozenset({"not", "never", "cannot"})
# after a negation in a gap, what makes it no denial of the phrase: it adds ("not only
# grew"), qualifies the sentence ("not surprisingly"), or negates a noun's modifier ("not
# counting refunds", "customers not on a trial")
NOT_DENYING_IN_GAP = frozenset({
    "only", "just", "merely", "simply", "before",
    "least", "yet", "counting", "including", "surprisingly", "unsurprisingly",
    "unexpectedly", "coincidentally", "on", "in", "at", "from", "with", "for", "of", "under",
    "over", "by", "through", "during"})
# verbs that deny by themselves: a negation before one affirms ("Billing never hides your
# invoices" says they are there; "MRR did not fail to grow"). Not the verbs of refusing
# (refuse, deny, withhold): read as promises when negated, they turned honest refusals into
# automatic fails (docs/email-assignments.md)
SELF_DENYING = frozenset({"hide", "hides", "hid", "lack", "lacks", "lacked", "omit", "omits",
                          "omitted", "fail", "fails", "failed", "cease", "ceases", "ceased",
                          "forget", "forgets", "forgot", "exclude", "excludes", "excluded",
                          "skip", "skips", "skipped"})
# "no" before a time denies what follows ("at no point rose", "in no month fell")
NO_TIME = frozenset({"point", "time", "stage", "moment", "month", "week", "quarter", "year",
                     "period"})
# before a negation in a gap, what puts it in a clause about something else ("churn among
# people who never used it rose")
RELATIVES = frozenset({"who", "whom", "whose", "that", "which", "where"})
# after the phrase, a bound: "the restore never takes more than two days" says how long it takes
BOUNDS = frozenset({("more", "than"), ("longer", "than"), ("less", "than"), ("fewer", "than")})
# after the phrase, a degree the negation is about: "LTV has not dropped as far as I feared",
# "MRR has not increased by the full 26%" (it dropped; it increased)
WHOLE = frozenset({"full", "whole", "same", "entire"})
# after a negation, a degree short of a measure: "churn has not quite doubled", "new customers
# have not quite dropped by a third" (it rose; they dropped). Only before a measure: "the
# parcel has not quite arrived" did not arrive
SHORT_OF = frozenset({"quite", "exactly"})
MULTIPLIED = frozenset({"doubled", "tripled", "quadrupled", "halved", "trebled"})
# a subject pronoun opening a gap: a relative clause without its pronoun, the negation in it
# ("the churn we hadn't planned for rose")
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she"})
AUXILIARIES = COPULAS | {"has", "have", "had", "do", "does", "did", "will", "would", "can",
                         "could", "may", "might", "should", "must"}


def gap_denial(sentence: Sentence, gap: list[int], last: int) -> str:
    """How a verb's negation among the words ``gap`` of the sentence, between the words a
    phrase writes, denies the phrase whose last word is ``last``: '“never” within it', or ''.
    Only in the clause of the phrase's last word ("MRR, which never dipped, grew" denies
    nothing) and not after a relative pronoun ("accounts that never upgraded"); not a
    negation ``NOT_DENYING_IN_GAP`` or a verb that denies by itself (``SELF_DENYING``: "never
    hides") follows, nor one before a participle with no auxiliary
    ("accounts never upgrading"); not "never" before a comparative ("churn has never been
    higher" says it is at its highest), nor before a bound or a degree after the phrase
    ("never takes more than two days", "has not dropped as far as I feared"), nor before a
    degree short of a measure ("has not quite doubled", "not quite dropped by a third"), nor in a
    relative clause without its pronoun ("the churn we hadn't planned for rose")."""
    words = sentence.normal_words
    if (not gap or last >= len(words) or tuple(words[last + 1:last + 3]) in BOUNDS
            or _a_degree(words[last + 1:last + 5]) or words[gap[0]] in SUBJECT_PRONOUNS):
        return ""
    clause_of = clauses(sentence)
    for index in gap:
        word = words[index]
        following = words[index + 1] if index + 1 < len(words) else ""
        if not (word.endswith("n't") or word in VERB_NEGATIONS
                or word == "no" and following in NO_TIME) \
                or clause_of[index] != clause_of[last]:
            continue
        if RELATIVES.intersection(words[gap[0]:index]):
            return ""
        if following in SHORT_OF and (words[last] in MULTIPLIED
                                      or words[last + 1:last + 2] == ("by",)):
            continue
        if following in NOT_DENYING_IN_GAP or following in SELF_DENYING \
                or word == "never" and words[last].endswith("er"):
            continue
        if following.endswith("ing") and words[index - 1] not in AUXILIARIES \
                and not word.endswith("n't"):
            continue
        return f"“{word}” within it"
    return ""


def _a_degree(after: Sequence[str]) -> bool:
    """Whether the words ``after`` a phrase open a degree: "as far as", "as sharply as", "by
    the full 26%"."""
    after = tuple(after)
    return (after[:1] == ("as",) and "as" in after[2:4]
            or after[:2] == ("by", "the") and len(after) > 2 and after[2] in WHOLE)


NO_ASIDES = AsideSpans((), ())  # for a phrase inside an aside: read in the aside alone


def is_cue(word: str, extra: Callable[[str], bool] | None = None) -> bool:
    """Whether the normalised ``word`` is a negation."""
    return word.endswith("n't") or word in CUES or bool(extra and extra(word))


def denial(sentence: Sentence, start: int, end: int,
           extra: Callable[[str], bool] | None = None, after_words: int = AFTER_WORDS) -> str:
    """How the sentence denies the phrase at words ``start``..``end`` (exclusive) of its
    normalised form: '“not” before it', '“isn't … possible” after it', or '' when it does
    not. ``extra`` tells more negation words (an assignment's own list); ``after_words`` how
    far after the phrase a negated predicate may stand (a long phrase's noun may run on:
    "reverting to $39 for everyone is not the answer")."""
    words = sentence.normal_words
    if not words or end > len(words):
        return ""
    clause_of = clauses(sentence)
    clause = clause_of[start]
    # the words of an aside between are not counted ("we cannot, I'm sorry to say, refund
    # you"), stepped over whole, however long; a phrase inside an aside is read in the aside
    # alone
    spans = aside_spans(sentence)
    if spans.around(start):
        spans = NO_ASIDES
    before: list[int] = []
    index = start - 1
    while index >= 0 and len(before) < BEFORE_WORDS:
        aside = spans.around(index)
        if aside:
            index = aside[0] - 1
            continue
        before.append(index)
        index -= 1
    for position, index in enumerate(before):
        if clause_of[index] != clause or words[index] in TERMINATORS:
            break
        at = before[position - 1] if position else start
        following = words[at]
        if following in NECESSITY and tuple(words[at + 1:at + 2]) != ("to",):
            following = ""  # an auxiliary: "nothing has been refunded"
        if is_cue(words[index], extra) and following not in NOT_DENYING:
            return f"“{words[index]}” before it"
    after: list[int] = []
    index = end
    while index < len(words):
        aside = spans.around(index)
        if aside:
            index = aside[1]
            continue
        if clause_of[index] != clause or len(after) > after_words:
            break
        after.append(index)
        index += 1
    for position, index in enumerate(after):
        word, previous = words[index], words[after[position - 1]] if position else ""
        if word in NEGATIVE_PREDICATES and previous in COPULAS:
            return f"“{previous} {word}” after it"
        ruled_out = next((phrase for phrase in RULED_OUT
                          if tuple(words[index:index + len(phrase)]) == phrase), None) \
            if word in _RULED_OUT_FIRST else None
        if ruled_out and previous in COPULAS:
            return f"“{previous} {' '.join(ruled_out)}” after it"
        if is_cue(word, extra) and tuple(words[index:index + 2]) not in TURNING_DOWN:
            predicate = next((words[i] for i in after[position + 1:position + 4]
                              if words[i] in POSSIBLE), "")
            if predicate:
                return f"“{word} … {predicate}” after it"
    return ""
