"""Code-quality signals for the reviewer criteria: evidence beside a criterion, never a score.

An assignment names, in ``coding.quality`` (``spec.py``), the signals each reviewer criterion
shows. For each coding submission, while its hidden tests run:

- on the host, in one of the grader's limited worker processes, tools that parse and never
  execute (``static.py``): lint findings (ruff, Python), function length and cyclomatic
  complexity (lizard, every language worksample grades);
- in the sandbox, in a container of its own under the task's limits, the candidate's own tests
  with their line coverage (``own_tests.py``; Python).

The result is a list of ``QualitySignal`` in the result's ``details["quality"]``, each in plain
words (``words.py``). A signal that could not be measured says why; it never fails the
grading of the submission.
"""
