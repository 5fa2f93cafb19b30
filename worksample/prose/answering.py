"""Whether a sentence that holds an answer's words answers, or only talks around the question.

A question's phrase found in a sentence does not answer it when the sentence:

- **restates what the customer asks or wants** (``unpromised.wished_for``, with "like"
  among the verbs): "I understand you'd like a refund for your annual plan", "you
  asked whether you should stop using Ledgerly";
- **promises to find out**: the phrase in a clause of "whether", "if", "what", "why",
  "where", "how" or "when" right after a verb of finding out or telling later (``FINDING``):
  "I'm looking into whether a refund is possible", "I'll check where your invoices are",
  "I'll let you know whether you should hold off"; or a look still to be taken right before
  it: "I'll look into your renewal settings", "I'm checking your backups";
- **says the writer does not know** (``UNSURE`` before the phrase in its sentence): "I'm not
  sure whether account credit is something we can offer", "I can't say whether this one
  will drop off";
- **points at a rule instead of saying it** (a rule noun and a verb of pointing, ``POINTING``):
  "our refund policy is explained on our website", "our policy explains how auto renewal
  works";
- **only names what the customer asked about** (``only_names``): every phrase of the
  question in the sentence stands in a topic named after an apology ("I apologise for the
  renewal and billing mix-up"), a noun of asking or trouble ("your question about the
  backups", "the problem with your renewal"), "regarding" or "concerning", or a verb of
  answering and its noun ("I'll address each point about the backups and the restore"). A
  topic runs to the end of its clause: what follows may be the answer ("Sorry for the
  scare, all safe in Trash"; "To answer your question: yes, keep using it"). A verb, a
  pronoun, a joining word or a word of verdict ("lack", "past") in the topic's clause says
  something of it ("sorry the refund is not possible", "sorry for the lack of a refund past
  30 days" answer), so nothing was only named.

Each is left to the reviewer, with the reason; the answer counts only from a sentence that
says it.
"""

from __future__ import annotations

from worksample.prose.commitment import RULE_NOUNS
from worksample.prose.matching import PhraseSet
from worksample.prose.negation import clauses
from worksample.prose.text import Sentence
from worksample.prose.unpromised import WISHES, wished_for

# what the customer asks or wants, restated: "you'd like a refund"; not "need" ("you don't
# need to stop using it" answers)
ASKING = WISHES | {"like", "liked", "wondering", "wondered"}
FINDING = frozenset({"check", "checking", "checked", "look", "looking", "see", "seeing",
                     "find", "finding", "investigate", "investigating", "confirm", "know",
                     "ask", "asked", "asking", "explore", "exploring", "work", "figure",
                     "review", "reviewing", "into", "out"})
QUESTION_WORDS = frozenset({"whether", "if", "what", "why", "where", "how", "when", "which"})
UNSURE = (("not", "sure"), ("unsure",), ("can't", "say"), ("cannot", "say"),
          ("don't", "know"), ("do", "not", "know"), ("not", "certain"), ("uncertain",),
          ("no", "idea"), ("not", "yet", "sure"), ("yet", "to", "confirm"))
UNSURE_WORDS = frozenset(phrase[0] for phrase in UNSURE)
POINTING = frozenset({"explains", "explained", "covers", "covered", "describes", "described",
                      "outlines", "outlined", "sets", "set", "details", "detailed"})
FINDING_REACH = 3  # words between the verb of finding out and the question word
QUESTION_REACH = 6  # words between the question word and the phrase
# a look still to be taken: "I'll look into", "I'm checking", "let me check"
WILL = frozenset({"i'll", "we'll", "i'm", "we're", "will", "let", "going"})
SMALL = frozenset({"your", "the", "a", "an", "my", "our", "for", "at", "on", "now", "up"})
# what opens a topic named: after an apology ("sorry about"), a noun of asking or trouble
# ("your question about"), on its own ("regarding"), or a verb of answering and its noun
APOLOGY = frozenset({"apologise", "apologize", "apologies", "apology", "apologising",
                     "apologizing", "sorry"})
ABOUT = frozenset({"for", "about", "over", "regarding", "concerning", "on", "with"})
ALONE = frozenset({"regarding", "concerning"})
TALKED_OF = frozenset({"question", "questions", "query", "queries", "enquiry", "enquiries",
                       "inquiry", "inquiries", "concern", "concerns", "email", "message",
                       "request", "issue", "issues", "problem", "problems", "trouble",
                       "confusion", "worry", "worries", "point", "points"})
ANSWERING = frozenset({"answer", "address", "cover", "tackle", "respond", "go", "handle"})
APOLOGY_REACH = 3  # words from the apology to "for" or "about": "sorry again for"
# a word that starts saying something, ending a topic: a verb that helps, a subject, a
# joining word, a denial
SAYING = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "am", "will", "would", "can", "could",
    "should", "shall", "may", "might", "must", "has", "have", "had", "do", "does", "did",
    "isn't", "aren't", "wasn't", "weren't", "won't", "can't", "cannot", "don't", "doesn't",
    "didn't", "it's", "that's", "there's", "that", "which", "who", "because", "so", "but",
    "if", "whether", "when", "where", "why", "how", "what", "while", "as", "since", "i",
    "you", "we", "it", "they", "he", "she", "i'm", "you're", "we're", "they're", "i'll",
    "you'll", "we'll", "it'll", "i've", "we've", "you've", "not", "no", "never", "to",
    # a verdict inside the topic: "sorry for the lack of a refund past 30 days"
    "lack", "past", "beyond", "without"})


