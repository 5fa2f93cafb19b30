"""Where a phrase of a promise stands in a sentence that promises nothing: a wish, a question
the writer passes on, the alternative refused, a wish refused, what would have happened.

- **Someone else's wish** (``wished_for``): after a verb or noun of hoping, wanting, asking or
  expecting (``WISHES``) in its clause, when the wish is not the writer's: the nearest
  subject before the verb is not the first person ("I know you were hoping for a full
  refund", "many customers ask for a full refund"), or the noun is someone else's ("I've
  passed your request for a full refund to my team lead"). A promising modal ("you can
  expect a full refund") and a relative clause ("anyone who asks gets a full refund") still
  promise; so do the writer's own wish ("we expect to refund you in full") and an order to
  expect it (``ORDERED``: "please expect the refund by Friday").
- **A question passed on** (``asked_whether``): a clause of "whether" or "if" after a verb of
  asking or finding out ("I've asked my team lead whether we could refund the full amount",
  "I'll check if a full refund is possible").
- **The alternative refused**: right after "rather than", "instead of", "in lieu of" ... ("rather
  than a full refund, I can add account credit").
- **A wish or an understanding refused later in the sentence**: "I'd love to refund you in
  full, but ...", "I understand that getting your money back matters, and I'm sorry the
  policy doesn't allow it".
- **What would have happened**: in a sentence with a past condition ("if you'd bought the
  plan last month", "had you written earlier"), after "would" or "could"; or after "could
  have", "would have" ("you could have had a full refund in the first month").
- **The topic of something else** (``topic_of``): followed by a noun it describes (``TOPICS``:
  "your refund request", "the refund team"; or a rule, "our refund policy", unless the clause
  sets the rule aside: "I'll make an exception to our full refund policy"), or after a word
  that makes it a topic ("a reply about the refund", "a decision on a refund", "a 30-day
  window for a full refund", "the credit is
  worth more than a refund", "not the same as getting your money back"), unless the clause
  says that thing is granted ("I'll make sure your refund request is approved" promises).
"""

from __future__ import annotations

from worksample.prose.commitment import COMPANY, FIRST_PERSON, RULE_NOUNS
from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clauses
from worksample.prose.questions import question_start
from worksample.prose.text import Sentence

WISHES = frozenset({"hope", "hopes", "hoped", "hoping", "want", "wants", "wanted", "wanting",
                    "wish", "wishes", "wished", "wishing", "ask", "asks", "asked", "asking",
                    "request", "requests", "requested", "requesting", "expect", "expects",
                    "expected", "expecting", "seek", "seeks", "seeking", "sought"})
# a wish the writer orders the reader to hold is the writer's promise: "expect it by Friday"
ORDERED = frozenset({"expect"})
# before a noun of wishing, these make it someone else's: "your request for a full refund"
POSSESSIVES = frozenset({"your", "her", "his", "their"})  # and any "someone's"
# words after which "you" is a subject ("I know you were hoping"), not an object ("call you")
OPENERS = frozenset({"and", "but", "so", "that", "because", "if", "when", "why", "how", "what",
                     "know", "think", "guess", "see", "as", "since", "while", "although",
                     "though", "where", "understand", "realise", "realize", "imagine",
                     "sure", "certain", "aware", "sorry", "afraid", "glad"})
# a wish that promises: "you can expect", "you'll want to look out for your refund"
PROMISING = frozenset({"can", "will", "shall", "should", "you'll", "they'll"})
RELATIVES = frozenset({"who", "that", "which"})  # "everyone who asks gets a full refund"
# who may wish: the nearest of these before the verb says whose wish it is
SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "i'm", "we're", "you're",
                      "they're", "i'll", "we'll", "you'll", "they'll", "i'd", "we'd", "you'd",
                      "they'd", "i've", "we've", "you've", "they've", "customers", "people",
                      "someone", "everyone", "anyone", "let's"})
# a verb before "whether" or "if" that passes a question on
FINDING_OUT = frozenset({"ask", "asked", "asking", "check", "checked", "checking", "see",
                         "find", "found", "wonder", "wondered", "wondering", "know", "confirm",
                         "enquire", "enquired", "inquire", "inquired", "query", "queried"})
ALTERNATIVE = PhraseSet(["rather than", "instead of", "in place of", "in lieu of",
                         "as an alternative to"])
# the writer's wish or understanding, which a later clause refuses
WOULD_LIKE = PhraseSet(["i'd love to", "i would love to", "we'd love to", "we would love to",
                        "i'd like to", "i would like to", "we'd like to", "we would like to",
                        "i understand", "i know", "i realise", "i realize", "i appreciate",
                        "i can see", "i can imagine", "we understand"])
