"""Whether headless Chromium draws the text of each export of this folder: each page is
screenshot as it is and with every letter made transparent, and the pixels that change are
counted (README.md has the counts). Needs Chromium (scripts/ensure-chromium.sh) and Pillow;
not run by the tests.

    python tests/corpora/exports/check_drawn.py
"""

import gzip
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

HERE = Path(__file__).parent
TRANSPARENT = ("<style>*{color:transparent!important;-webkit-text-fill-color:transparent"
               "!important;text-shadow:none!important}</style>")


def screenshot(page: Path, png: Path) -> Image.Image:
    subprocess.run(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--virtual-time-budget=3000", f"--screenshot={png}",
                    "--window-size=1000,3000", page.as_uri()],
                   capture_output=True, timeout=90, check=False)
    return Image.open(png).convert("RGB")


def changed_pixels(html: str, work: Path) -> int:
    """How many pixels change when the text of ``html`` is made transparent."""
    shown, bare = work / "shown.html", work / "bare.html"
    shown.write_text(html)
    bare.write_text(re.sub(r"</head>", TRANSPARENT + "</head>", html, count=1, flags=re.I)
                    if re.search(r"</head>", html, re.I) else TRANSPARENT + html)
    difference = ImageChops.difference(screenshot(shown, work / "shown.png"),
                                       screenshot(bare, work / "bare.png"))
    return sum(difference.convert("L").histogram()[17:])


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        for export in sorted(HERE.glob("*.html.gz")):
            html = gzip.decompress(export.read_bytes()).decode("utf-8")
            print(f"{export.name[:-3]:32} {changed_pixels(html, Path(folder)):>8} pixels")
    return 0


if __name__ == "__main__":
    sys.exit(main())