def talks_around(sentence: Sentence, start: int) -> str:
    """Why the phrase at word ``start`` of the sentence answers nothing (see the module
    docstring), as words for the reviewer, or ''."""
    words = sentence.normal.split()
    tokens = sentence.tokens  # most sentences hold none of the words each reading needs
    if start >= len(words):
        return ""
    wish = wished_for(sentence, start, ASKING) if not ASKING.isdisjoint(tokens) else ""
    if wish:
        return f"a sentence that restates what the customer asks (“{wish}”)"
    finding = _finding_out(words, clauses(sentence), start) \
        if not FINDING.isdisjoint(tokens) else ""
    if finding:
        return f"a sentence that promises to find out (“{finding}”)"
    if not UNSURE_WORDS.isdisjoint(tokens):
        before = words[:start]
        unsure = next((phrase for phrase in UNSURE for i in range(len(before))
                       if tuple(before[i:i + len(phrase)]) == phrase), None)
        if unsure:
            return f"a sentence that says the writer does not know (“{' '.join(unsure)}”)"
    if not RULE_NOUNS.isdisjoint(tokens) and not POINTING.isdisjoint(tokens):
        return "a sentence that points at the policy instead of saying it"
    return ""


def only_names(sentence: Sentence, phrases: PhraseSet, match: tuple[int, int]) -> str:
    """Why a sentence where the question's ``phrases`` match (at ``match``, first word and word
    after the last, when they are found only as read with corrections) only names what the
    customer asked about (see the module docstring), as words for the reviewer; '' when one
    of the phrases stands outside every topic named."""
    words = sentence.normal_words
    tokens = sentence.tokens
    if APOLOGY.isdisjoint(tokens) and TALKED_OF.isdisjoint(tokens) and ALONE.isdisjoint(tokens):
        return ""
    spans = phrases.spans(sentence.normal) or [match]
    topics = _Topics(words, clauses(sentence))
    first_named: dict[int, int] = {}  # the end of a topic named -> its earliest first word
    opener = ""
    for at in range(len(words)):
        if _opens_topic(words, at) and (topic := topics.after(at)):
            first_named.setdefault(topic.stop, topic.start)
            opener = opener or " ".join(words[max(0, at - 2):at + 1])
    named = {n for stop, start in first_named.items() for n in range(start, stop)}
    if all(start in named for start, _ in spans):
        return f"a sentence that only names what the customer asked about (“{opener} …”)"
    return ""


def _opens_topic(words: tuple[str, ...], at: int) -> bool:
    """Whether a topic named starts after word ``at``: "regarding", "sorry (again) for", "your
    question about", "answer each question"."""
    word = words[at]
    if word in ALONE:
        return True
    if word in ABOUT and not APOLOGY.isdisjoint(words[max(0, at - APOLOGY_REACH):at]):
        return True
    if word in ABOUT and word != "for" and at and words[at - 1] in TALKED_OF:
        return True
    return word in TALKED_OF and not ANSWERING.isdisjoint(words[max(0, at - 3):at])


class _Topics:
    """Where the topic opened after each word of a sentence would end, read once backwards:
    a sentence may open thousands ("regarding regarding ...")."""

    def __init__(self, words: tuple[str, ...], clause_of: tuple[int, ...]):
        count = len(words)
        self._run_end = [count] * count  # where the run of each word's clause ends
        self._next_saying = [count] * (count + 1)  # the first word saying something from it
        for index in range(count - 1, -1, -1):
            same = index + 1 < count and clause_of[index + 1] == clause_of[index]
            self._run_end[index] = self._run_end[index + 1] if same else index + 1
            self._next_saying[index] = index if words[index] in SAYING \
                else self._next_saying[index + 1]

    def after(self, at: int) -> range:
        """The words of the topic opened after word ``at``: the rest of its clause; none when
        a word that says something (``SAYING``) follows the topic there. What comes after
        the clause, however short ("Regarding your renewal: turned off"; "To answer your
        question: yes, keep using it"), may be the answer."""
        start, stop = at + 1, self._run_end[at]
        return range(start, stop) if self._next_saying[start] >= stop else range(0)


def _finding_out(words: list[str], clause_of: tuple[int, ...], start: int) -> str:
    """"looking into … whether" when a question word stands shortly before the phrase at
    ``start``, right after a verb of finding out; or "I'll look into" when such a verb, in
    the future or under way, stands right before the phrase ("I'll look into your renewal
    settings", "I'm checking your backups"); or ''."""
    question = next((i for i in range(start, max(-1, start - QUESTION_REACH - 1), -1)
                     if words[i] in QUESTION_WORDS), None)
    if question is None:
        between = [i for i in range(max(0, start - 4), start) if words[i] not in SMALL]
        if between and words[between[-1]] in FINDING and clause_of[between[-1]] == clause_of[
                start] and WILL.intersection(words[max(0, between[0] - 3):between[-1]]):
            return f"{words[between[-1]]} …"
        return ""
    verbs = [w for w in words[max(0, question - FINDING_REACH - 1):question] if w in FINDING]
    return f"{verbs[-1]} … {words[question]}" if verbs else ""
