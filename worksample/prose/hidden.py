"""Words of a candidate's text that a reader would not see (``Visible.hidden``: hidden by
markup, or only in a message's plain-text part). They are never graded; when there are enough
of them to be an attempt to score, the reviewer is shown them in an integrity flag.
"""

from __future__ import annotations

from dataclasses import replace

from worksample.models import IntegrityFlag
from worksample.prose.markup import HIDDEN_MIN_WORDS, Visible
from worksample.safe_text import cut

HIDDEN_SHOWN_WORDS = 25
HIDDEN_SHOWN_CHARS = 300


def without_stray_hidden(visible: Visible) -> Visible:
    """``visible``, its hidden words dropped when there are fewer than ``HIDDEN_MIN_WORDS``:
    a stray hidden label is noise, not an attempt to score."""
    if len(visible.hidden.split()) >= HIDDEN_MIN_WORDS:
        return visible
    return replace(visible, hidden="", hidden_by="")


def hidden_text_flag(where: str, hidden: str, hidden_by: str,
                     unseen_by: str = "a reader") -> IntegrityFlag:
    """The flag for words in ``where`` (a file, a reply) that ``unseen_by`` would not see:
    how many, how they were hidden, and the first ``HIDDEN_SHOWN_WORDS`` of them (at most
    ``HIDDEN_SHOWN_CHARS`` characters)."""
    words = hidden.split()
    shown = " ".join(words[:HIDDEN_SHOWN_WORDS])
    if len(shown) > HIDDEN_SHOWN_CHARS:  # a "word" can be megabytes long
        shown = cut(shown, HIDDEN_SHOWN_CHARS)
    elif len(words) > HIDDEN_SHOWN_WORDS:
        shown += " …"
    return IntegrityFlag(kind="hidden-text", evidence=(
        f"{where}: {len(words)} words {unseen_by} would not see ({hidden_by}); "
        f"not graded: “{shown}”"))
