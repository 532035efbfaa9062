"""Print production: the home-printed booklet, the print-shop PDF, the proof sheet, the preflight.

The writers (writers.py) draw on these modules for build/<edition>-<lang>-booklet.pdf,
-print.pdf and -proof.png; build.py writes the bytes atomically. The `check` command
(commands/check.py) runs the preflight.
"""

from __future__ import annotations

from .settings import PrintSettings

__all__ = ["PrintSettings"]
