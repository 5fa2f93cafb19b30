"""A note of what is under way, written with no subject: "Refunding the duplicate now."

Read by ``tellings`` and ``events`` as the thing's own verb under way, and by ``word_forms``
as done by the writer (the writer of a note is its subject: "Reversing the extra $29 this
morning" reverses it as "I'm reversing" would).
"""

from __future__ import annotations

from collections.abc import Sequence

# last in a clause that notes what is under way: "Refunding the duplicate now."
NOW = frozenset({"now", "today", "tonight", "immediately", "asap"})
NOW_PAIRS = (("right", "away"), ("right", "now"), ("this", "morning"), ("this", "afternoon"),
             ("this", "evening"), ("straight", "away"))
# words that give a clause a verb of its own, or a subject: no note then
OWN_VERBS = frozenset({
    "has", "have", "had", "been", "being", "was", "were", "is", "are", "be", "am", "get",
    "gets", "got", "it's", "that's", "you've", "you're", "will", "would", "can", "could",
    "should", "shall", "may", "might", "must", "do", "does", "did", "don't", "doesn't",
    "didn't", "won't", "wouldn't", "can't", "isn't", "aren't", "wasn't", "makes", "works",
    "means", "needs", "takes", "helps", "i", "we", "they", "i'll", "we'll", "i'm", "we're",
    "i've", "we've", "never"})  # not "it": "reversing it now"


def started_now(clause: Sequence[str]) -> str:
    """The time that is now (``NOW``, ``NOW_PAIRS``) when the clause is a note of what is
    under way: its first word an -ing form, its last words that time, and no word that gives
    it a verb of its own or a subject (``OWN_VERBS``) between ("Refunding the duplicate
    now.", "Refunding the extra $29 right away"; not "Refunding it today would be wrong");
    else ''."""
    if len(clause) < 3 or not clause[0].endswith("ing") or not OWN_VERBS.isdisjoint(clause[1:]):
        return ""
    if tuple(clause[-2:]) in NOW_PAIRS:
        return " ".join(clause[-2:])
    return clause[-1] if clause[-1] in NOW else ""
