"""Options limited to one part of the customers: "keep $49 for team accounts and return solo
accounts to $39".

A case's options are courses for everyone ("keeping $49 for everyone", "going back to $39 for
everyone") and may include one made of them by part ("a solo plan at $39, teams kept at $49",
an option that ``combines`` them). An option named for one part only is not the course for
everyone: within the case's options, it stands for the option that combines it, the only one
in which that part is treated apart. So "I recommend undoing the price rise for solo accounts
only" recommends the split, and so does "keep $49 for team accounts and return solo accounts
to $39", whose second course is named around its part ("returning ... to $39").

The parts are the case's ``Recommendation.parts`` (words for each, e.g. solo: [solo,
freelancer]); by default the values of an exhibit's text column that holds a few words
("solo", "team" of a ``segment`` column). A part is mentioned in a clause by one of its words
(or the plural) followed by a word for customers ("solo accounts", "team customers"), in the
plural ("teams"), or after "for" with nothing after it that it could qualify ("$39 for
solo"); "solo churn" and "a solo plan" name no part of the customers. An option's match is
limited to a part mentioned inside it ("keep teams at $49"), just after it ("keeping $49 for
team accounts"), or just before it as its subject ("solo accounts go back to $39"), unless a
word for everyone stands there too ("for solo and team accounts alike").
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace

from worksample.prose.clauses import Clause
from worksample.prose.request import plurals_of
from worksample.prose.text import Sentence

# words for the customers a part's word may qualify: "solo accounts", "team customers"
CUSTOMERS = frozenset({"account", "accounts", "customer", "customers", "user", "users",
                       "subscriber", "subscribers", "client", "clients", "member", "members",
                       "segment", "business", "businesses", "seat", "seats"})
# after "for <part>", words that leave the part unqualified: "$39 for solo and $49 for teams"
AFTER_A_BARE_PART = frozenset({"and", "or", "only", "alone", "at", "on", "to", "with", "too",
                               "from", "while", "instead"})
# between "for" and a part's word: "for existing solo accounts"
BEFORE_A_PART = frozenset({"the", "our", "all", "existing", "current", "new", "its", "their"})
EVERYONE = frozenset({"everyone", "everybody", "alike", "both", "board", "whole", "every",
                      "anyone"})
# between parts named together: "for team and solo accounts", "team accounts as well as solo",
# "for agencies, for freelancers"
JOINING = frozenset({"and", "or", "nor", "plus", "as", "well", "for", "alongside",
                     "including"})
# between an option and the part "for" brings in: "keep $49 only for existing team accounts"
FOR_A_PART = BEFORE_A_PART | {"for", "only", "just"}
BE = frozenset({"is", "are", "was", "were", "be", "been", "seems", "looks", "remains"})
# between a part and the option it is the subject of: "solo accounts should return to $39"
BEFORE_ITS_VERB = frozenset({"should", "will", "would", "can", "could", "must", "shall", "may",
                             "might", "to", "then", "now"})
# words that give another part the same course: "and team accounts too", "so should teams"
SAME_COURSE = frozenset({"too", "also", "alike", "both", "likewise", "same", "alongside",
                         "neither", "nor"})
SAME_COURSE_PAIRS = frozenset({("as", "well"), ("not", "only"), ("so", "should"),
                               ("so", "will"), ("so", "do"), ("so", "does")})
# what a clause that only goes on listing whom an option is for may say
LISTING = CUSTOMERS | EVERYONE | JOINING | SAME_COURSE | {"all", "the", "our", "existing", "new",
                                                        "current"}
REACH = 3  # words between an option and a part it is limited to
MAX_VALUES = 8  # an exhibit's column with more distinct words than this is no list of parts


@dataclass(frozen=True)
class Mention:
    """A part named in a clause, at words ``start``..``end`` of its normalised words."""

    part: str
    start: int
    end: int


@dataclass(frozen=True)
class Parts:
    """The case's parts, each with its words in the singular and the plural."""

    words: dict[str, str]  # a word (either number) to its part
    plural: frozenset[str]  # the plural forms

    @classmethod
    def of(cls, parts: dict[str, list[str]]) -> Parts:
        """The parts as words: ``parts`` maps each part to its words in the singular."""
        words, plural = {}, set()
        for part, singular in parts.items():
            for word in singular:
                words[word.lower()] = part
                for form in plurals_of([word.lower()]):
                    words[form] = part
                    plural.add(form)
        return cls(words, frozenset(plural))

    def named_in(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` has a word of a part at all (most have none)."""
        return not self.words.keys().isdisjoint(sentence.tokens)

    def mentions(self, words: list[str]) -> list[Mention]:
        """The parts named in ``words`` (a clause's normalised words), as the module
        docstring says; a part's word before another's joined to it names a part too ("solo
        and team accounts")."""
        found: list[Mention] = []
        if self.words.keys().isdisjoint(words):
            return found
        for at, word in enumerate(words):
            part = self.words.get(word)
            if part is None:
                continue
            following = words[at + 1] if at + 1 < len(words) else ""
            if following in CUSTOMERS:
                found.append(Mention(part, at, at + 2))
            elif word in self.plural and following not in self.words or (
                    _after_for(words, at) and (not following or following in AFTER_A_BARE_PART)):
                found.append(Mention(part, at, at + 1))
            elif following in JOINING and at + 2 < len(words) and words[at + 2] in self.words:
                found.append(Mention(part, at, at + 1))
        return found

    def limited_to(self, words: list[str], start: int, end: int) -> str:
        """The part an option matched at words ``start``..``end`` of a clause is limited to,
        or '' (see the module docstring). The parts named together ("for team members and
        solo users", "team accounts, solo accounts, everyone") are read as one: the first
        such group inside the match, else one just after it that "for" brings in ("keeping
        $49 for team accounts"; not "keep $49 since team accounts absorbed it"), else one
        just before it as its subject ("solo accounts should return to $39"). It limits the
        option when it names one part and the clause no word for everyone."""
        if EVERYONE.intersection(words):
            return ""
        groups = _groups(self.mentions(words), words)
        inside = [g for g in groups if start <= g[0].start and g[-1].end <= end]
        after = [g for g in groups if end <= g[0].start <= end + REACH
                 and _brought_in_by_for(words[end:g[0].start])]
        before = [g for g in groups if start - REACH <= g[-1].end <= start
                  and BEFORE_ITS_VERB.issuperset(words[g[-1].end:start])]
        group = (inside or after or before[-1:] or [None])[0]
        if group is None or len({m.part for m in group}) > 1:
            return ""
        return group[0].part

    def label(self, sentence: Sentence, clauses: list[Clause]) -> list[str]:
        """The words of a sentence's first clause when it only names a part, as a label
        before a colon ("Team accounts: stay at $49."), or []."""
        at = sentence.text.find(clauses[0].text) if len(clauses) > 1 else -1
        if at < 0 or not sentence.text[at + len(clauses[0].text):].lstrip("*_ ").startswith(":"):
            return []
        words = clauses[0].normal.split()
        named = self.mentions(words) or (len(words) == 1 and words[0] in self.words)
        return words if named and all(w in self.words or w in LISTING for w in words) else []

    def listed_on(self, clauses: list[Clause]) -> list[str]:
        """The words of the clauses after an option's that only go on listing whom it is for
        ("for team accounts, solo accounts, everyone"): the clauses a comma split off."""
        words: list[str] = []
        for clause in clauses:
            said = clause.normal.split()
            if not said or not all(w in self.words or w in LISTING for w in said):
                break
            words += said
        return words

    def without(self, clause: Clause) -> tuple[Clause, list[int]] | None:
        """``clause`` with the parts it names taken out ("returning solo accounts to $39":
        "returning to $39"), to find an option named around its part, and the position in
        ``clause`` of each word kept; None when it names none."""
        words = clause.normal.split()
        found = self.mentions(words)
        if not found:
            return None
        taken = {n for m in found for n in range(m.start, m.end)}
        kept = [n for n in range(len(words)) if n not in taken]
        return replace(clause, text=" ".join(words[n] for n in kept)), kept


def same_course(words: list[str]) -> bool:
    """Whether ``words`` (a sentence's) give another part the same course ("return solo
    accounts to $39, and team accounts too"): then no option is limited to one part."""
    return not SAME_COURSE.isdisjoint(words) or any(
        pair in SAME_COURSE_PAIRS for pair in zip(words, words[1:], strict=False))


def _brought_in_by_for(between: list[str]) -> bool:
    """Whether the words between an option and a part bring the part in with "for", after
    at most one word that goes on naming the option ("undoing the price rise for solo
    accounts") and not a verb of being ("is right for solo accounts" judges it)."""
    if "for" not in between:
        return False
    at = between.index("for")
    return at <= 1 and not BE.intersection(between[:at]) \
        and FOR_A_PART.issuperset(between[at:])


def _groups(mentions: list[Mention], words: list[str]) -> list[list[Mention]]:
    """``mentions`` in groups of those named together: only joining words between them."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and JOINING.issuperset(words[groups[-1][-1].end:mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _after_for(words: list[str], at: int) -> bool:
    """Whether "for" stands before word ``at``, with at most one of ``BEFORE_A_PART``."""
    before = words[max(0, at - 2):at]
    if before[-1:] == ["for"]:
        return True
    return len(before) == 2 and before[0] == "for" and before[1] in BEFORE_A_PART


def parts_in_exhibits(exhibits: dict[str, str]) -> dict[str, list[str]]:
    """The parts an exhibit lists (see the module docstring): of each CSV exhibit (name to
    text), the values of a column whose every value is one word, with two to ``MAX_VALUES``
    of them."""
    parts: dict[str, list[str]] = {}
    for name, text in exhibits.items():
        if not name.lower().endswith(".csv"):
            continue
        rows = list(csv.reader(io.StringIO(text)))
        for column in zip(*rows[1:], strict=False) if len(rows) > 1 else ():
            values = {value.strip().lower() for value in column}
            if 2 <= len(values) <= MAX_VALUES and all(v.isalpha() for v in values):
                parts.update({value: [value] for value in sorted(values)})
    return parts
