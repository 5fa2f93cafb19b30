"""The similarity measure (issue 25, copied and leaked work), unit by unit: the fingerprints
see through what a copier changes (copy_attacks.py, each attack keeping the code valid),
independent solutions of the same task with the same starter are not matched, and what is
measured is the share of the smaller piece of work, so padding does not dilute it.

The commands, the store and the reports: test_similarity_cli.py."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import copy_attacks as attack
import pytest
from conftest_paths import ROOT

from worksample import assignments
from worksample.similarity import compare, fingerprints, sources
from worksample.similarity.compare import Document
from worksample.similarity.fragments import Side, fragments
from worksample.similarity.tokens import CODE, PROSE, file_tokens
from worksample.work import KeptWork, WorkFile, kept_work

THRESHOLD = 0.5  # AssignmentSpec.similarity_threshold's default
NOTHING_SHARED = compare.Shared()
# a sample of each language worksample grades, and the assignment it answers
SAMPLES = {"python": ("inventory-reservations", "inventory.py"),
           "python-ledger": ("expense-ledger", "ledger.py"),
           "javascript": ("csv-reader", "csv.js"),
           "typescript": ("url-router", "router.ts"),
           "go": ("api-rate-limiter", "ratelimit.go")}


def language_of(sample: str) -> str:
    return sample.split("-")[0]


@pytest.fixture(scope="module")
def loaded():
    from worksample.plugins import load_registry

    registry = load_registry()
    return lambda name: assignments.load(ROOT / "assignments" / name, registry)


def document(files: dict[str, str], name: str = "x") -> Document:
    tokens = [t for path, text in files.items() if (t := file_tokens(path, text)) is not None]
    return Document("submission", name, name, fingerprints.of_files(tokens))


def measured(first: dict[str, str], second: dict[str, str],
             shared: compare.Shared = NOTHING_SHARED) -> compare.Pair | None:
    """The pair of two pieces of work, whatever its share (None: nothing in common)."""
    found = compare.pairs([document(first, "a"), document(second, "b")], shared, 0.0)
    return found[0] if found else None


def share(first: dict[str, str], second: dict[str, str],
          shared: compare.Shared = NOTHING_SHARED) -> float:
    pair = measured(first, second, shared)
    return 0.0 if pair is None else pair.share


def strong(sample: str) -> dict[str, str]:
    name, _ = SAMPLES[sample]
    folder = ROOT / "examples" / name / "strong"
    # the code files (not NOTES.md, nor the git history some samples carry)
    return {p.name: p.read_text() for p in folder.iterdir() if p.suffix not in (".md", ".bundle")}


def still_valid(language: str, source: str, tmp_path: Path) -> None:
    """The attacked code still parses: the copier's change keeps the work runnable."""
    if language == "python":
        compile(source, "attacked.py", "exec")
        return
    tools = {"javascript": ["node", "--check"], "go": ["gofmt", "-e"]}
    if language not in tools or shutil.which(tools[language][0]) is None:
        return  # no tool here to check it with (TypeScript never: no tsc on the host)
    path = tmp_path / f"attacked.{'js' if language == 'javascript' else 'go'}"
    path.write_text(source)
    done = subprocess.run([*tools[language], str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[:2000]


ATTACKS = {
    "identifiers renamed": lambda source, language: attack.renamed(source, language),
    "functions reordered": lambda source, language: attack.reordered(source, language),
    "comments rewritten": lambda source, language: attack.comments_changed(source, language),
    "string literals changed": lambda source, language: attack.strings_changed(source),
    "white space changed": lambda source, language: attack.respaced(source),
    "look-alike letters and zero-width joiners in names":
        lambda source, language: attack.homoglyphs(source, language),
    "junk after every statement": lambda source, language: attack.with_junk(source, language),
    "junk after every second statement":
        lambda source, language: attack.with_junk(source, language, every=2),
}


@pytest.mark.parametrize("attack_name", ATTACKS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_a_copy_is_found_whatever_the_copier_changed(sample, attack_name, loaded, tmp_path):
    name, main = SAMPLES[sample]
    language = language_of(sample)
    original = strong(sample)
    changed = ATTACKS[attack_name](original[main], language)
    assert changed != original[main]
    still_valid(language, changed, tmp_path)
    shared = sources.shared_material(loaded(name))
    assert share(original, {**original, main: changed}, shared) >= 0.85


@pytest.mark.parametrize("sample", SAMPLES)
def test_a_copy_changed_every_way_at_once_is_still_found(sample, loaded, tmp_path):
    name, main = SAMPLES[sample]
    language = language_of(sample)
    original = strong(sample)
    source = original[main]
    for step in ("string literals changed", "functions reordered", "comments rewritten",
                 "identifiers renamed", "junk after every statement"):
        source = ATTACKS[step](source, language)
    still_valid(language, source, tmp_path)
    pair = measured(original, {**original, main: source}, sources.shared_material(loaded(name)))
    assert pair.share >= 0.75
    # the runs of tokens were broken by the junk; the lines, read with others between, were not
    assert pair.runs < pair.lines


def test_a_copy_whose_functions_were_split_in_two_is_found(loaded):
    original = strong("python")
    split = original["inventory.py"].replace(
        '''    def reserve(self, order_id: str, items: dict[str, int], now: float) -> None:
        self._sweep(now)
        if not items or any(type(q) is not int or q <= 0 for q in items.values()):
            raise ValueError("every line needs a positive whole quantity")
        current = self.holds.get(order_id)''',
        '''    def _checked(self, items, now):
        self._sweep(now)
        if not items or any(type(q) is not int or q <= 0 for q in items.values()):
            raise ValueError("every line needs a positive whole quantity")

    def reserve(self, order_id: str, items: dict[str, int], now: float) -> None:
        self._checked(items, now)
        current = self.holds.get(order_id)''')
    assert split != original["inventory.py"]
    compile(split, "split.py", "exec")
    shared = sources.shared_material(loaded("inventory-reservations"))
    assert share(original, {"inventory.py": split}, shared) >= 0.9


def test_a_copy_spread_over_several_files_is_found(loaded):
    original = strong("go")["ratelimit.go"]
    middle = original.index("\n// Limiter is")
    spread = {"ratelimit.go": original[:middle] + "\n",
              "limiter.go": "package ratelimit\n\nimport (\n\t\"fmt\"\n\t\"sort\"\n\t\"time\"\n)\n"
                            + original[middle:]}
    shared = sources.shared_material(loaded("api-rate-limiter"))
    assert share({"ratelimit.go": original}, spread, shared) >= 0.95


@pytest.mark.parametrize("sample", SAMPLES)
def test_padding_a_copy_with_a_large_file_of_ones_own_does_not_dilute_it(sample, loaded):
    """The share is that of the piece of work found more in the other: the copied one, here,
    however much the copier added."""
    name, main = SAMPLES[sample]
    language = language_of(sample)
    original = strong(sample)
    suffix = main.rsplit(".", 1)[1]
    padded = {**original, f"aaa_padding.{suffix}": attack.padding(language, lines=4000)}
    pair = measured(original, padded, sources.shared_material(loaded(name)))
    assert pair.share >= 0.95
    assert len(document(padded).fingerprints.kgrams) > 10 * len(
        document(original).fingerprints.kgrams)


def test_a_large_file_sent_first_does_not_crowd_the_work_out_of_the_store(tmp_path):
    """The store keeps 2 MB of a submission's text, and the measure reads what it keeps: the
    budget goes to the smallest files first, so a padding file named to sort first cannot
    push the copied code out."""
    folder = tmp_path / "padded"
    folder.mkdir()
    (folder / "aaaa.py").write_text("x = 1\n" * 600_000)  # 3.6 MB
    for number in range(9):
        (folder / f"aaab{number}.txt").write_text("filler line\n" * 21_000)  # 250 KB each
    (folder / "inventory.py").write_text(strong("python")["inventory.py"])
    work = kept_work(folder)
    kept = {f.path: f for f in work.files}
    assert kept["inventory.py"].kind == "text" and not kept["inventory.py"].more_bytes
    assert kept["aaaa.py"].kind == "not-kept" or kept["aaaa.py"].more_bytes
    assert [f.path for f in work.files] == sorted(kept)  # still listed by path
    original = document(strong("python"))
    assert compare.pairs([original, Document("submission", "padded", "p",
                                             fingerprints.of_work(work))],
                         compare.Shared(), 0.0)[0].share >= 0.95


# --- independent work is not matched ---------------------------------------------------------

# The samples that were made from one another (a hanging or broken variant of a good one, or
# of the reference): the only pairs of the sample solutions at or above the threshold.
DERIVED = {
    "inventory-reservations": [{"hangs", "strong"}],
    "expense-ledger": [],
    "url-router": [{"hangs", "reference"}, {"broken", "partial"}],
    "api-rate-limiter": [{"broken", "hangs"}, {"broken", "strong"}, {"hangs", "strong"}],
    "csv-reader": [{"hangs", "reference"}],
}


@pytest.mark.parametrize("name", DERIVED)
def test_independent_solutions_with_the_same_starter_are_not_matched(name, loaded):
    """Every sample solution and the reference of an assignment compared with every other:
    only the samples made from one another are found, every other pair shares less than a
    third (at most 0.37 measured)."""
    assignment = loaded(name)
    documents = [Document("reference", "reference", "",
                          sources.reference_fingerprints(assignment))]
    for folder in sorted((ROOT / "examples" / name).iterdir()):
        documents.append(Document("submission", folder.name, folder.name,
                                  fingerprints.of_work(kept_work(folder))))
    shared = sources.shared_material(assignment)
    found = compare.pairs(documents, shared, 0.0)
    above = [{documents[p.first].name, documents[p.second].name} for p in found
             if p.share >= THRESHOLD]
    assert sorted(map(sorted, above)) == sorted(map(sorted, DERIVED[name]))
    assert all(p.share < 0.4 for p in found if {documents[p.first].name,
                                                 documents[p.second].name} not in above)


def test_two_candidates_who_sent_the_starter_back_are_not_matched(loaded):
    assignment = loaded("inventory-reservations")
    starter = (assignment.root / "starter" / "inventory.py").read_text()
    lightly = starter.replace("raise NotImplementedError", "return None", 1)
    assert measured({"inventory.py": starter}, {"inventory.py": lightly},
                    sources.shared_material(assignment)) is None


# --- prose ---------------------------------------------------------------------------------

def pool_reply(name: str) -> dict[str, str]:
    folder = ROOT / "examples" / "support-replies-pool" / name
    return {p.name: p.read_text() for p in folder.iterdir()}


def test_independent_replies_to_the_same_emails_are_not_matched(loaded):
    """The pool's replies answer the same three emails under the same policy, and some
    share their phrasing: none is found at the threshold, the reference included."""
    assignment = loaded("support-replies")
    folder = ROOT / "examples" / "support-replies-pool"
    documents = [Document("submission", p.name, p.name, fingerprints.of_work(
        kept_work(p) if p.is_dir() else KeptWork(files=[WorkFile(
            path=p.name, size=1, kind="read", text=p.read_text())])))
                 for p in sorted(folder.iterdir())]
    documents.append(Document("reference", "reference", "",
                              sources.reference_fingerprints(assignment)))
    assert compare.pairs(documents, sources.shared_material(assignment), THRESHOLD) == []


def test_a_copied_reply_is_found_through_what_a_copier_changes(loaded):
    """Paragraphs in another order, look-alike letters and zero-width spaces inside words,
    a sentence of one's own slipped in after every paragraph, other markup and case."""
    shared = sources.shared_material(loaded("support-replies"))
    original = pool_reply("empathetic")
    changed = {}
    for path, text in original.items():
        paragraphs = text.split("\n\n")
        paragraphs.reverse()
        text = "\n\n".join(f"{p}\n\nI hope this helps you today." for p in paragraphs)
        text = text.replace("o", "\u043e").replace("e", "e\u200b").replace("a", "\u0430")
        changed[path.replace(".eml", ".md")] = "**" + text.upper().replace("\n\n", "\n\n> ")
    assert share(as_read(original), as_read(changed), shared) >= 0.8


def test_pasting_the_policy_and_the_customers_email_makes_no_two_replies_alike(loaded):
    """Material every candidate was given is left out: two replies that quote the policy
    and the email at length and say different things in their own words share nothing."""
    assignment = loaded("support-replies")
    policy = (assignment.root / "policy.md").read_text()
    email = (assignment.root / "emails" / "late-refund.eml").read_text()
    first = f"{email}\n\n{policy}\n\nSorry, Margaret: the refund window has passed."
    second = (f"As you wrote:\n\n{email}\n\nOur policy says:\n\n{policy}\n\nI have asked "
              "billing to look at a credit for you and will write again by Friday noon.")
    assert share({"a.md": first}, {"b.md": second}) >= 0.9  # without the shared material
    assert measured({"a.md": first}, {"b.md": second},
                    sources.shared_material(assignment)) is None


def as_read(files: dict[str, str]) -> dict[str, str]:
    return {f"{path}.md": text for path, text in files.items()}


# --- fingerprints ---------------------------------------------------------------------------

def test_any_run_as_long_as_a_window_of_runs_is_found_whatever_surrounds_it():
    """Winnowing's guarantee: a run of at least K + W - 1 tokens in common gives a
    fingerprint in common, wherever it stands in either file."""
    randomly = random.Random(25)
    k, w = fingerprints.K[PROSE], fingerprints.W[PROSE]
    for _ in range(200):
        common = [f"c{randomly.randrange(10**6)}" for _ in range(k + w - 1)]
        first = [f"a{randomly.randrange(10**6)}" for _ in range(randomly.randrange(200))]
        second = [f"b{randomly.randrange(10**6)}" for _ in range(randomly.randrange(200))]
        one = file_tokens("a.md", " ".join(first + common + first[:10]))
        other = file_tokens("b.md", " ".join(second[:7] + common + second))
        assert fingerprints.of_files([one]).kgrams & fingerprints.of_files([other]).kgrams


def test_code_is_read_by_its_shape_not_its_names_comments_or_layout():
    first = file_tokens("a.py", 'def total(items):  # sum\n    """Docs."""\n'
                                "    return sum(i.price for i in items)\n")
    second = file_tokens("b.py", "\n\ndef f(xs):\n    return sum(\n        y.cost for y in xs)\n")
    assert first.kind == second.kind == CODE
    assert first.ids == second.ids
    assert first.lines == [1] * 6 + [3] * 11  # def F ( V ) : / return V ( V . V for ...
    assert second.lines == [3] * 6 + [4] * 3 + [5] * 8
    assert file_tokens("data.json", "{}") is None and file_tokens("notes.md", "x").kind == PROSE


def test_fingerprints_are_the_same_in_every_process():
    """They are kept in the store and compared with those of later runs: nothing in them
    may depend on a process's salted string hashes."""
    source = strong("typescript")["router.ts"]
    code = ("import sys; from worksample.similarity import fingerprints; "
            "from worksample.similarity.tokens import file_tokens; "
            "prints = fingerprints.of_files([file_tokens('router.ts', sys.stdin.read())]); "
            "print(sum(prints.kgrams) % 1000003, sum(prints.lines) % 1000003)")
    outputs = {subprocess.run([sys.executable, "-c", code], input=source, text=True,
                              capture_output=True, check=True,
                              env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
               for seed in ("1", "2")}
    here = fingerprints.of_files([file_tokens("router.ts", source)])
    assert outputs == {f"{sum(here.kgrams) % 1000003} {sum(here.lines) % 1000003}\n"}


def test_fingerprints_pack_and_unpack_as_they_were():
    prints = document(strong("go")).fingerprints
    assert fingerprints.Fingerprints.unpacked(*prints.packed()) == prints


def test_the_parts_in_common_are_found_side_by_side_with_what_was_slipped_in(loaded):
    original = strong("python")
    junk = attack.with_junk(attack.reordered(original["inventory.py"], "python"), "python")
    shared = sources.shared_material(loaded("inventory-reservations"))
    this = Side.of(KeptWork(files=[WorkFile(path="inventory.py", size=1, kind="text",
                                            text=junk)]))
    other = Side.of(KeptWork(files=[WorkFile(path="inventory.py", size=1, kind="text",
                                             text=original["inventory.py"])]))
    found = fragments(this, other, shared)
    assert len(found) >= 3
    # a method, on the copy's side with a junk statement after each of its lines
    method = next(f for f in found if any(line.strip().startswith(("unused_", "len(["))
                                          for line in f.this.lines))
    assert method.this.last - method.this.first > method.other.last - method.other.first
    assert list(method.this.lines) == junk.split("\n")[method.this.first - 1:method.this.last]
    assert list(method.other.lines) == original["inventory.py"].split("\n")[
        method.other.first - 1:method.other.last]
    spans = [(f.this.first, f.this.last) for f in found]
    assert all(a[1] < b[0] or b[1] < a[0] for a in spans for b in spans if a != b)


def test_every_invisible_format_character_and_combining_mark_is_read_through():
    """Words are read as a reader sees them: Unicode's every format character (zero-width
    spaces and joiners, soft hyphens, direction marks, tags), the combining marks, look-alike
    letters and full-width forms, inside a word, leave the word as it reads."""
    import unicodedata

    from worksample.reports.similar import words

    invisible = [chr(point) for point in range(0x110000)
                 if unicodedata.category(chr(point)) == "Cf"]
    assert len(invisible) > 150
    for character in invisible:
        assert words(f"refu{character}nd") == ["refund"], hex(ord(character))
    assert words("re\u0301fund\u034f \uff52\uff45\uff46\uff55\uff4e\uff44 "
                 "r\u0435f\u0443nd \u0412\u0410\u039d") == ["refund", "refund", "refynd",
                                                              "ban"]


@pytest.mark.parametrize("at_least", [0.5, 0.2])
def test_the_index_finds_exactly_the_pairs_that_comparing_every_pair_finds(at_least, loaded):
    """The bit-plane counting (``compare.Comparison``) against the plain definition, every
    pair in turn, on a cohort of copies of the Python samples disguised each its own way,
    some twice alike, some independent, with starter-only and tiny work among them."""
    from worksample.similarity.compare import Comparison, _Prepared

    assignment = loaded("inventory-reservations")
    shared = sources.shared_material(assignment)
    bases = [(ROOT / "examples" / "inventory-reservations" / name / "inventory.py").read_text()
             for name in ("strong", "partial", "hangs")]
    bases.append((assignment.root / "starter" / "inventory.py").read_text())
    randomly = random.Random(7)
    cohort = []
    for number in range(60):
        source = bases[number % len(bases)]
        for step in randomly.sample(list(ATTACKS), 3):
            source = ATTACKS[step](source, "python")
        if number % 7 == 0:
            source += attack.padding("python", lines=40, seed=number)
        cohort.append({"inventory.py": source})
    cohort += [cohort[3], cohort[4], {"inventory.py": "x = 1\n"}]  # the same work twice; tiny
    documents = [document(files, f"c{n}") for n, files in enumerate(cohort)]
    found = {(p.first, p.second): (p.share, p.runs, p.lines)
             for p in Comparison(documents, shared, at_least).pairs()}
    ready = [_Prepared.of(d.fingerprints, shared) for d in documents]
    expected = {}
    for first in range(len(ready)):
        for second in range(first + 1, len(ready)):
            one, other = ready[first], ready[second]
            runs = (len(one.runs & other.runs) / min(len(one.runs), len(other.runs))
                    if one.big_runs() and other.big_runs() else None)
            found_lines = [ready[a].covered_by(ready[b]) for a, b in
                           ((first, second), (second, first)) if ready[a].big_lines()]
            lines = max(found_lines) if found_lines else None
            share = max(runs or 0.0, lines or 0.0)
            if share >= at_least:
                expected[first, second] = (round(share, 4), runs if runs is None else
                                           round(runs, 4), lines if lines is None else
                                           round(lines, 4))
    assert found == expected
    assert len(found) > 100


def test_case_analyses_are_compared_with_the_brief_left_out(loaded):
    """The case type: the pool's analyses of one brief, written independently, share
    nothing at the threshold; two that paste the brief and its exhibit at length, and then
    say different things, are not alike for that; a copy rephrased in places is found."""
    assignment = loaded("pricing-review")
    shared = sources.shared_material(assignment)
    pool = ROOT / "examples" / "pricing-review-pool"
    analyses = {p.name: p.read_text() for p in sorted(pool.iterdir())}
    documents = [document({f"{name}.md": text}, name) for name, text in analyses.items()]
    assert compare.pairs(documents, shared, THRESHOLD) == []
    brief = (assignment.root / "brief.md").read_text()
    exhibit = next((assignment.root / "exhibits").iterdir()).read_text()
    first = f"{brief}\n\n{exhibit}\n\nKeep the new price: revenue rose and churn held."
    second = (f"The brief:\n\n{brief}\n\nThe data:\n\n{exhibit}\n\nRevert the rise for solo "
              "accounts, whose churn doubled, and keep it for teams.")
    assert share({"a.md": first}, {"b.md": second}) >= 0.9  # the brief is most of each
    assert measured({"a.md": first}, {"b.md": second}, shared) is None
    thorough = analyses["thorough.md"]
    rephrased = thorough.replace("revenue", "income").replace("churn", "attrition", 3)
    assert share({"a.md": thorough}, {"b.md": rephrased}, shared) >= 0.8
