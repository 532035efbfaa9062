"""The edition's fonts must be installed: the build never silently substitutes one."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

from .errors import Problem

INSTALL_HINT = "install it (the PT fonts: apt-get install fonts-paratype) or name an installed family; `fc-list : family` lists them"


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Every font family fontconfig knows, lower-cased."""
    if not shutil.which("fc-list"):
        return frozenset()
    out = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True, check=False).stdout
    names = set()
    for line in out.splitlines():
        names.update(name.strip().lower() for name in line.split(","))
    return frozenset(names)


def missing_fonts(fonts: dict[str, str], where: str) -> list[Problem]:
    """A problem for each configured family that is not installed."""
    families = installed_families()
    return [
        Problem(where, 0, f"font '{family}' (fonts.{role}) is not installed", INSTALL_HINT)
        for role, family in fonts.items()
        if family.lower() not in families
    ]
