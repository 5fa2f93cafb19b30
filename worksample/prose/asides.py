"""Asides that interrupt a clause: "we cannot, at this stage, refund you in full" says what
"we cannot refund you in full" says, and "at this stage" is a clause of its own.

A comma ends a clause (``negation``, ``clauses``), so without this the negation before the
aside would not reach the promise after it, and "I recommend, on balance, keeping $49" would
part the cue from its course. A stretch of text is an aside when:

- it is set off by a pair of commas, or of spaced dashes, at most ``ASIDE_WORDS`` words
  apart, with no other clause mark between them; and the clause around it cannot have ended
  at the first mark: the word before it is one after which a clause goes on (a modal or
  auxiliary verb, a negation, a subject pronoun, a verb of proposing, "to": "we cannot, ...",
  "I recommend, ...") or the word after it is one that continues the words before it ("the
  refund, I'm afraid, is not possible", "I'm unable, under our policy, to refund you"); and
  neither the aside nor what follows starts a clause of its own ("but", "and", "or", a
  subject ...: "keep $49, go back to $39, or split" is a list,
  "I can't, I'm afraid, but credit is possible" and "we can't, however, we will refund you"
  have three clauses each);
- or it is a contrast set off the same way, at most ``CONTRAST_WORDS`` words: a negation
  (after "if", "though" or "although") and a thing set against the one named before it, with
  no subject, verb or clause word of its own ("churn, not revenue, rose"; "revenue, if not
  profit, grew"; not "not long after the rise", "not that we counted"); its negation is about
  that thing, not the clause it interrupts;
- or it is a figure of the thing named before it, set off by commas, at most
  ``FIGURE_ASIDE_WORDS`` words opened by "up", "down" or "now" ("new customers, down 28%,
  fell"), with no clause of its own;
- or it is in parentheses.

Other commas keep ending clauses: a comma after a word that may end one ("If churn falls, as
it did in May, we keep $49") stays a break, because reading across it would join a condition
to the course after it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from worksample.prose.cache import per_submission
from worksample.prose.text import WORD, Sentence
from worksample.prose.word_forms import base_of

ASIDE_WORDS = 8  # "given how little team churn moved": longer runs are clauses of their own
# a description after a noun runs longer: "churn, calculated as total cancellations over total
# starting customers for each period, rose ..."
PARTICIPLE_ASIDE_WORDS = 12
MODALS = frozenset({
    "can", "cannot", "can't", "could", "couldn't", "will", "won't", "would", "wouldn't",
    "shall", "shan't", "should", "shouldn't", "may", "might", "must", "mustn't", "do", "don't",
    "does", "doesn't", "did", "didn't", "is", "isn't", "are", "aren't", "was", "wasn't", "were",
    "weren't", "be", "been", "has", "hasn't", "have", "haven't", "had", "hadn't", "not",
    "never"})
PROPOSING = frozenset({"recommend", "suggest", "propose", "advise", "prefer", "favour", "favor"})
# after these a clause goes on: its verb, its object or its course is still to come
GOES_ON = MODALS | PROPOSING | {"i", "we", "you", "they", "he", "she", "to"}
# after the marks, these continue what came before them: "the refund, I'm afraid, is not
# possible", "I'm unable, under our policy, to refund you"
CONTINUES = MODALS | {"to"}
# a word that starts a clause or a list's next item: what follows the marks is not the rest of
# the interrupted clause
# the words that start a clause of their own (``negation.BREAKS`` reads them too)
OPENS_CLAUSE = frozenset({"but", "because", "although", "though", "while", "whereas",
                          "however", "which", "unless", "if", "when", "until", "since", "yet",
                          "instead", "otherwise", "whether", "once", "then"})
# what joins two clauses cannot open an aside: "we can't, but, I promise, ..." is two clauses
JOINING = frozenset({"and", "or", "nor", "but", "so", "yet", "then"})
STARTS_ANEW = OPENS_CLAUSE | JOINING
# a subject after the marks starts a clause of its own ("we can't, however, we will ..."),
# except after a verb of proposing ("I recommend, on balance, we keep $49")
SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "i'll", "we'll", "you'll",
                      "they'll", "i'm", "we're", "you're", "they're", "i've", "we've", "i'd",
                      "we'd", "there", "this", "that"})
# a contrast set off between the noun and its verb: "churn, not revenue, rose"
CONTRAST_WORDS = 5
# a figure of the noun set off the same way ("MRR, up 19% on February, grew": a decimal is two
# words)
FIGURE_ASIDE_WORDS = 7
# not "at": a level joined to the verb after it reads an idiom as a move ("churn, at 3.38%,
# fell within the 4% ceiling")
FIGURE_OPENERS = frozenset({"up", "down", "now"})
CONCEDING = frozenset({"if", "though", "although"})  # "revenue, if not profit, grew"
# after the negation, what makes the stretch a time, a degree or a clause, not another thing
NOT_A_CONTRAST = frozenset({"long", "once", "yet", "until", "since", "before", "after", "ever",
                            "always", "even", "quite", "so", "too", "as", "least", "that",
                            "because", "to", "all", "much", "enough", "here", "there", "now",
                            "then", "again"})
_COMMA, _DASH, _OPEN, _CLOSE, _STOP = "comma", "dash", "open", "close", "stop"
_DASHES = re.compile(r"^(?:\s[-\u2013\u2014]\s|\u2014|\s?--\s?)$")
_STOPS = re.compile(r"[;:.!?()\[\]\u2013\u2014]|\s-\s")


def _mark(gap: str) -> str:
    """What the text between two words says of the clause: '' (nothing), a comma, a dash, an
    opening or a closing parenthesis, or another stop."""
    bare = gap.strip(" \t\"'\u201c\u201d%")  # a percent sign is its figure's
    if not bare or not any(c.isspace() for c in gap) and bare != "\u2014":
        return ""  # nothing, or within a token: "$169,589", "1.5", "sign-ups"
    if bare == ",":
        return _COMMA
    if _DASHES.match(gap.strip("\"'\u201c\u201d")):
        return _DASH
    if bare == "(":
        return _OPEN
    if bare == ")":
        return _CLOSE
    return _STOP if _STOPS.search(gap) or "," in gap else ""


@per_submission()  # every clause reading of a sentence asks again
def asides(sentence: Sentence) -> tuple[tuple[int, int], ...]:
    """The asides of ``sentence`` (see the module docstring) as (first word, word after the
    last) of its normalised words."""
    words, gaps = sentence.normal_words, sentence.gaps
    if len(gaps) != len(words):  # a sentence made of words only (``Sentence.of_words``)
        return ()
    marks = ["" if gap == " " else _mark(gap) for gap in gaps]
    found, first = [], 1
    while first < len(words):
        opening = marks[first]
        end = _closing(words, marks, first, opening)
        if end is None:
            first += 1
            continue
        found.append((first, end))
        first = end
    return tuple(found)


def _closing(words: list[str], marks: list[str], first: int, opening: str) -> int | None:
    """The word after the aside that opens before word ``first`` with ``opening``, or None
    when no aside opens there."""
    if opening not in (_COMMA, _DASH, _OPEN) or words[first] in JOINING:
        return None
    closing = _CLOSE if opening == _OPEN else opening
    participle = opening == _COMMA and _a_participle(words[first], words[first - 1])
    contrast = _a_contrast(words, first)
    figure = opening == _COMMA and _a_figure(words, first)
    reach = (PARTICIPLE_ASIDE_WORDS if participle else CONTRAST_WORDS if contrast
             else FIGURE_ASIDE_WORDS if figure else ASIDE_WORDS)
    for end in range(first + 1, min(len(words), first + reach + 1)):
        if not marks[end]:
            continue
        if marks[end] != closing or words[end] in STARTS_ANEW or (
                words[end] in SUBJECTS and words[first - 1] not in PROPOSING):
            return None
        if (opening == _OPEN or words[first - 1] in GOES_ON or words[end] in CONTINUES
                or participle or (contrast or figure) and _no_clause(words[first:end])):
            return end
        return None
    return None


def _a_contrast(words: list[str], first: int) -> bool:
    """Whether the stretch from word ``first`` opens with a negation that sets another thing
    against the one named before it: "churn, not revenue, rose", "revenue, if not profit,
    grew", "MRR, not counting one-off fees, went up". Not "not long before ...", "not once",
    "not yet" (a time), "not that ..." (a clause of its own)."""
    at = first + 1 if words[first] in CONCEDING and first + 1 < len(words) else first
    return (words[at] in ("not", "never") and at + 1 < len(words)
            and words[at + 1] not in NOT_A_CONTRAST)


def _a_figure(words: list[str], first: int) -> bool:
    """Whether the stretch from word ``first`` gives the figure of the thing named before it
    ("new customers, down 28%, fell"; "lifetime value, now $1,448, dropped"): it opens with
    "up", "down" or "now" and a figure, after a word that names a thing (no figure, no verb
    that goes on)."""
    before = words[first - 1]
    return (words[first] in FIGURE_OPENERS and first + 1 < len(words)
            and words[first + 1][:1].isdigit() and before.isalpha() and before not in GOES_ON)


def _no_clause(words: list[str]) -> bool:
    """Whether a contrast's or a figure's ``words``, past its opening negation or word, hold
    no subject, verb of their own or word that opens a clause: such an aside names a thing
    or a figure, it does not say something of it."""
    opening = next((at for at, word in enumerate(words) if word in ("not", "never")), None)
    rest = words[(0 if opening is None else opening) + 1:]
    return not any(word in SUBJECTS or word in MODALS or word in STARTS_ANEW
                   or word in NOT_A_CONTRAST for word in rest)


def _a_participle(word: str, before: str) -> bool:
    """Whether ``word`` opens a description of the noun ``before`` it: a past participle
    ("churn, calculated as cancellations over customers, rose"; "lifetime value, defined as
    price over churn, brings ..."), after a word that is no verb or function word."""
    return (word.endswith("ed") and base_of(word) != word and not before.endswith("ed")
            and before not in GOES_ON and before.isalpha() and len(before) > 2)


@dataclass(frozen=True)
class AsideSpans:
    """Where a sentence's asides stand, asides next to each other as one span, to step over
    each span whole however long it is."""

    starts: tuple[int, ...]  # each span's first word, in order
    ends: tuple[int, ...]  # the word after each span

    def around(self, position: int) -> tuple[int, int] | None:
        """The span (first word, word after it) holding word ``position``, or None."""
        at = bisect_right(self.starts, position) - 1
        return (self.starts[at], self.ends[at]) if at >= 0 and position < self.ends[at] \
            else None


@per_submission()  # asked for each phrase a sentence's negations are read for
def aside_spans(sentence: Sentence) -> AsideSpans:
    """The asides of ``sentence`` as spans (``AsideSpans``)."""
    starts: list[int] = []
    ends: list[int] = []
    for first, end in asides(sentence):
        if ends and ends[-1] == first:
            ends[-1] = end
        else:
            starts.append(first)
            ends.append(end)
    return AsideSpans(tuple(starts), tuple(ends))


def bracketed(sentence: Sentence) -> str:
    """The text of ``sentence`` with each aside set off by commas or dashes put in
    parentheses instead, as a reader takes it: "we cannot (at this stage) refund you"."""
    text = sentence.text
    found = asides(sentence)
    if not found:
        return text
    spans = [match.span() for match in WORD.finditer(text)]
    pieces, at = [], 0
    for first, end in found:
        if text[spans[first - 1][1]:spans[first][0]].strip() == "(":
            continue
        last = spans[end - 1][1]
        while last < len(text) and text[last] == "%":  # "down 28%": the sign is its figure's
            last += 1
        pieces += [text[at:spans[first - 1][1]], " (", text[spans[first][0]:last], ") "]
        at = spans[end][0]
    return "".join(pieces) + text[at:]
