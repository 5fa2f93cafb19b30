"""How a reply opens, closes and acknowledges the customer: the sign-off and empathy, read by
their form as well as by the assignment's lists.

- **Sign-off**: one of the last four sentences, four words at most, or the sentence before
  the short lines the reply ends with (the writer's name, team), starts with a phrase of the
  ``sign_off`` list ("Thanks again for your patience." before the name); or, by its form, is
  a closing line of one to four words that ends in a comma or "!" and is followed only by
  short lines: "Warmly,", "With gratitude,", "Talk soon!"; or the writer's name alone closes
  the reply: the short lines it ends with begin with one to four capitalised words (any
  alphabet; particles such as "van der" inside; not in capitals), none of them a team's
  word (``TEAM_WORDS``: "Support", "The Billing Team" sign for no one), the customer's
  name, a product name of the assignment's spelling allow-list, a word its checks look for
  or a small word ("Also", "Next Steps", "Download Your Invoice" are none), with no stop or
  question mark ("Jonas" then "Ledgerly Support"; "M. Price"; "– Sam"; "Jonas Weber, Billing
  Specialist"). The greeting (the first two sentences) is never the sign-off.
- **Empathy**: a phrase of the ``empathy`` list; or, by its form, a clause that acknowledges
  the customer's situation: a first-person acknowledgement ("I", "we", then at most two of
  ``INTENSIFIERS``, then one of ``ACKNOWLEDGING``: "I completely understand", "we can
  imagine"), not denied, about the situation: the clause ends there, or goes on with
  ``SITUATION`` ("how", "your" ...; "that", "this" or "it" with "you" or a feeling word
  close after) or holds a feeling word ("We appreciate the invoice request", "I understand
  that invoices are under Billing" acknowledge nothing); or a word of feeling or strain
  (``FEELINGS``: "stressful", "worried", "awful", "on edge") in a clause with a first- or
  second-person word ("that must have been stressful for you", "I know you're worried"). A
  feeling word in a clause with no person ("the wait is frustrating") may be either: it is
  left to the reviewer. With no word of feeling, a validation counts too
  (``prose.validation``: "it makes sense that you'd want it back", "that would rattle anyone",
  "I'd feel the same"), or is left to the reviewer when it may be advice or a remark ("you
  shouldn't have to chase this", "nobody likes seeing a charge twice").
  A phrase of the list counts only as an acknowledgement: not brushed
  off ("I understand, but rules are rules", "Sorry, but ..."), an acknowledging verb about
  the situation ("I understand the policy may seem strict" is not), "that must" with a
  feeling word after it, and no apology for the reply itself ("sorry for the slow reply") or
  for "any inconvenience" (boilerplate).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from worksample.prose.commitment import PERSONAL
from worksample.prose.evidence import Finding, quote_sentence, quoted
from worksample.prose.feelings import FEELINGS
from worksample.prose.matching import Match, PhraseSet, name_distance, nearest_name
from worksample.prose.measures import FUNCTION_WORDS
from worksample.prose.negation import TURNING, clauses, denial, words_by_clause
from worksample.prose.text import Sentence
from worksample.prose.validation import Validation, validation

if TYPE_CHECKING:
    from .checks import CompiledPhrases, ReplyText

SIGN_OFF_MAX_WORDS = 4
CLOSING_SENTENCES = 4  # a sign-off is among a reply's last four sentences
NAME_MAX_WORDS = 4
INITIAL = re.compile(r"[^\W\d_]\.")  # "M."
PARTICLES = frozenset({"van", "der", "den", "de", "da", "di", "du", "del", "della", "von",
                       "le", "la", "bin", "ibn", "al", "el", "y"})
# words that sign for a team or a function, not for a person: "Support", "The Billing Team"
TEAM_WORDS = frozenset({"support", "team", "billing", "customer", "customers", "service",
                        "services", "care", "success", "help", "helpdesk", "desk", "department",
                        "the", "accounts", "sales", "admin", "office", "staff", "agent"})
# what an acknowledging verb is about when it acknowledges the customer's situation
SITUATION = frozenset({"how", "why", "what", "you", "your", "you're", "you've", "you'd",
                       "completely", "entirely", "fully"})
# "I understand that ...", "we hear this ...": about the situation only when "you" or a feeling
# word follows within three words ("I understand that you're worried"; not "I understand that
# invoices are under Billing")
POINTING = frozenset({"that", "this", "it"})
SECOND_PERSON = frozenset({"you", "your", "you're", "you've", "you'd", "you'll", "yourself"})
# an apology for the reply itself, or for "any inconvenience": about us, or boilerplate
APOLOGIES = frozenset({"sorry", "apologies", "apologise", "apologize", "apologising",
                       "apologizing"})
THE_REPLY = frozenset({"reply", "response", "replying", "responding"})
FIRST_PERSON = frozenset({"i", "we", "i'm", "we're", "i've", "we've"})
INTENSIFIERS = frozenset({"completely", "totally", "fully", "really", "truly", "absolutely",
                          "certainly", "definitely", "entirely", "so", "can", "do", "well",
                          "very", "much", "quite", "honestly"})
ACKNOWLEDGING = frozenset({"understand", "imagine", "appreciate", "sympathise", "sympathize",
                           "empathise", "empathize", "hear", "know", "see", "get"})


def sign_off(own: list[Sentence], phrases: PhraseSet, not_names: frozenset[str]) -> Finding:
    """Whether the reply (its own sentences) closes with a sign-off: by the list, by the form
    of a closing line, or with the writer's name (``_a_persons_name``: no word of
    ``not_names``, lower-cased)."""
    label = "closes with a sign-off"
    body = own[2:]
    signature = 0  # the short lines the reply ends with (the name, the team)
    while signature < len(body) and len(body[-1 - signature].words) <= SIGN_OFF_MAX_WORDS:
        signature += 1
    closing = [s for s in own[-CLOSING_SENTENCES:] if len(s.words) <= SIGN_OFF_MAX_WORDS]
    # "Thanks again for your patience." before the name: a closing of any length
    before_signature = [body[-1 - signature]] if 0 < signature < len(body) else []
    match = phrases.find(closing + before_signature, anchored=True)
    if match is not None:
        return Finding("sign_off", "sign_off", label, 1.0, quoted(match))
    # only the last few can be closing lines: not every sentence with the rest of the reply
    # after it (a reply of 32,000 one-letter lines took seconds)
    for position in range(max(0, len(body) - CLOSING_SENTENCES), len(body)):
        sentence, after = body[position], body[position + 1:]
        if (sentence in closing and sentence.text.rstrip().endswith((",", "!"))
                and all(len(s.words) <= SIGN_OFF_MAX_WORDS for s in after)):
            return Finding("sign_off", "sign_off", label, 1.0,
                           f"{quote_sentence(sentence)} (a closing line ending in "
                           f"“{sentence.text.rstrip()[-1]}”, before the name)")
    # "Jonas" then "Ledgerly Support"; "Ledgerly Support" then "Sam"
    name = next((line for line in body[len(body) - signature:]
                 if _a_persons_name(line, not_names)), None)
    if name is not None:
        return Finding("sign_off", "sign_off", label, 1.0,
                       f"{quote_sentence(name)} (the writer's name closes the reply)")
    return Finding("sign_off", "sign_off", label, 0.0, "not found")


def not_names(customer: str, allowed: Iterable[str], looked_for: frozenset[str]) -> frozenset[str]:
    """Words a signature line may not hold to read as the writer's name, lower-cased: a
    team's word, the customer's name, the assignment's product names and jargon
    (``allowed``: its spelling allow-list), the words its checks look for, small words."""
    return (TEAM_WORDS | FUNCTION_WORDS | looked_for
            | {part.lower() for part in customer.replace("-", " ").split()}
            | {word.lower() for word in allowed})


def _a_persons_name(line: Sentence, not_names: frozenset[str]) -> bool:
    """Whether ``line`` reads as a person's name signing the reply: one to four words, each
    capitalised (any alphabet; an initial "M."; a particle "van", "de", "d'Almeida" inside),
    not in capitals ("REFUND HOLD"), none of ``not_names`` (a team's word, the customer's
    name, the assignment's product names and the words its checks look for, small words
    such as "also" or "your"), after an optional dash, before an optional ", title"."""
    text = line.text.strip().lstrip("-–— ").split(",")[0].strip()
    words = text.split()
    if not 0 < len(words) <= NAME_MAX_WORDS or text.endswith(("!", "?", ":")):
        return False
    if text.endswith(".") and not INITIAL.fullmatch(words[-1]):
        return False  # "Let me know." is a sentence; "Jo M." is a name
    named = [word for word in words if word.lower() not in PARTICLES]
    if not named or not all(_capitalised(word) for word in named):
        return False
    lowered = {word.lower().strip(".").removesuffix("'s").removesuffix("’s") for word in words}
    return not lowered & not_names


def _capitalised(word: str) -> bool:
    """"Jonas", "Ömer", "O'Neil", "d'Almeida", "M."; not "REFUND" or "also"."""
    core = word[2:] if word[:2].lower() in ("d'", "d’", "l'", "l’") else word
    letters = [c for c in core if c.isalpha()]
    return bool(letters) and letters[0].isupper() and (
        len(letters) == 1 or not all(c.isupper() for c in letters))


def acknowledgements(sentences: list[Sentence],
                     negation: PhraseSet) -> tuple[list[Match], dict[int, str]]:
    """The clauses that acknowledge the customer's situation by their form (see the module
    docstring), as matches, and the sentences whose match is uncertain (index -> why), to
    count neither way."""
    extra = negation.holds_word
    found, uncertain = [], {}
    for sentence in sentences:
        validated = validation(sentence)  # "you were right to flag it": no word of feeling
        if validated is not None and validated.sure:
            found.append(_validation_match(sentence, validated))
            continue
        found_before = len(found)
        words = sentence.normal.split()
        clause_of = clauses(sentence)
        clause_words = words_by_clause(sentence)
        for index, word in enumerate(words):
            if word in FIRST_PERSON:
                end = index + 1
                while end < len(words) and end - index <= 2 and words[end] in INTENSIFIERS:
                    end += 1
                if (end < len(words) and words[end] in ACKNOWLEDGING
                        and _of_the_situation(words, clause_of, clause_words, end)
                        and not _brushed_off(words, clause_of, end)
                        and not denial(sentence, index, end + 1, extra)):
                    found.append(Match(sentence, " ".join(words[index:end + 1]),
                                       start=index, end=end + 1))
                    break
            if word in FEELINGS and not (index and words[index - 1] == "any"):  # boilerplate
                if not clause_words[clause_of[index]] & PERSONAL:
                    uncertain[sentence.index] = (f"a feeling word (“{word}”) with no “I”, "
                                                 f"“we” or “you” in its clause")
                found.append(Match(sentence, word, start=index, end=index + 1))
                break
        if validated is not None and len(found) == found_before:
            # "you shouldn't have to chase us": kind, or a remark; an acknowledgement in the
            # same sentence counts instead
            uncertain[sentence.index] = (f"a validation (“{validated.words}”) that may be "
                                         "advice or a remark")
            found.append(_validation_match(sentence, validated))
    return found, uncertain


def _validation_match(sentence: Sentence, validated: Validation) -> Match:
    return Match(sentence, validated.words, start=validated.start,
                 end=validated.start + len(validated.words.split()))


def _of_the_situation(words: Sequence[str], clause_of: Sequence[int],
                      clause_words: dict[int, frozenset[str]], verb: int) -> bool:
    """Whether the acknowledging verb at ``verb`` is about the customer's situation: its
    clause ends after it, the next word is one of ``SITUATION`` (or of ``POINTING`` with
    "you" or a feeling word within three words after it), or the clause holds a feeling
    word (``clause_words``: each clause's words)."""
    following = verb + 1
    if following >= len(words) or clause_of[following] != clause_of[verb]:
        return True
    if words[following] in POINTING:
        return bool((SECOND_PERSON | FEELINGS) & set(words[following + 1:following + 4]))
    return words[following] in SITUATION or bool(clause_words[clause_of[verb]] & FEELINGS)


def _brushed_off(words: Sequence[str], clause_of: Sequence[int], end: int) -> bool:
    """Whether the acknowledgement ending at word ``end`` is its whole clause and the next
    clause turns away ("I understand, but rules are rules"; "Sorry, but seven weeks is past
    the window")."""
    following = end + 1
    return (following < len(words) and clause_of[following] != clause_of[end]
            and words[following] in TURNING)


def _acknowledges(match: Match) -> bool:
    """Whether an empathy phrase of the list acknowledges the customer: not brushed off, an
    acknowledging verb about the situation, "that must" with a feeling word after it, an
    apology for something else than the reply itself or "any inconvenience", and no "sorry
    state"."""
    # the sentence's words as made once for it: a sentence may hold thousands of matches
    words, clause_of = match.sentence.normal_words, clauses(match.sentence)
    last, after = match.end - 1, words[match.end:match.end + 5]
    if last >= len(words) or _brushed_off(words, clause_of, last):
        return False
    if words[last] in ACKNOWLEDGING and not _of_the_situation(
            words, clause_of, words_by_clause(match.sentence), last):
        return False
    if words[match.start:match.end] == ("that", "must"):
        return bool(FEELINGS & set(after))
    if words[last] in APOLOGIES and after[:1] == ("for",) and (
            after[1:2] == ("any",) or THE_REPLY & set(after)):
        return False
    return after[:1] != ("state",)


def named(text: ReplyText, customer: str) -> Finding:
    """Whether the reply uses the customer's name (one letter off counts, saying so; two
    letters off in a long name goes to the reviewer). The customer's own words do not count."""
    label = f"uses the customer's name ({customer})"
    names = [part for part in customer.replace("-", " ").split() if len(part) >= 2]
    best: tuple[int, str, Sentence] | None = None
    distances: dict[str, int] = {}  # a reply repeats its words
    lowered = [name.lower() for name in names]
    for sentence in text.sentences:
        if text.copies_the_customer(sentence):
            continue
        for word in sentence.words:
            distance = distances.get(word)
            if distance is None:
                distance = distances[word] = nearest_name(word, lowered)
            if best is None or distance < best[0]:
                best = (distance, word, sentence)
        if best is not None and best[0] == 0:
            break  # the name as written: no later word comes nearer
    if best is None:
        return Finding("name", "name", label, 0.0, "not found")
    distance, word, sentence = best
    quote = quote_sentence(sentence)
    nearest = min(names, key=lambda name: name_distance(word, name))
    if distance == 0:
        return Finding("name", "name", label, 1.0, quote)
    if distance == 1 and len(nearest) >= 4:
        return Finding("name", "name", label, 1.0, f"{quote} (spelt “{word}”)")
    if distance == 2 and len(nearest) >= 6:
        return Finding("name", "name", label, 0.0, quote,
                       review=f"“{word}” may be the name {nearest}, misspelt; not counted")
    return Finding("name", "name", label, 0.0, "not found")


def empathy(text: ReplyText, phrases: CompiledPhrases) -> Finding:
    """An empathy phrase of the list; else an acknowledgement by its form
    (``courtesy.acknowledgements``), which the evidence says."""
    label = "acknowledges how the customer feels"
    listed = text.positive("empathy", "empathy", label,
                           [m for m in phrases.empathy.find_all(text.sentences, text.reading)
                            if _acknowledges(m)])
    if listed.outcome == "passed":
        return listed
    by_form = text.positive("empathy", "empathy", label,
                            *acknowledgements(text.sentences, phrases.negation))
    if by_form.evidence == "not found":
        return listed
    if by_form.outcome == "passed":
        by_form.evidence += " (an acknowledgement by its form)"
    return by_form
