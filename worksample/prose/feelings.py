"""Words of feeling or strain: what acknowledging a customer's situation names ("that must
have been stressful"), and what makes "you must have been ..." sympathy, not blame."""

from __future__ import annotations

FEELINGS = frozenset({
    "stress", "stressful", "stressed", "frustrating", "frustrated", "frustration",
    "worry", "worrying", "worried", "worries", "upsetting", "upset", "annoying", "annoyed",
    "confusing", "confused", "confusion", "alarming", "alarmed", "scary", "scared",
    "frightening", "frightened", "panic", "panicking", "disappointing", "disappointed",
    "disappointment", "inconvenient", "inconvenience", "anxious", "anxiety", "distressing",
    "unsettling", "nerve", "nerves", "hassle", "shock", "shocked", "unpleasant", "awful",
    "horrible", "terrible", "rotten", "nervous", "unnerving", "rattled", "rattling", "nuisance",
    "worst", "rough", "painful", "nightmare", "gutting", "infuriating", "maddening",
    "exasperating", "sinking", "dread", "tense", "overwhelming", "overwhelmed", "unfair",
    "disheartening", "difficult", "tough"})
