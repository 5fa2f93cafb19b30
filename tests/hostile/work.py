"""Files a candidate names and fills to break the page that shows their work (issue 23).

``hostile_work(folder)`` lays them beside a real reply, so that the submission is still
graded as `assignments/support-replies` work; ``HOSTILE_WORK`` says what each must look like
on the page. Names with control characters (a newline) are refused by intake, so
``named_with_a_newline`` is given to ``work.kept_work`` directly.
"""

from __future__ import annotations

from pathlib import Path

TITLE_SCRIPT = "<script>document.title = 'pwned'</script>"
MEGA_LINE = "x" * (1024 * 1024)

# name -> content: each is shown as text, never obeyed
HOSTILE_WORK: dict[str, bytes] = {
    "script.html": f"<html><body>{TITLE_SCRIPT}<img src=x onerror=\"document.title='img'\">"
                   "</body></html>\n".encode(),
    "closes-pre.py": b"s = '</pre></td></tr></table><script>document.title=\"pre\"</script>'\n",
    "entities.md": b"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x3C;b&#x3E;\n",
    "bidi-\u202eevil.txt": "access = 'user\u202e \u2066// admin\u2069 \u2066'\n".encode(),
    "nul-bytes.bin": b"MZ\0\0\x90\0<script>document.title='nul'</script>\0",
    "one-mega-line.js": MEGA_LINE.encode(),
    "/".join(f"d{depth}" for depth in range(30)) + "/deep.txt": b"deep\n",
    "<img src=x onerror=alert(1)>.py": b"print('named')\n",
}


def hostile_work(folder: Path, reply: Path) -> Path:
    """A submission folder: ``reply`` (a real reply file) and every file of HOSTILE_WORK."""
    folder.mkdir()
    (folder / reply.name).write_bytes(reply.read_bytes())
    for name, content in HOSTILE_WORK.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return folder


def named_with_a_newline(folder: Path) -> Path:
    """A folder with a file whose name holds a newline and markup."""
    folder.mkdir()
    (folder / "a\n<b>name<b>.txt").write_text("text\n")
    return folder
