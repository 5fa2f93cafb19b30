"""The forms English inflection gives a word a phrase writes, so that "keep ... 49" also
matches "keeping Pro at $49" and "hold the price" "holds the price".

A word written as a base form (letters only, at least three, not ending in -s or -ed)
also matches its regular inflections: -s or -es ("-y" after a consonant: "-ies"), -ed or -d
("-ied"), -ing (a final "e" dropped: "restoring"; "-ie" as "-ying"), and for a word ending
in one vowel and one consonant also with that consonant doubled ("stopped", "planning"),
plus the past forms of a common irregular verb ("keep": "kept"; "fall": "fell", "fallen").
A word written as an irregular past form matches its other past form ("fell" and "fallen"),
never the base: a phrase's tense is its author's choice. Other inflected forms, small
function words and numbers match only as written.

The rules may give a form no one writes ("cutted"); it never matches anything, and a real
word is only ever read as an inflection of itself. Why rules and not a library: lemminflect,
the maintained English inflection library, imports numpy at start (its model for unknown
words), about 17 MB for a default install that stays light; a lemmatiser's dictionary
(simplemma) gave word families no one writes (benchmarks/README.md, issue 20).
"""

from __future__ import annotations

from functools import lru_cache

from worksample.prose.measures import is_function_word

VOWELS = frozenset("aeiou")
SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh", "o")
MIN_LENGTH = 3  # "go", "be", "do" are function words or irregular; shorter words are kept

# base: (past, past participle); one form when they are the same
IRREGULAR_VERBS: dict[str, tuple[str, ...]] = {
    "become": ("became",), "begin": ("began", "begun"), "bend": ("bent",),
    "break": ("broke", "broken"), "bring": ("brought",), "build": ("built",),
    "buy": ("bought",), "catch": ("caught",), "choose": ("chose", "chosen"),
    "come": ("came",), "cost": (), "cut": (), "deal": ("dealt",), "draw": ("drew", "drawn"),
    "drive": ("drove", "driven"), "fall": ("fell", "fallen"), "feel": ("felt",),
    "fight": ("fought",), "find": ("found",), "forget": ("forgot", "forgotten"),
    "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"), "give": ("gave", "given"), "go": ("went", "gone"),
    "grow": ("grew", "grown"),
    "hear": ("heard",), "hide": ("hid", "hidden"), "hold": ("held",), "keep": ("kept",),
    "know": ("knew", "known"), "lead": ("led",), "leave": ("left",), "lend": ("lent",),
    "let": (), "lose": ("lost",), "make": ("made",), "mean": ("meant",), "meet": ("met",),
    "mislead": ("misled",), "mistake": ("mistook", "mistaken"), "overpay": ("overpaid",),
    "pay": ("paid",), "put": (), "quit": (), "read": (), "rebuild": ("rebuilt",),
    "resend": ("resent",), "rise": ("rose", "risen"), "run": ("ran",), "say": ("said",),
    "see": ("saw", "seen"), "seek": ("sought",), "sell": ("sold",), "send": ("sent",),
    "set": (), "show": ("shown",), "shut": (), "speak": ("spoke", "spoken"),
    "spend": ("spent",), "split": (), "spread": (), "stand": ("stood",),
    "steal": ("stole", "stolen"), "take": ("took", "taken"), "teach": ("taught",),
    "tell": ("told",), "think": ("thought",), "throw": ("threw", "thrown"),
    "understand": ("understood",), "undo": ("undid", "undone"), "upset": (),
    "wear": ("wore", "worn"), "win": ("won",), "withdraw": ("withdrew", "withdrawn"),
    "withhold": ("withheld",), "write": ("wrote", "written"),
}
_PAST_FORMS = {past: pasts for pasts in IRREGULAR_VERBS.values() for past in pasts}


@lru_cache(maxsize=16384)
def forms(word: str) -> frozenset[str]:
    """``word`` (lower case, as a phrase writes it) and the forms a sentence may inflect it
    to (see the module docstring); ``{word}`` alone when it is not a base form."""
    if word in _PAST_FORMS:
        return frozenset((word, *_PAST_FORMS[word]))
    if word in IRREGULAR_VERBS:
        return frozenset((word, _third_person(word), *IRREGULAR_VERBS[word],
                          *_past_and_gerund(word)[1]))
    if not _a_word(word) or word.endswith(("s", "ed")) and not word.endswith(("ss", "eed")):
        return frozenset((word,))  # a number, "mrr", "the", or inflected as written
    if word.endswith("ing"):  # a gerund, or a noun: "settings"
        return frozenset((word, word + "s"))
    pasts, gerunds = _past_and_gerund(word)
    return frozenset((word, _third_person(word), *pasts, *gerunds))


def _a_word(word: str) -> bool:
    """Whether ``word`` is a word inflection may change: letters with a vowel ("mrr" is an
    abbreviation), at least ``MIN_LENGTH``, not a small function word."""
    return (word.isascii() and word.isalpha() and len(word) >= MIN_LENGTH
            and not VOWELS.isdisjoint(word) and not is_function_word(word))


def _third_person(word: str) -> str:
    """"keeps", "fixes", "replies"."""
    if word.endswith(SIBILANT_ENDINGS):
        return word + "es"
    if word.endswith("y") and word[-2] not in VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def _past_and_gerund(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The regular past ("restored", "replied") and gerund ("restoring", "replying"); for a
    word ending in one vowel and one consonant, both with the consonant doubled too
    ("stopped", "stopping", and "stoped": whether English doubles it depends on the stress,
    which spelling does not show)."""
    if word.endswith("ie"):
        return (word + "d",), (word[:-2] + "ying",)
    if word.endswith(("ee", "ye", "oe")):
        return (word + "d",), (word + "ing",)
    if word.endswith("e"):
        return (word + "d",), (word[:-1] + "ing",)
    if word.endswith("y") and word[-2] not in VOWELS:
        return (word[:-1] + "ied",), (word + "ing",)
    last, before, earlier = word[-1], word[-2], word[-3:-2]
    if last not in VOWELS and last not in "wxy" and before in VOWELS \
            and earlier not in VOWELS:  # "" before "go": "go" ends in a vowel anyway
        return (word + "ed", word + last + "ed"), (word + "ing", word + last + "ing")
    return (word + "ed",), (word + "ing",)
