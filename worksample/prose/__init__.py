"""Building blocks for plugins that grade written work: sentences, phrase matching, numbers,
the visible text of HTML and Markdown, and the steps from an assignment and a text to a grade.

- ``text``: sentences; ``markup``: what a reader sees of HTML, Markdown and mail;
  ``hidden``: what a reader would not see, and the flag that reports it;
- ``matching``: phrase lists with negation and typos; ``measures``: numbers, reading grade;
- ``own_text``: which sentences are the candidate's own, and a text that says nothing;
- ``evidence``: findings with quoted sentences; ``scoring``: findings into each criterion's
  outcome and the checks;
- ``rubric``: pieces of a section model; ``cache``: what is built from an assignment, once
  per version.

The email and case-analysis plugins use them; a third-party plugin may too. Importing this
package is cheap; its modules load rapidfuzz, pyphen or the spelling dictionary only when
imported, so ``worksample --help`` never pays for them.
"""
