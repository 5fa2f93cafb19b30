"""A statement's words in the forms a commitment or an event may give them.

Phrases match words as written (``matching``: "won't renew" does not match "won't be
renewed"), because elsewhere a word's form is its meaning: a request cue in the past asks
nothing. In a clause that commits to a statement or tells it as an event (``commitment``,
``events``), the tense belongs to the commitment or the event, so a statement's word is read
in its regular verb forms there ("refund": "refunded", "refunding"), and "money" is also
a word for an amount of it ("the full amount", "the whole payment", "your annual fee") or an
amount itself ("$290"). A statement's "refund" is also read in the verbs that give money back
(``REFUNDING``: "I've reimbursed the $290"), and, done by the writer to money, in "return",
"reverse", "void" and "release" ("we've reversed the $290 charge"; not "your bank reverses
the hold", which is right to say, nor "I've returned your call"), and in "give", "send",
"hand", "transfer", "pay" and "put" with "back" after the money ("I'll send the second $29
back to your card", "I've put the full $290 back on your card"; not "your bank will send the
$29 back", nor "I've sent the invoice back").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import takewhile

from worksample.prose.notes import started_now
from worksample.prose.text import Sentence

MONEY = "money"
MONEY_NOUNS = frozenset({"money", "amount", "payment", "payments", "fee", "fees", "cost",
                         "price", "sum", "funds", "cash", "penny", "pennies"})
# words of credit: money given as these is no money back ("$241 back as account credit")
CREDIT = frozenset({"credit", "credits", "credited", "crediting", "voucher", "vouchers"})
CREDITED_AS = frozenset({"as", "in", "into"})
CREDIT_WINDOW = 8  # words after a refund in which "as credit" says how it is given
MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
# after "back to": money goes back to someone ("to you", "to your card"), not to a level
TO_SOMEONE = frozenset({"you", "your", "yours", "the", "a", "an", "my", "our", "her", "his",
                        "their", "whoever"})
BACK_WORDS = 5  # money at most this many words before "back": "your money is on its way back"
# verbs that give money back: a statement's "refund" is told by any of them
REFUNDING = frozenset({"refund", "reimburse", "repay"})
# and by these, when the writer does it to money ("we've reversed the $290 charge")
RETURNING = frozenset({"return", "reverse", "void", "release", "credit"})
# and by these, when the writer gives money back with "back" after it ("I'll send the $29 back")
GIVING_BACK = frozenset({"give", "send", "hand", "transfer", "pay", "put"})
BACK_SPAN = 8  # "we'll give you every cent of the $290 back": words from the verb to "back"
THING_AFTER_BACK = 3  # "paid back the second $29": where the money may stand after "back"
PLACING = frozenset({"on", "onto", "to", "in", "into", "at", "for"})  # "back on the $29 plan"
# "credit" gives money back only to these: "I've credited the $290 back to your card"
CARDS = frozenset({"card", "visa", "mastercard", "amex", "bank", "original", "method"})
CARD_WORDS = 7  # "credited the full $290 back to your card": words from "credit" to "to"
MONEY_TAKEN = MONEY_NOUNS | {"charge", "charges", "transaction", "authorisation", "duplicate",
                             "authorization"}
WRITERS = frozenset({"i", "we", "i've", "we've", "i'll", "we'll", "i'm", "we're", "me", "us"})
# after "my" or "our", who acts for the writer: "our billing team will send the $29 back"
COLLEAGUES = frozenset({"lead", "manager", "team", "supervisor", "colleague", "billing",
                        "finance", "department", "accounts", "payments", "boss"})
OURS = frozenset({"my", "our"})
# before a colleague's word, no one else's: "the billing team", "then finance"
NO_OWNER = frozenset({"the", "then", "now", "so", "and", "also"})
# after "by", someone else gives it back: "... sent back by your bank"
OTHER_PAYERS = frozenset({"bank", "issuer", "provider", "paypal", "stripe", "card"})
# after "back", a place that keeps it with us: credit, not money back ("back into your
# Ledgerly balance, to spend on any plan"); an "account" may be the reader's bank's
KEPT_WITH_US = frozenset({"balance", "wallet", "credit"})
PLACE_WORDS = 4  # "back into your Ledgerly balance": where it goes, in the words after "back"
# after "back", money to spend with us: "..., to spend on any plan", "to use on future months"
SPENT_WITH_US = frozenset({("spend", "on"), ("use", "on"), ("spend", "it"), ("use", "against")})
# between the writer and the verb: "we have just reversed", "I'll now return"
ADVERBS = frozenset({"just", "now", "already", "also", "then"})
HELPING = ADVERBS | {"have", "has", "will", "can", "to", "going"}
OBJECT_WORDS = 5  # the verb's object: "reversed the whole $290 charge"
# in the clause: no one gave it back, the bank let it go ("reversed automatically")
ON_ITS_OWN = frozenset({"automatically", "itself", "own"})
# the object of "return", "void" or "release" that is no money given back
NOT_MONEY = frozenset({"renewal", "renewals", "subscription", "plan", "call", "calls",
                       "request", "ticket", "question", "email", "order", "hold", "holds",
                       "invoice", "invoices", "receipt", "receipts", "case", "statement"})
# the irregular forms of the verbs statements use
IRREGULAR = {"pay": ("paid",), "repay": ("repaid",), "give": ("gave", "given"),
             "send": ("sent",), "make": ("made",), "do": ("did", "done"),
             "get": ("got", "gotten", "getting"), "see": ("saw", "seen"), "put": ("put",)}
IRREGULAR_PAST = frozenset(form for past in IRREGULAR.values() for form in past)
IRREGULAR_BASES = {form: base for base, past in IRREGULAR.items() for form in past}
# a base that is its own past: "I'll put it back" and "I've put it back"
SAME_IN_THE_PAST = frozenset(base for base, past in IRREGULAR.items() if base in past)
# bases ending in "e" whose -ed and -ing forms drop it, among the verbs statements use
E_ENDING_BASES = frozenset({"issue", "approve", "authorise", "authorize", "arrange", "release",
                            "reimburse", "reverse", "give", "receive", "restore", "promise",
                            "guarantee", "charge", "remove", "delete", "resolve", "replace"})


def place(word: str, words: Sequence[str], indices: Sequence[int], money: bool) -> int | None:
    """Where a statement's ``word`` (a prefix when it ends in ``*``) stands among
    ``words[i] for i in indices`` (a clause), in any of its forms: its index; -1 for "money"
    read from an amount in the clause (``money``); None when it is not there."""
    if word.endswith("*"):
        stem = word.rstrip("*")
        return next((i for i in indices if words[i].startswith(stem)), None)
    wanted = MONEY_NOUNS if word == MONEY else standing_for(word)
    found = next((i for i in indices if words[i] in wanted
                  and gives_money_back(words, indices, i, money)), None)
    if found is None and word == MONEY and money:
        return -1
    return found


def gives_money_back(words: Sequence[str], indices: Sequence[int], at: int, money: bool
                     ) -> bool:
    """Whether word ``at`` of the clause (``indices``) may stand for a statement's word: any
    word but one of ``RETURNING``, which must give money back (``_writer_returns_money``), or
    of ``GIVING_BACK``, which must give it back with "back" (``_writer_gives_back``)."""
    base = IRREGULAR_BASES.get(words[at]) or base_of(words[at])
    if base in GIVING_BACK:
        return _writer_gives_back(words, indices, at, money)
    return base not in RETURNING or _writer_returns_money(words, indices, at, money)


def _writer_gives_back(words: Sequence[str], indices: Sequence[int], at: int,
                       money: bool) -> bool:
    """Whether "give", "send", "put" ... at word ``at`` of the clause gives money back: "back"
    (to someone, not in time: ``_not_given_back``) within ``BACK_SPAN`` words after it, money
    between them or just after "back" ("send the second $29 back", "send you back $241"), the
    writer before it or, in the passive, the money ("the extra $29 has been sent back"); not
    someone else ("... sent back by your bank"), not the reader put back on a plan ("I'll put
    you back on the monthly plan"), and no credit in the clause."""
    position = list(indices).index(at)
    clause = [words[i] for i in indices]
    before, span = clause[:position], clause[position + 1:position + 1 + BACK_SPAN]
    back = next((n for n, word in enumerate(span) if word == "back"
                 and not _not_given_back(words, indices, position + 1 + n)), None)
    if back is None or not CREDIT.isdisjoint(clause) or _paid_by_another(clause[position:]):
        return False
    where = clause[position + 2 + back:position + 2 + back + PLACE_WORDS]
    if _kept_with_us(words, indices[position + 1 + back]) or where[:2] in (["to", "my"],
                                                                         ["to", "our"]):
        return False  # "back into your Ledgerly balance", "back to my team lead"

    def is_money(word: str) -> bool:
        return word in MONEY_TAKEN or money and word[:1].isdigit()

    after = list(takewhile(lambda word: word not in PLACING,
                           span[back + 1:back + 1 + THING_AFTER_BACK]))
    thing = [*span[:back], *after]  # not "put you back on the $29 plan"
    if not NOT_MONEY.isdisjoint(thing):
        return False
    auxiliaries = [word for word in before if word not in ADVERBS]
    if auxiliaries[-1:] in (["been"], ["be"]):
        return any(map(is_money, before))  # "the extra $29 has been sent back to your card"
    return _by_the_writer(before, clause) and any(map(is_money, thing))


def _by_the_writer(before: Sequence[str], clause: Sequence[str]) -> bool:
    """Whether the writer does what the clause's verb, after the words ``before`` it, tells:
    the writer or a colleague ("our billing team") before it, or the verb opens a note of
    what is under way (``notes``)."""
    return (not WRITERS.isdisjoint(before) or by_a_colleague(before)
            or not before and bool(started_now(clause)))


def by_a_colleague(words: Sequence[str]) -> bool:
    """Whether ``words`` name one who acts for the writer: a word of ``COLLEAGUES`` at most two
    words after "my" or "our" ("my team lead", "our billing team"), or with no owner before it
    ("billing will send it back", "then the finance team refunded it"; not "your bank's
    billing team")."""
    for at, word in enumerate(words):
        if word in COLLEAGUES:
            before = words[max(0, at - 2):at]
            if not OURS.isdisjoint(before) or all(w in NO_OWNER or w in COLLEAGUES
                                                  for w in before):
                return True
    return False


def _paid_by_another(words: Sequence[str]) -> bool:
    """Whether ``words`` (from the verb on) say someone else gives it back: "by", "your" or
    "the", and a bank or a card issuer at most two words on ("... sent back by your bank";
    not "by Friday", nor "by bank transfer")."""
    return any(word == "by" and words[at + 1:at + 2] in (["your"], ["the"])
               and not OTHER_PAYERS.isdisjoint(words[at + 2:at + 4])
               for at, word in enumerate(words))


def _writer_returns_money(words: Sequence[str], indices: Sequence[int], at: int,
                          money: bool) -> bool:
    """Whether "return", "reverse", "void" or "release" at word ``at`` gives money back: the
    writer before it in its clause, and money as its object (an amount, "the charge", "your
    payment"; or, in the passive, money before it and the reader's card or account after:
    "I've arranged for the $290 to be returned to your card"), not something else
    (``NOT_MONEY``: "I returned your call", "I've voided next year's $290 renewal", "we've
    released you from the renewal"), not done by someone else ("... will be released by your
    bank"), and no credit in the clause ("I've returned the $25 goodwill credit")."""
    position = list(indices).index(at)
    clause = [words[i] for i in indices]
    before, after = clause[:position], clause[position + 1:position + 1 + OBJECT_WORDS]
    if base_of(words[at]) == "credit":
        return _to_the_card(clause[position + 1:]) and _by_the_writer(before, clause)
    if "by" in after or not CREDIT.isdisjoint(clause) or not ON_ITS_OWN.isdisjoint(clause):
        return False
    if not _by_the_writer(before, clause):
        # no one named: money told as given back in the perfect ("the $290 charge has been
        # reversed", "your payment has been returned to your card"); not a hold released
        return (base_of(words[at]) != "release" and before[-2:] in (["has", "been"],
                                                                    ["have", "been"])
                and any(word in MONEY_TAKEN or money and word[:1].isdigit()
                        for word in before))

    def is_money(word: str) -> bool:
        return word in MONEY_TAKEN or money and word[:1].isdigit()

    passive = bool(before) and before[-1] in {"be", "been"}
    given = any(map(is_money, after)) or passive and any(map(is_money, before)) and (
        after[:2] in (["to", "your"], ["to", "you"], ["back", "to"], ["in", "full"]))
    return given and NOT_MONEY.isdisjoint(after) and after[:1] != ["you"]


def _to_the_card(after: Sequence[str]) -> bool:
    """Whether the words after "credit" send it to the reader's card or bank, not to an
    account: "to your card", "back to your Visa", "to the original payment method"."""
    for position, word in enumerate(after[:CARD_WORDS]):
        if word == "to":
            place = after[position + 1:position + 4]
            return not CARDS.isdisjoint(place) and "account" not in place
    return False


@lru_cache(maxsize=1024)
def standing_for(word: str) -> frozenset[str]:
    """The forms that stand for a statement's ``word`` where it is told: its own
    (``forms``), and for a word of refunding those of every verb that gives money back
    (``REFUNDING``, ``RETURNING``, ``GIVING_BACK``)."""
    if base_of(word) not in REFUNDING:
        return forms(word)
    return frozenset().union(*(forms(verb) for verb in REFUNDING | RETURNING | GIVING_BACK))


def statement_in(sentence: Sentence, indices: Sequence[int], statement: tuple[str, ...],
                 amount: bool) -> list[int] | None:
    """Where each of a statement's words stands in the clause (``indices`` of the sentence's
    words; ``place``: -1 for money read from an amount), or None when one is missing or, for
    a statement about money, the money is not given back (``money_back``)."""
    spots = [place(word, sentence.normal_words, indices, amount) for word in statement]
    if any(spot is None for spot in spots):
        return None
    if MONEY in statement and not money_back(sentence, indices, amount):
        return None
    words = sentence.normal_words
    if "back" in statement and all(_not_given_back(words, indices, position)
                                   for position, i in enumerate(indices) if words[i] == "back"):
        return None  # "you paid $290 back in March"
    return spots


def money_back(sentence: Sentence, indices: Sequence[int], amount: bool) -> bool:
    """Whether the clause (``indices`` of the sentence's words) gives money back: a word for
    money, or a number when the clause holds an amount (``amount``), at most ``BACK_WORDS``
    words before "back" ("your money back", "the $290 will be back"); not "back" in time
    ("back in March", "back then") or to a level ("back to $29 a month", "back to monthly"),
    not denied or credited between them ("the fee won't come back", "$241 credited back"),
    and not given as credit (``as_credit``: "$241 back to your account as credit")."""
    words = sentence.normal_words
    for position, index in enumerate(indices):
        if words[index] != "back" or as_credit(words, index) or _not_given_back(
                words, indices, position) or _kept_with_us(words, index):
            continue
        before = [words[i] for i in indices[max(0, position - BACK_WORDS):position]]
        money = [n for n, word in enumerate(before)
                 if word in MONEY_NOUNS or amount and word[:1].isdigit()]
        between = before[money[-1]:] if money else []
        if money and not any(word.endswith("n't") or word in {"not", "never", "no"}
                             or word in CREDIT for word in between) and between[1:2] not in (
                [noun] for noun in NOT_MONEY):
            return True  # not "the fee doesn't come back", "$241 credited back", "$290 invoice"
    return False


def _kept_with_us(words: Sequence[str], back: int) -> bool:
    """Whether the words just after "back" (word ``back``) put it where it stays with us: the
    reader's balance with us, or money to spend with us, which is credit ("$241 back into your
    Ledgerly balance", "back on your account to spend on future months"), not money given
    back. Not an "account" alone, which may be the reader's bank's."""
    after = words[back + 1:]
    return not KEPT_WITH_US.isdisjoint(after[:PLACE_WORDS]) or any(
        pair in SPENT_WITH_US for pair in zip(after, after[1:], strict=False))


def _not_given_back(words: Sequence[str], indices: Sequence[int], position: int) -> bool:
    """Whether "back" at ``indices[position]`` is back in time ("back in March", "back on 3
    March", "back then") or back to a level ("back to $29 a month", "back to monthly"), not
    back to someone."""
    after = [words[i] for i in indices[position + 1:position + 3]]
    if after[:1] == ["then"] or after[:1] in (["in"], ["on"]) and len(after) > 1 and (
            after[1] in MONTHS or after[1][:1].isdigit()):
        return True
    return after[:1] == ["to"] and len(after) > 1 and after[1] not in TO_SOMEONE


def as_credit(words: Sequence[str], after: int) -> bool:
    """Whether the words just after word ``after`` (``CREDIT_WINDOW`` of them) give it as
    credit: "as", "in" or "into" with a word of credit at most three words further ("refunded
    as account credit", "$241 back in credit"); not "refunded the $290 to your card and added
    $20 as account credit", a credit beside the refund."""
    return any(words[at] in CREDITED_AS and not CREDIT.isdisjoint(words[at + 1:at + 4])
               for at in range(after + 1, min(len(words), after + 1 + CREDIT_WINDOW)))


@lru_cache(maxsize=1024)
def forms(word: str) -> frozenset[str]:
    """The regular verb forms of a word and of its base, when it is written as one of them:
    "refund": "refunded", "refunding", and "refund's"; "issued": "issue", "issuing"; "cancel":
    "cancelled" and "cancelling" too. Not "refunds": a plural says what refunds are in
    general. A form that is no word does no harm: forms are only looked up."""
    base = base_of(word)
    stem = base[:-1] if base.endswith("e") else base
    # and the noun with "'s" ("the refund's been processed")
    made = {word, base, base + "'s", stem + "ed", stem + "ing", *IRREGULAR.get(base, ())}
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        made |= {base[:-1] + "ied"}
    if len(base) > 2 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" \
            and base[-3] not in "aeiou":
        made |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # "cancelled"
    return frozenset(made)


def base_of(word: str) -> str:
    """The base of a regular -ed or -ing form ("refunded": "refund"; "issued": "issue";
    "cancelled": "cancel"), or the word itself."""
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            undoubled = stem[:-1]
            if (stem[-1] == stem[-2] and stem[-1] not in "aeious" and len(undoubled) >= 4
                    and (stem[-1] != "l" or len(undoubled) >= 5)):
                return undoubled  # "cancelled", "transferred"; not "billed", "added"
            return stem + "e" if stem + "e" in E_ENDING_BASES else stem
    return word


_YEAR = re.compile(r"(?:19|20)\d\d")


def names_a_year(words: Sequence[str]) -> bool:
    """Whether one of the normalised ``words`` is a year ("in 2023"): what it dates is another
    time than the ticket's or the case's."""
    return any(map(_YEAR.fullmatch, words))
