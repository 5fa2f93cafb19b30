"""The standard library's ``go vet`` facts, made once per image in a trusted run and given to
every Go own-tests run.

``go vet`` analyses a package's imports before the package: for each package of the standard
library it imports (about a hundred under a test of ``testing``) the vet tool runs once, to
write that package's facts (which functions wrap ``fmt.Printf``, ...) into the build cache.
Each own-tests run starts from an empty cache of its own, so this was about 1.3 s of the
1.4 s that vet took for every Go submission (benchmarks/README.md, issue 25).

Those facts depend on the image alone (its Go and standard library). So a run of the
own-tests runner of our own (``make_facts``) vets a package of its own that imports the whole
standard library the image holds compiled, and leaves its build cache as an artifact
(``artifacts.py``); each candidate's run unpacks it into its own fresh cache before vet runs,
then vet analyses only the candidate's packages. Go keys each cache entry by a hash of all
its inputs, so an entry is used only where the run would have made the same one: what vet
reports is unchanged. The artifact comes from that trusted run only, never from a candidate's
run, so nothing of one candidate's run reaches another's (the cache each run writes in is on
its own container's tmpfs).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from worksample.errors import InfrastructureError
from worksample.sandbox import Limits, harness
from worksample.sandbox.cache import LearnedValues
from worksample.sandbox.harness import HarnessRun, Runner

from ..artifacts import artifact_files, take_artifacts

# the trusted run's own limits, whatever the task's: about 4 s and 4 MB of cache for Go 1.19
LIMITS = Limits(wall_seconds=180, memory_mb=1024, cpus=1, pids=128, tmpfs_mb=256)
MOST_BYTES = 16 * 1024 * 1024  # of the run's records (the runner leaves at most 8 MB)
_facts = LearnedValues()  # the artifact per runner and image


def vet_facts(image: str, runner: Runner) -> dict[str, bytes]:
    """``HarnessRun.files`` that give a run of ``runner`` in ``image`` the standard library's
    vet facts: made in a trusted run once per runner and image, then kept (in the cache
    folder, ``worksample/sandbox/cache.py``). Empty when that run left none; when it failed,
    empty too, and tried again by the next run."""
    from worksample.sandbox import docker as sandbox  # the docker SDK loads only when running

    image_id = sandbox.ensure_image(image)
    key = f"go-vet-facts-{runner.digest}-{image_id.split(':')[-1][:16]}"
    try:
        return artifact_files(_facts.get(key, lambda: _made(image, runner)))
    except InfrastructureError:  # the facts save time, never decide: the run goes without
        return {}


def _made(image: str, runner: Runner) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="worksample-facts-") as empty:
        result = harness.run(HarnessRun(
            runner=runner, image=image, work=Path(empty), limits=LIMITS,
            config={"make_facts": True, "deadline_seconds": LIMITS.wall_seconds - 10,
                    "most_tests": 0, "code": []},
            result_bytes=MOST_BYTES, max_line=1024 * 1024))
    return take_artifacts(result)
