"""The WeasyPrint adapter's contract: what pocketpress/weasy.py relies on that WeasyPrint does not document.

A WeasyPrint upgrade that changes any of it fails here, with a message naming the assumption,
before it can make a build silently wrong (a page list that misses pages, padding pages printed).
"""

from __future__ import annotations

import ast
from pathlib import Path

from pocketpress import weasy

PACKAGE = Path(weasy.__file__).parent


def test_weasyprint_still_works_as_the_adapter_assumes():
    problems = weasy.contract_problems()
    assert not problems, "\n".join(problems)


def test_the_contract_check_reports_a_broken_assumption(monkeypatch):
    monkeypatch.setattr(weasy, "PAD_PAGE", "no-such-page-type")
    assert any("PageBox.page_type.name" in p for p in weasy.contract_problems())


def test_no_other_module_imports_weasyprint():
    """The adapter is the only door: an upgrade has one file to look at."""
    importers = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "weasyprint" or n.startswith("weasyprint.") for n in names) and path.name != "weasy.py":
                importers.append(str(path.relative_to(PACKAGE)))
    assert importers == []
