"""Known damage in the texts the importers read: words whose hyphen was lost or misplaced at a line
end, and a closing quote glued to the next word, where the meaning is certain. The importer fixes them
and lists each fix in its report ("known source damage"), so the fix is visible and can be checked
against the printed edition."""

from __future__ import annotations

from .common import Repair
from .pages import Paragraph

# (as found in the source, as it should read), per language
KNOWN: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("regist-ration", "registration"),
        ("22year-old", "22-year-old"),
        ("twothirds", "two-thirds"),
        ("militarypolitical", "military-political"),
        ("comrades-inarms", "comrades-in-arms"),
        ("oneway", "one-way"),
        ('dying,"said', 'dying," said'),
    ),
}


def fix_known_damage(paras: list[Paragraph], lang: str, fixed: list[Repair]) -> None:
    """Fix every known damage of lang in paras, in place; each fix is added to `fixed`."""
    for para in paras:
        for before, after in KNOWN.get(lang.split("-")[0], ()):
            while before in para.text:
                para.text = para.text.replace(before, after, 1)
                fixed.append(Repair(para.line, before, after))
