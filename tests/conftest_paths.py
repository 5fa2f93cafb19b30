"""Paths of the bundled samples, for test modules to import."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "assignments" / "inventory-reservations"
EXAMPLES = ROOT / "examples" / "inventory-reservations"
HOSTILE = ROOT / "tests" / "hostile" / "submissions"