REFUSING = frozenset({"but", "however", "unfortunately", "sadly", "though", "although"})
SORRY = frozenset({"sorry", "afraid", "regret", "unfortunately"})
PAST_CONDITIONS = PhraseSet(["if you'd", "if you had", "if we'd", "if we had", "if it had",
                             "had you", "had we"])
PREFERRING = frozenset({"like", "prefer", "rather", "want", "love"})  # "if you'd like": an offer
WOULD = frozenset({"would", "could", "i'd", "we'd", "you'd", "it'd", "they'd", "would've",
                   "could've"})
WISHING_OR_PREFERRING = WISHES | PREFERRING  # "I'm sure you'd rather have your money back"
# nouns a statement's words may describe, so that what is said is about them: "your refund
# request reaches my team lead", "the refund team"
TOPICS = frozenset({
    "request", "requests", "question", "questions", "query", "enquiry", "inquiry", "email",
    "message", "ticket", "case", "claim", "form", "team", "department", "process", "procedure",
    "status", "decision", "review", "appeal", "application", "conversation", "discussion",
    "details", "information", "options", "page", "link", "section", "note", "letter", "call",
    "answer", "reply", "response", "update", "news", "word", "ruling", "verdict", "exception",
    "timing", "timings", "availability", "deadlines", "summary", "rules", "issue", "issues",
    "matter", "problem", "concern"})
# before a statement's words: they are what something is about ("an answer on the refund")
ABOUT = frozenset({"about", "regarding", "concerning", "re", "than"})
COMPARING = frozenset({"same", "much", "such"})  # before "as": "isn't the same as your money back"
ABOUT_AFTER_TOPIC = frozenset({"on", "for", "of"})  # "a decision on", "a request for"
DECIDING = frozenset({"decide", "decides", "decided", "deciding", "rule", "comment"})
# what a rule is to a clause that sets it aside: "I'll make an exception to our refund policy"
SETTING_ASIDE = frozenset({"exception", "waive", "waived", "waiving", "bend", "override",
                           "overrule", "extend", "extended", "extending", "ignore", "break"})
# what makes the thing a topic describes happen after all: "your refund request is approved"
GRANTED = frozenset({"approved", "approve", "approves", "granted", "grant", "grants",
                     "accepted", "accept", "accepts", "honoured", "honored", "honour", "honor"})


def not_promised(sentence: Sentence, start: int, end: int | None = None) -> str:
    """Why the phrase at words ``start``..``end`` (exclusive; ``start`` alone when not given)
    promises nothing (see the module docstring), as words for the reviewer, or ''."""
    wish = wished_for(sentence, start, WISHING_OR_PREFERRING)
    if wish and not _offered(sentence, start):
        return f"in what someone else wishes for (“{wish}”)"
    question = asked_whether(sentence, start)
    if question:
        return f"in a question passed on (“{question}”)"
    words = sentence.normal.split()
    before = " ".join(words[max(0, start - 3):start])
    if ALTERNATIVE.find_in_words(before):
        return "as the alternative refused (“rather than”, “instead of”)"
    if _refused_later(sentence, start):
        return "in a wish the sentence goes on to refuse"
    if _would_have(sentence, start):
        return "in what would have happened (a past condition)"
    topic = topic_of(sentence, start, start + 1 if end is None else end)
    if topic:
        return f"as the topic of something else (“{topic}”)"
    return ""


def topic_of(sentence: Sentence, start: int, end: int) -> str:
    """The words that make the phrase at words ``start``..``end`` the topic of something else
    (see the module docstring), or ''."""
    words = sentence.normal_words
    if end > len(words):
        return ""
    clause_of = clauses(sentence)
    clause = [i for i, c in enumerate(clause_of) if c == clause_of[start]]
    if any(words[i] in GRANTED for i in clause if i >= end):
        return ""
    if end < len(words) and clause_of[end] == clause_of[start] and (
            words[end] in TOPICS or words[end] in RULE_NOUNS
            and not any(words[i] in SETTING_ASIDE for i in clause)):
        return f"{words[end - 1]} {words[end]}"
    before = [i for i in clause if start - 3 <= i < start]
    for index in reversed(before):
        word = words[index]
        if word in ABOUT and not (word == "about" and words[index + 1][:1].isdigit()):
            return f"{word} {words[start]}"  # not "about $240": an amount
        if word == "as" and index and words[index - 1] in COMPARING:
            return f"{words[index - 1]} as … {words[start]}"
        if word in ABOUT_AFTER_TOPIC and index and words[index - 1] not in SETTING_ASIDE and (
                words[index - 1] in TOPICS or words[index - 1] in DECIDING
                or words[index - 1] in RULE_NOUNS and not any(
                    words[i] in SETTING_ASIDE for i in clause)):
            return f"{words[index - 1]} {word} … {words[start]}"
    return ""


