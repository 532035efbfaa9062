"""An edition's print settings (the `print:` mapping of edition.yaml), with their defaults."""

from __future__ import annotations

from ..model import PrintSettings

MM = 72 / 25.4  # PDF points per millimetre
A4 = (210 * MM, 297 * MM)  # portrait, in points


def settings_of(edition) -> PrintSettings:
    """The edition's print settings: the model's `print_settings`, or the defaults."""
    value = getattr(edition, "print_settings", None)
    return value if value is not None else PrintSettings()


def mm(points: float) -> float:
    return points / MM
