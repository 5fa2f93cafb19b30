"""Options an analysis names by labels of its own: "Option A: keep $49 for everyone ... Option
C adds a Solo plan at $39 ...", then "I recommend Option C".

A label is "option" or "alternative" followed by a letter (a to f), a digit (1 to 6) or a
number word (one to six); not "scenario", which forecasts. It stands for an option of the
case when the analysis defines it: a sentence in which the words after the label, up to the
next label or the sentence's end, name exactly one option by its phrases ("Option A: keep
$49 for everyone", "Option B (going back to $39)"; an option that combines others stands for
them, unless the words set options side by side: "Option A is to keep $49, go back to $39 or
add a solo plan" defines nothing), with no negation among them ("Option D is to not keep
$49" defines nothing). A verb right after the label is read in its base form ("Option A
keeps Pro at $49": see ``worksample.prose.cue_verbs``). A label defined as two different
options (the later not a part of the first) stands for neither, nor does a label never
defined in words. A label counts only where a sentence recommends with a cue and sets no
options side by side ("I recommend Option C"; not "Option C is the obvious talking point"
nor "I recommend Option A, B or C").
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.prose.cue_verbs import CueVerbs
from worksample.prose.matching import PhraseSet
from worksample.prose.negation import is_cue
from worksample.prose.text import Sentence

from .config import Recommendation

# words that set options side by side: "Option A is to keep $49, go back to $39 or ..."
SIDE_BY_SIDE = frozenset({"or", "versus", "vs", "between", "either", "whichever", "whether"})
KINDS = ("option", "alternative")  # not "scenario": a forecast, not a course to take
NAMES = ("a", "b", "c", "d", "e", "f", "1", "2", "3", "4", "5", "6", "one", "two", "three",
         "four", "five", "six")
LABELS = tuple(f"{kind} {name}" for kind in KINDS for name in NAMES)
# what a verb after a label may end in: "Option A keeps", "Option B, going back to $39"
LABEL_VERB_ENDINGS = ("ing", "es", "s")


def label_verbs(option_phrases: list[str]) -> CueVerbs:
    """The reading of the verb right after a label, for the options' phrases, made once per
    assignment."""
    return CueVerbs(PhraseSet(LABELS), option_phrases, endings=LABEL_VERB_ENDINGS)


@dataclass(frozen=True)
class OptionLabels:
    """The labels an analysis defines, by the option each stands for, and where."""

    labels: dict[str, list[str]]  # option id -> its labels ("option c")
    defined_in: dict[str, Sentence]  # label -> the sentence that defines it

    def phrases(self, option_id: str, says: list[str]) -> PhraseSet | None:
        """The option's phrases with its labels, or None when it has no label."""
        labels = self.labels.get(option_id)
        return PhraseSet([*says, *labels]) if labels else None

    def naming(self, option_id: str, sentence: Sentence) -> str:
        """The first of the option's labels that ``sentence`` holds, or ''."""
        words = f" {sentence.normal} "
        return next((label for label in self.labels.get(option_id, ())
                     if f" {label} " in words), "")


def option_labels(sentences: list[Sentence], recommendation: Recommendation,
                  options: dict[str, PhraseSet], verbs: CueVerbs,
                  negation: PhraseSet) -> OptionLabels:
    """The labels ``sentences`` define for the options (see the module docstring)."""
    combines = {o.id: set(o.combines) for o in recommendation.options}
    stands_for: dict[str, str | None] = {}
    defined_in: dict[str, Sentence] = {}
    for sentence in sentences:
        spans = verbs.cues.spans(sentence.normal)
        if not spans:
            continue
        words = sentence.normal.split()
        ends = [start for start, _ in spans[1:]] + [len(words)]
        for (start, end), following in zip(spans, ends, strict=True):
            # the label as the list writes it: a match may hold small words between its two
            # ("option the C"), and a label is looked up and shown as "option c"
            label = f"{words[start]} {words[end - 1]}"
            option = _named(words[start:following], recommendation, options, verbs, negation)
            before = stands_for.get(label, option)
            if option is None or before is None:
                continue
            if before != option and option not in combines[before]:
                stands_for[label] = None  # defined as two courses: it stands for neither
                continue
            # a later sentence may name a part of it: "Option C keeps teams at $49"
            stands_for[label] = before
            defined_in.setdefault(label, sentence)
    labels: dict[str, list[str]] = {}
    for label, option in stands_for.items():
        if option is not None:
            labels.setdefault(option, []).append(label)
    return OptionLabels(labels, {k: defined_in[k] for k, o in stands_for.items() if o})


def _named(words: list[str], recommendation: Recommendation, options: dict[str, PhraseSet],
           verbs: CueVerbs, negation: PhraseSet) -> str | None:
    """The one option the words of a label and what follows it name, or None (none, several
    side by side, or a negation among them)."""
    if any(is_cue(word, negation.holds_word) for word in words):
        return None
    text, _ = verbs.corrected(Sentence.of_words(words))
    named = [o.id for o in recommendation.options if options[o.id].find_in_words(text)]
    if not SIDE_BY_SIDE.isdisjoint(words):
        return named[0] if len(named) == 1 else None
    combined = {other for o in recommendation.options if o.id in named for other in o.combines}
    named = [option for option in named if option not in combined]
    return named[0] if len(named) == 1 else None
