"""A phrase's "un-" participle also read as the negated verb after its noun: "unused months"
is "the months you haven't used", "credit for the unused" is "credit for the months that
haven't been used", "unpaid invoices" is "invoices not yet paid".

Writers say the same thing both ways, and the second is the more usual in a reply to a
customer; an assignment's list should not have to write it out. ``phrase_forms`` gives a
phrase and, for its first word of the form "un" + a past participle ("unused", "unpaid"),
the phrases that say it the other way, in the syntax of ``matching``: the noun (the
phrase's next word, or any word when the "un-" word ends the phrase), a gap of up to
``matching.GAP_WORDS`` words for who did not do it ("you", "that you"), a negation
(``NEGATIONS``, "yet" allowed after it) and the participle. "Been" may stand before the
participle, as a filler ("that haven't been used"). A word that only looks like one
("united") gives forms no text holds ("states ... not ited").

The negation is inside the match: what the phrase says is affirmed, and a denial before the
match still denies it ("I can't give credit for the months you haven't used").
"""

from __future__ import annotations

from worksample.prose.word_forms import IRREGULAR_PAST

PREFIX = "un"
MIN_PARTICIPLE = 4  # "used"; shorter rests are not participles ("unfed" aside)
NEGATIONS = ("not", "haven't", "hasn't", "hadn't", "didn't", "don't", "doesn't", "weren't",
             "wasn't", "aren't", "isn't", "never")
GAP = "..."


def phrase_forms(phrase: str) -> list[str]:
    """``phrase`` and, for its first "un-" participle, the phrases that write it as a
    negated verb after its noun."""
    tokens = phrase.split()
    at = next((i for i, token in enumerate(tokens) if _participle(token)), None)
    if at is None:
        return [phrase]
    participle = tokens[at].lower()[len(PREFIX):]
    before, after = tokens[:at], tokens[at + 1:]
    # the noun the "un-" word describes: the phrase's next word, or any in the gap
    noun, rest = (after[:1], after[1:]) if after and after[0] != GAP else ([], after)
    forms = [phrase]
    for negation in NEGATIONS:
        for said in (f"{negation} {participle}", f"{negation} yet {participle}"):
            forms.append(" ".join([*before, *noun, GAP, said, *rest]))
    return forms


def _participle(token: str) -> bool:
    """Whether ``token`` is "un" and a past participle: "unused", "unpaid"."""
    token = token.lower()
    rest = token[len(PREFIX):]
    return (token.startswith(PREFIX) and len(rest) >= MIN_PARTICIPLE and rest.isalpha()
            and (rest.endswith("ed") or rest in IRREGULAR_PAST))