def wished_for(sentence: Sentence, start: int, verbs: frozenset[str] = WISHES,
               company_is_the_writer: bool = True) -> str:
    """The word of wishing (``verbs``) before word ``start`` of the sentence, in its clause,
    when the wish is someone else's (see the module docstring), or ''. With
    ``company_is_the_writer``, "our agent" wishes as the writer does; without, as someone
    else ("our sales lead prefers to keep $49")."""
    words = sentence.normal.split()
    if start >= len(words):
        return ""
    before = _clause_before(words, clauses(sentence), start)
    for position in range(len(before) - 1, -1, -1):
        if before[position] not in verbs:
            continue
        if position and (before[position - 1] in POSSESSIVES
                         or before[position - 1].endswith("'s")):
            return before[position]  # a noun: "your request for a full refund"
        if position and before[position].endswith("ing") and before[position - 1] in OPENERS:
            return before[position]  # "I understand wanting your money back": the reader's
        if before[position] in ORDERED and before[:position] in ([], ["please"]):
            return ""  # "expect the refund by Friday": the writer tells the reader what comes
        at = next((i for i in range(position - 1, -1, -1)
                   if _subject(before, i, company_is_the_writer)), -1)
        subject, between = (before[at], before[at + 1:position]) if at >= 0 else ("", [])
        if (subject in FIRST_PERSON or subject in PROMISING or PROMISING.intersection(between)
                or position and before[position - 1] in RELATIVES):
            return ""  # "you can expect a full refund"; "everyone who asks gets one"
        return before[position]
    return ""


def asked_whether(sentence: Sentence, start: int) -> str:
    """"asked ... whether" when the phrase at word ``start`` is in a clause of "whether" or
    "if" right after a verb of asking or finding out (``FINDING_OUT``), or ''."""
    words = sentence.normal.split()
    if start >= len(words):
        return ""
    clause_of = clauses(sentence)
    first = clause_of.index(clause_of[start])
    if words[first] not in {"whether", "if"} or not first:
        return ""
    asking = [w for w in words[max(0, first - 4):first] if w in FINDING_OUT]
    return f"{asking[-1]} … {words[first]}" if asking else ""


def _clause_before(words: list[str], clause_of: tuple[int, ...], start: int) -> list[str]:
    """The words before ``start`` in its clause, and in the clause before it when its clause
    asks "whether" or "if" ("you asked whether we could refund")."""
    first = clause_of.index(clause_of[start])
    if words[first] in {"whether", "if"} and first:
        first = clause_of.index(clause_of[first - 1])
    return words[first:start]


def _subject(words: list[str], index: int, company: bool = True) -> bool:
    """Whether ``words[index]`` may be the subject of a verb after it: one of ``SUBJECTS``
    ("you" not right after a verb: "call you and ask" asks as the caller), or, with
    ``company``, "our" (the company: "our agent will ask you")."""
    word = words[index]
    if word in COMPANY:
        return company
    if word not in SUBJECTS:
        return False
    return word != "you" or not index or words[index - 1] in OPENERS


def _refused_later(sentence: Sentence, start: int) -> bool:
    """A wish or an understanding of the writer's before the phrase in its sentence, and a
    later clause that refuses: it starts with "but", "however" ... or says sorry."""
    words = sentence.normal.split()
    clause_of = clauses(sentence)
    before = _clause_before(words, clause_of, start)
    wish = WOULD_LIKE.find([Sentence.of_words(before)]) if before else None
    if wish is None or PROMISING.intersection(before[wish.end:]):
        return False  # "I know you'll get your money back, but ..." still promises
    later = [i for i in range(start, len(words)) if clause_of[i] > clause_of[start]]
    return any(words[i] in REFUSING and clause_of[i] != clause_of[i - 1] for i in later) \
        or any(words[i] in SORRY for i in later)


def _would_have(sentence: Sentence, start: int) -> bool:
    """A past condition in the sentence ("if you'd bought it last month"; not "if you'd
    like"), and "would" or "could" before the phrase in its clause; or "could have", "would
    have" before it ("you could have had a full refund in the first month")."""
    words = sentence.normal.split()
    before = _clause_before(words, clauses(sentence), start)
    if any(word in WOULD and following in {"have", "of"}
           for word, following in zip(before, before[1:], strict=False)):
        return True
    condition = PAST_CONDITIONS.find([sentence])
    return (condition is not None and condition.end < len(words)
            and words[condition.end] not in PREFERRING
            and bool(WOULD.intersection(_clause_before(words, clauses(sentence), start))))


def _offered(sentence: Sentence, start: int) -> bool:
    """Whether the sentence asks the reader to accept what the writer offers: a question with
    "me to" or "us to" before the phrase ("would you like me to refund you in full?")."""
    asked_from = question_start(sentence)
    words = sentence.normal_words[asked_from:start]
    return start >= asked_from and any(
        word in {"me", "us"} and following == "to"
        for word, following in zip(words, words[1:], strict=False))
