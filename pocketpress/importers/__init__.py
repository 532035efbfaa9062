"""Importers: raw text (an extracted pocket edition, numbered threads) to an edition folder.

The logic lives here (extracted.py, threads.py, writer.py); the `pocketpress import`
command that drives it is commands/importing.py.
"""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
