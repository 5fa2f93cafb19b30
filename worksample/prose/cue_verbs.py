"""A verb's "-ing" form right after a cue, read as the verb: "I recommend keeping Pro at $49"
says what "we should keep Pro at $49" says. After the label an analysis gives an option, its
"-s" form too: "Option A keeps Pro at $49" defines what "Option A: keep Pro at $49" does.

Phrases match words as written, and reading every inflection everywhere misreads more than it
mends (a past event is not a choice: "we kept $49 for six months"). One place names a course
far more often than not: the word right after a cue that introduces a course of action ("we
recommend", "we should"), or after a verb of proposing that follows it ("I'd suggest", "my
advice is"). There, a word ending in "-ing" whose base form begins one of the phrases, and
stands nowhere else in them, is read in that base form: "keeping" as "keep", "going" as "go",
"splitting" as "split". A word that also stands inside a phrase is a noun there ("plan" in
``solo plan``), so "I recommend planning for solo churn" is not read as ``plan for solo``. A
cue in the past or a plural reports ("we recommended keeping $49 last year"). Anywhere else a
gerund describes ("keeping $49 has cost us 60 freelancers") and is read as written. The
phrases take after "I recommend ...ing" whatever they take after "we should": write them with
the object that makes them the course (docs/case-assignments.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from worksample.prose.matching import GAP, PhraseSet, Rereading
from worksample.prose.text import WORD

ING = "ing"
SHORTEST_BASE = 2  # "go" of "going"
# a cue in the past or a plural noun reports what was proposed: "last year we recommended
# keeping $49", "recommendations going back to 2022"
REPORTING = ("ed", "ions")
# what may stand between the cue and the verb: "I'd suggest keeping", "my advice is keeping"
PROPOSING = frozenset({"suggest", "propose", "recommend", "advise", "favour", "favor",
                       "prefer", "support", "is"})


class CueVerbs(Rereading):
    """The word right after one of ``cues`` read in the base form that begins one of
    ``phrases`` (see the module docstring), when it is that verb with one of ``endings``."""

    def __init__(self, cues: PhraseSet, phrases: Iterable[str],
                 endings: tuple[str, ...] = (ING,)):
        super().__init__()
        self.cues = cues
        self.endings = endings
        self.corrections = _leading_verbs(phrases)

    def _reread(self, normal: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        words = normal.split()
        pairs = []
        for _, end in self.cues.spans(normal):
            if words[end - 1].endswith(REPORTING):  # "we recommended keeping": a past choice
                continue
            if end < len(words) and words[end] in PROPOSING:
                end += 1
            verb = self._base(words[end]) if end < len(words) else None
            if verb is not None:
                pairs.append((words[end], verb))
                words[end] = verb
        return (" ".join(words), tuple(pairs)) if pairs else (normal, ())

    def _base(self, word: str) -> str | None:
        """The leading verb ``word`` is with one of the endings, or None: the stem alone
        ("keeping", "keeps"), with its "e" back ("leaving"), or without a doubled last
        letter ("splitting")."""
        for ending in self.endings:
            if word.endswith(ending):
                stem = word[:-len(ending)]
                candidates = (stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else "")
                verb = next((c for c in candidates if c in self.corrections), None)
                if verb is not None:
                    return verb
        return None


def _leading_verbs(phrases: Iterable[str]) -> frozenset[str]:
    """The whole words that begin a phrase and stand nowhere else in any of them: the verbs
    of phrases written as an instruction ("keep", "go" of ``go back to``), not a noun that
    another phrase writes after a word (``solo plan``, ``keep the price``)."""
    leading, inside = set(), set()
    for phrase in phrases:
        tokens = [t for t in phrase.lower().split() if t != GAP]
        for position, token in enumerate(tokens):
            pieces = WORD.findall(token)
            if not pieces or token.endswith("*"):
                continue
            (leading if position == 0 and len(pieces) == 1 else inside).update(pieces)
    return frozenset(word for word in leading - inside
                     if len(word) >= SHORTEST_BASE and word.isalpha())
