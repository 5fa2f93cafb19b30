"""Whether a reply is about this email's customer: a reply about someone else (another
customer of the assignment, another order) answers nothing here, however many policy words
it has. The classic is a reply pasted into the wrong slot.

Two rules, each saying what it found (``about_someone_else``):
- **names**: the reply names another email's customer (a part of their name no other
  customer has) and never this customer;
- **identifiers**: the reply gives a number of four digits or more (an order, invoice or
  ticket number; not a year) that another email of the assignment gives and this one does
  not, or that follows the same word ("order 48213") as a different number in this email.

**Disclosure** (``disclosed``): a reply that names another customer of the assignment (even
beside this customer's name) or gives a number of four digits or more that only another
customer's email gives hands that customer's personal data to a stranger: a breach that
fails the submission. What counts as naming, to stay precise: the whole name; or a part of
it that no other customer's name has, capitalised, and either not a dictionary word ("Will",
"Grace") or not the first word of its sentence ("Thanks, Will" names; "Will you ..." does
not). This customer's own name and numbers never count, nor does a number after the same
word with other digits (a typo of this customer's order, which ``about_someone_else``
judges).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from worksample.prose.text import Sentence, normalise

if TYPE_CHECKING:
    from .replies import Original

# the word before a number read from the word's start ("(?<!\S)"): from every letter of a
# 60 KB word, the search took time quadratic in its length
_IDENTIFIER = re.compile(r"(?:^|(?<!\S)(\S+) )(\d{4,})(?= |$)")


def identifiers(text: str) -> dict[str, str]:
    """The numbers of four digits or more in normalised ``text`` that are not years, each
    with the word before it ('' at the start)."""
    return {number: word or "" for word, number in _IDENTIFIER.findall(text)
            if not (len(number) == 4 and 1900 <= int(number) <= 2099)}


def names_of(original: Original, emails: list[Original]) -> list[str]:
    """How a text may name the customer of ``original``, normalised: the whole name, and each
    part of it (of three letters or more) that no other customer's name has."""
    others = {part for o in emails if o is not original
              for part in normalise(o.email.customer).split()}
    whole = normalise(original.email.customer)
    return [whole, *(part for part in whole.split() if len(part) >= 3 and part not in others)]


def _named(sentences: list[Sentence], original: Original, emails: list[Original],
           known: Callable[[str], bool]) -> list[str]:
    """The parts of ``original``'s customer's name that ``sentences`` name (see the module
    docstring), normalised, in order; the whole name first when it is given."""
    whole, *parts = names_of(original, emails)
    found = [whole] if any(f" {whole} " in f" {s.normal} " for s in sentences) else []
    for sentence in sentences:
        for position, word in enumerate(sentence.words):
            lower = word.lower()
            if (lower in parts and lower not in found and word[:1].isupper()
                    and (position or not known(lower))):
                found.append(lower)
    return found


def disclosed(sentences: list[Sentence], original: Original, emails: list[Original],
              known: Callable[[str], bool]) -> str:
    """What another customer's personal data the reply to ``original`` gives (their name,
    their email's order or invoice numbers), or ''. ``known`` says whether a lower-case word
    is in the dictionary."""
    found = []
    for other in (o for o in emails if o is not original):
        named = _named(sentences, other, emails, known)
        if named:
            found.append(f"the name of {other.email.customer}, the customer of {other.email.id} "
                         f"(“{named[0].title()}”)")
    said = identifiers(" ".join(sentence.normal for sentence in sentences))
    for number, word in said.items():
        owner = next((o for o in emails if o is not original and number in o.identifiers), None)
        if owner is not None and number not in original.identifiers:
            found.append(f"{(word + ' ') if word else ''}{number} from {owner.email.id}'s email")
    return "; ".join(found)


def about_someone_else(sentences: list[Sentence], original: Original,
                       emails: list[Original]) -> str:
    """What shows that the reply (its own ``sentences``) is about another customer than
    ``original``'s, or ''."""
    words = {word.lower() for sentence in sentences for word in sentence.words
             if word[:1].isupper()}
    mine = set(names_of(original, emails))
    others = [o for o in emails if o is not original]
    if not words & mine:
        for other in others:
            named = sorted(words & set(names_of(other, emails)))
            if named:
                return (f"it names {other.email.customer} (the customer of {other.email.id}: "
                        f"“{named[0].title()}”), never {original.email.customer}")
    said = identifiers(" ".join(sentence.normal for sentence in sentences))
    for number, word in said.items():
        if number in original.identifiers:
            continue
        other = next((o for o in others if number in o.identifiers), None)
        if other is not None:
            return f"it gives {number}, from {other.email.id}'s email, not this customer's"
        same_kind = [n for n, w in original.identifiers.items() if w and w == word]
        if same_kind:
            return f"it gives {word} {number}; this customer's email says {word} {same_kind[0]}"
    return ""
