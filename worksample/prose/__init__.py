"""Building blocks for plugins that grade written work: sentences, phrase matching, numbers,
and the visible text of HTML and Markdown.

The email and case-analysis plugins use them; a third-party plugin may too. Importing this
package is cheap; its modules load rapidfuzz, pyphen or the spelling dictionary only when
imported, so ``worksample --help`` never pays for them.
"""
