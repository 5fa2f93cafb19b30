"""Options an analysis names by labels of its own: "Option A: keep $49 for everyone ... Option
C adds a Solo plan at $39 ...", then "I recommend Option C".

A label is "option", "alternative" or "scenario" followed by a letter (a to f), a digit (1 to
6) or a number word (one to six). It stands for an option of the case when the analysis
defines it: the first sentence in which the words after the label, up to the next label or
the sentence's end, name exactly one option by its phrases ("Option A: keep $49 for
everyone", "Option B (going back to $39)"; an option that combines others stands for them).
A verb right after the label is read in its base form ("Option A keeps Pro at $49": see
``worksample.prose.cue_verbs``). The first definition stands; a label never defined in words
stands for no option.
"""

from __future__ import annotations

from dataclasses import dataclass

from worksample.prose.cue_verbs import CueVerbs
from worksample.prose.matching import PhraseSet
from worksample.prose.text import Sentence

from .config import Recommendation

KINDS = ("option", "alternative", "scenario")
NAMES = ("a", "b", "c", "d", "e", "f", "1", "2", "3", "4", "5", "6", "one", "two", "three",
         "four", "five", "six")
LABELS = tuple(f"{kind} {name}" for kind in KINDS for name in NAMES)
# what a verb after a label may end in: "Option A keeps", "Option B, going back to $39"
LABEL_VERB_ENDINGS = ("ing", "es", "s")


def label_verbs(recommendation: Recommendation) -> CueVerbs:
    """The reading of the verb right after a label, made once per assignment."""
    return CueVerbs(PhraseSet(LABELS), [p for o in recommendation.options for p in o.says],
                    endings=LABEL_VERB_ENDINGS)


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
                  options: dict[str, PhraseSet], verbs: CueVerbs) -> OptionLabels:
    """The labels ``sentences`` define for the options (see the module docstring)."""
    stands_for: dict[str, str] = {}
    defined_in: dict[str, Sentence] = {}
    for sentence in sentences:
        spans = verbs.cues.spans(sentence.normal)
        if not spans:
            continue
        words = sentence.normal.split()
        ends = [start for start, _ in spans[1:]] + [len(words)]
        for (start, end), following in zip(spans, ends, strict=True):
            label = " ".join(words[start:end])
            if label in stands_for:
                continue
            option = _named(words[start:following], recommendation, options, verbs)
            if option is not None:
                stands_for[label], defined_in[label] = option, sentence
    labels: dict[str, list[str]] = {}
    for label, option in stands_for.items():
        labels.setdefault(option, []).append(label)
    return OptionLabels(labels, defined_in)


def _named(words: list[str], recommendation: Recommendation, options: dict[str, PhraseSet],
           verbs: CueVerbs) -> str | None:
    """The one option the words of a label and what follows it name, or None."""
    text, _ = verbs.corrected(Sentence.of_words(words))
    named = [o.id for o in recommendation.options if options[o.id].find_in_words(text)]
    combined = {other for o in recommendation.options if o.id in named for other in o.combines}
    named = [option for option in named if option not in combined]
    return named[0] if len(named) == 1 else None
