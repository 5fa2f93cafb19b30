"""The longest single token each highlighted language's lexer takes on text a candidate can
write (issue 27): 46 openings (a quote, a comment's start, a sigil ...), each before 15 runs
of blanks, spaces, tabs, blank lines or repeats. A check of the clock between tokens cannot
stop one slow token (``reports/work.py``'s ``HIGHLIGHTED_LANGUAGES`` says why), so a language
is highlighted only when none of its tokens here is slow. Lines longer than the pages' cut
(``MAX_LINE_CHARS``) never reach a lexer, so no run here is longer than that on one line.

    .venv/bin/python benchmarks/scan_lexers.py               # the highlighted languages
    .venv/bin/python benchmarks/scan_lexers.py c cpp maple   # any others, by alias
"""

from __future__ import annotations

import argparse
import time

from pygments.lexers import get_lexer_by_name

from worksample.reports.work import HIGHLIGHTED_LANGUAGES, MAX_LINE_CHARS

OPENINGS = ['"', "'", "`", "/*", "(*", "{-", "<!--", "#|", "[[", 'r"', '"""', '@"', '$"', "%{",
            "<", "{", "(", "[", "#", ";", "--", "//", "%", "!", "\\", "q{", "<<", "=", ":",
            "$", "@", "&", "x", "0x", "1", ".", "|", "/", "${", "`${", "f'", 'b"', "<?",
            "---\n", "+++ ", "@@ "]
RUNS = {"words": "a " * 40, "80 spaces": " " * 80, "spaces and tabs": " \t" * 40,
        "escapes": "\\ " * 40, "short lines": "a\n" * 40, "letters": "ab" * 40,
        "digits": "1 " * 40, "quotes": '" ' * 40, "dots": ". " * 40, "80 x": "x" * 80,
        "blank lines": "\n" * 20_000, "lines of x": "\nx" * 10_000,
        "lines of a space": " \n" * 10_000, "a line of tabs": "\t" * MAX_LINE_CHARS,
        "a line of spaces": " " * MAX_LINE_CHARS}
GIVE_UP_SECONDS = 1.0  # on one text: only single tokens matter here


def longest_token(alias: str) -> tuple[float, str]:
    """The longest time one token of ``alias``'s lexer took, and on which text."""
    lexer = get_lexer_by_name(alias, stripnl=False, stripall=False, ensurenl=True)
    worst = (0.0, "")
    for opening in OPENINGS:
        for name, run in RUNS.items():
            started = last = time.monotonic()
            for _ in lexer.get_tokens(opening + run):
                now = time.monotonic()
                worst = max(worst, (now - last, f"{opening!r} then {name}"))
                last = now
                if now - started > GIVE_UP_SECONDS:
                    break
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aliases", nargs="*", default=sorted(HIGHLIGHTED_LANGUAGES))
    for alias in parser.parse_args().aliases:
        seconds, text = longest_token(alias)
        print(f"{alias:18} longest token {seconds * 1000:7.1f} ms  ({text})", flush=True)


if __name__ == "__main__":
    main()
