"""The set-up as the README describes it (issue 16, items 21 and 22)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def system_packages() -> list[str]:
    script = (ROOT / "scripts/setup.sh").read_text()
    return re.search(r"^SYSTEM_PACKAGES=\(([^)]*)\)", script, re.M).group(1).split()


def test_the_readme_names_every_system_package_the_set_up_installs():
    readme = (ROOT / "README.md").read_text()
    missing = [pkg for pkg in system_packages() if f"`{pkg}`" not in readme]
    assert not missing, f"README.md does not name {missing}"


def test_the_set_up_says_what_it_does_before_each_slow_step():
    lines = (ROOT / "scripts/setup.sh").read_text().splitlines()
    for slow in ("apt-get update", "apt-get install", "pip install"):
        at = next(i for i, line in enumerate(lines) if slow in line and not line.lstrip().startswith("echo"))
        assert lines[at - 1].lstrip().startswith('echo "setup: '), f"no progress line before {slow}"
