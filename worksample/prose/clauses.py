"""A sentence as clauses: what a phrase, a negation or a number belongs to.

A claim is read inside its clause. The rules, deterministic and in this order:

- an aside in parentheses is a clause of its own, taken out of the clause around it
  ("Lifetime value (price over churn) fell" reads "Lifetime value fell" and "price over churn");
  so is one set off by commas or dashes where the clause goes on after it (``asides``: "I
  recommend, on balance, keeping $49" reads "I recommend keeping $49" and "on balance");
- ``;``, ``:``, a comma or a spaced dash ends a clause; so does a word that starts one
  (``but``, ``while``, ``whereas``, ``although``, ``though``, ``because``, ``so``, ``yet``);
- a clause that starts with ``if``, ``unless``, ``when``, ``whenever``, ``once``, ``until``,
  ``provided``, ``assuming`` or ``as long as`` is a condition: it states no claim ("the rise
  pays off only if churn falls" does not say that churn fell), and a negation in it does not
  reach the main clause; ``whether`` starts a question that runs to the end of the sentence
  ("asked whether to keep $49, go back to $39 or ...");
- a clause that starts with ``where``, ``which``, ``who`` or ``whose`` is relative: it says
  more about what the clause before it names ("solo accounts, where churn doubled");
- the rows of a table come with their clauses made (``Sentence.clauses``: one per figure,
  with its row's label and its column's header) and are not split again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from worksample.prose.asides import bracketed
from worksample.prose.text import WORD, Sentence, lowered

CONDITION_WORDS = ("if", "unless", "when", "whenever", "once", "until", "provided",
                   "assuming", "whether", "as long as")
CLAUSE_WORDS = ("but", "while", "whereas", "although", "though", "because", "so", "yet")
RELATIVE_WORDS = ("where", "which", "who", "whose")
_ASIDE = re.compile(r"\(([^()]*)\)")
_BREAK = re.compile(r"\s*(?:[;:]\s|,\s|\s[\u2014\u2013-]\s|[;:]$)\s*")
_SPACES = re.compile(r"\s+")
_STARTS = re.compile(r"(?i)(?<![\w'])(?=(?:" + "|".join(
    w.replace(" ", r"\s+") for w in (*CONDITION_WORDS, *CLAUSE_WORDS, *RELATIVE_WORDS))
    + r")(?![\w']))")
_CONDITION = re.compile(r"(?i)^(?:" + "|".join(
    w.replace(" ", r"\s+") for w in CONDITION_WORDS) + r")(?![\w'])")
_RELATIVE = re.compile(r"(?i)^(?:" + "|".join(RELATIVE_WORDS) + r")(?![\w'])")
_QUESTION = re.compile(r"(?i)(?<![\w'])whether(?![\w'])")


@dataclass(frozen=True)
class Clause:
    """One clause of a sentence: its words for matching, and what kind of clause it is."""

    sentence: Sentence  # the sentence it is in: the one quoted as evidence
    text: str
    position: int  # 0, 1, ... within the sentence
    condition: bool = False  # states a condition, not a claim
    relative: bool = False  # says more about what the clause before it names
    aside: bool = False  # in parentheses
    table: bool = False  # one figure of a table row, with its label and header

    @property
    def normal(self) -> str:
        return lowered(WORD.findall(self.text.replace("\u2019", "'")))

    def as_sentence(self) -> Sentence:
        """The clause as a sentence to match phrases in (its index is its sentence's)."""
        words = tuple(WORD.findall(self.text.replace("\u2019", "'")))
        return Sentence(text=self.text, normal=lowered(words), words=words,
                        index=self.sentence.index)


def clauses(sentence: Sentence) -> list[Clause]:
    """The clauses of ``sentence``, in order (a table row's are given)."""
    if sentence.clauses:
        return [Clause(sentence, text, position, table=True)
                for position, text in enumerate(sentence.clauses)]
    as_read = bracketed(sentence)
    asides = [match.group(1) for match in _ASIDE.finditer(as_read)]
    main = _ASIDE.sub(" ", as_read)
    question = _QUESTION.search(main)
    found: list[Clause] = []
    for text, aside in [(main[:question.start()] if question else main, False),
                        *((a, True) for a in asides)]:
        # each run of spaces as one: _BREAK's leading \s* is tried at every place in a run,
        # which is quadratic in its length; a clause's own spacing is made single anyway
        for piece in _BREAK.split(_SPACES.sub(" ", text)):
            for part in _STARTS.split(piece):
                _add(found, sentence, part, aside=aside)
    if question:
        _add(found, sentence, main[question.start():], question=True)
    return found or [Clause(sentence, sentence.text, 0)]


def _add(found: list[Clause], sentence: Sentence, text: str, aside: bool = False,
         question: bool = False) -> None:
    text = " ".join(text.split()).strip(" ,.;:!?\"'")
    if WORD.search(text):
        found.append(Clause(sentence, text, len(found), aside=aside,
                            condition=question or bool(_CONDITION.match(text)),
                            relative=bool(_RELATIVE.match(text))))
