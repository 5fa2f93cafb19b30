"""PDF copies of HTML pages, printed by headless Chromium where it is installed.

Chromium is not a Python dependency: it is large and a system package. Without it, ``--pdf``
is refused before anything is written, with the command that installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from worksample.errors import WorksampleError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
BROWSER_ENV = "WORKSAMPLE_CHROMIUM"
PAGE_TIMEOUT_S = 60


def find_browser() -> str:
    """The Chromium executable: $WORKSAMPLE_CHROMIUM, else the first one on PATH."""
    chosen = os.environ.get(BROWSER_ENV)
    for name in ([chosen] if chosen else BROWSERS):
        found = shutil.which(name)
        if found:
            return found
    raise WorksampleError(
        "--pdf needs headless Chromium, and none was found "
        f"({chosen or ', '.join(BROWSERS)} on PATH). Install it (Debian: apt-get install "
        f"chromium), point {BROWSER_ENV} at it, or leave out --pdf: the HTML pages print to "
        "PDF from any browser.")


def headless_command(browser: str, profile: Path) -> list[str]:
    """Chromium's headless command line; no sandbox when running as root, which it refuses."""
    command = [browser, "--headless", "--disable-gpu", "--no-first-run",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--no-sandbox")
    return command


def print_to_pdf(pages: list[Path], browser: str) -> list[Path]:
    """Print each HTML page to a PDF next to it; returns the PDFs."""
    printed = []
    with tempfile.TemporaryDirectory(prefix="worksample-chromium-") as profile:
        base = headless_command(browser, Path(profile))
        for page in pages:
            target = page.with_suffix(".pdf")
            command = [*base, "--no-pdf-header-footer", f"--print-to-pdf={target}",
                       page.resolve().as_uri()]
            try:
                done = subprocess.run(command, capture_output=True, text=True,
                                      timeout=PAGE_TIMEOUT_S, check=False)
            except subprocess.TimeoutExpired:
                raise WorksampleError(f"Chromium did not print {page} within "
                                      f"{PAGE_TIMEOUT_S} s") from None
            if done.returncode != 0 or not target.is_file():
                raise WorksampleError(f"Chromium could not print {page} to PDF (exit "
                                      f"{done.returncode}): {done.stderr.strip()[-500:]}")
            printed.append(target)
    return printed
