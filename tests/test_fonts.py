"""Deterministic fonts: a build sees only the fonts its edition names, whatever else the machine has.

The machine "gains a font" through a system fontconfig file (FONTCONFIG_FILE) that
includes the real /etc/fonts/fonts.conf and adds a folder holding Intruder Sans, a
font made here that has ordinary letters and signs the PT fonts lack ("☃", "中").
Builds run in a subprocess so that fontconfig starts fresh with that environment.
The tests need nothing but the PT fonts (fonts-paratype), which the set-up installs.
"""

from __future__ import annotations

import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from pocketpress import fonts
from pocketpress.errors import BuildError
from pocketpress.weasy import font_configuration

INTRUDER = "Intruder Sans"
SNOWMAN = "\u2603"
INTRUDER_CHARS = string.ascii_letters + string.digits + " .,;:!?'’-" + SNOWMAN + "中\U00016a40"
PT = ["PT Serif", "PT Sans", "PT Mono"]


def make_intruder(path: Path) -> Path:
    """A TrueType font, family Intruder Sans, with a box for a glyph of every INTRUDER_CHARS."""
    names = [".notdef"] + [f"g{i}" for i in range(len(INTRUDER_CHARS))]
    pen = TTGlyphPen(None)
    pen.moveTo((50, 0))
    pen.lineTo((50, 700))
    pen.lineTo((450, 700))
    pen.lineTo((450, 0))
    pen.closePath()
    box = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"g{i}" for i, c in enumerate(INTRUDER_CHARS)})
    builder.setupGlyf({name: box for name in names})
    builder.setupHorizontalMetrics({name: (500, 50) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": INTRUDER, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    path.parent.mkdir(parents=True, exist_ok=True)
    builder.save(str(path))
    return path


def machine_config(tmp: Path, prefer_intruder: bool = False) -> Path:
    """A system fontconfig file: the machine's own configuration, plus a folder with Intruder Sans
    (and, when asked, a rule of the kind font packages ship that prefers it to PT Serif)."""
    fonts_dir = make_intruder(tmp / "extra-fonts" / "IntruderSans.ttf").parent
    rule = (
        f"<alias binding='strong'><family>PT Serif</family><prefer><family>{INTRUDER}</family></prefer></alias>"
        if prefer_intruder
        else ""
    )
    path = tmp / "machine-fonts.conf"
    path.write_text(
        "<?xml version='1.0'?>\n<!DOCTYPE fontconfig SYSTEM 'urn:fontconfig:fonts.dtd'>\n<fontconfig>\n"
        f"<cachedir>{tmp / 'machine-cache'}</cachedir>\n"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>\n"
        f"<dir>{fonts_dir}</dir>\n{rule}\n</fontconfig>\n"
    )
    return path


def run(args: list[str], fontconfig_file: Path | None) -> subprocess.CompletedProcess:
    """`python -m pocketpress ...` in a fresh process, with the given system fontconfig file."""
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    if fontconfig_file:
        env["FONTCONFIG_FILE"] = str(fontconfig_file)
    return subprocess.run(
        [sys.executable, "-m", "pocketpress", *args], capture_output=True, text=True, env=env, check=False
    )


def build_pdf(project, fontconfig_file: Path | None) -> subprocess.CompletedProcess:
    return run(["--project", str(project.root), "build", "pdf", "--force"], fontconfig_file)


def families_seen(fontconfig_file: Path) -> set[str]:
    """The families `fc-list` sees through a fontconfig file."""
    out = subprocess.run(
        ["fc-list", "--format", "%{family}\n"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "FONTCONFIG_FILE": str(fontconfig_file)},
    ).stdout
    return {name for line in out.splitlines() for name in line.split(",")}


@pytest.fixture(scope="module")
def machine(tmp_path_factory) -> Path:
    return machine_config(tmp_path_factory.mktemp("machine"))


def test_the_machine_really_has_the_intruder(machine):
    assert INTRUDER in families_seen(machine)


def test_the_project_configuration_shows_only_the_named_families(machine, tmp_path, monkeypatch):
    monkeypatch.setenv("FONTCONFIG_FILE", str(machine))
    fonts.catalogue.cache_clear()
    try:
        path = fonts.config_file(["PT Serif", "pt mono"], tmp_path / "fc")
        assert families_seen(path) == {"PT Serif", "PT Mono"}
        assert fonts.config_file(["PT Mono", "PT Serif"], tmp_path / "fc") == path  # same fonts, same file
        assert fonts.config_file(["PT Sans"], tmp_path / "fc") != path  # other fonts, another file
        with pytest.raises(BuildError, match="'No Such Sans' is not installed"):
            fonts.config_file(["PT Serif", "No Such Sans"], tmp_path / "fc")
    finally:
        fonts.catalogue.cache_clear()


def test_each_layout_in_a_process_sees_its_own_fonts(tmp_path):
    """Editions with different fonts, one after the other in one process: no configuration leaks."""
    from weasyprint import HTML

    before = os.environ.get("FONTCONFIG_FILE")
    html = '<style>body { font-family: "PT Serif" }</style><p>Same words.</p>'
    for visible in ["PT Sans", "PT Serif", "PT Mono"]:
        config = font_configuration([visible], tmp_path)
        document = HTML(string=html).render(font_config=config)
        document.write_pdf()
        assert {f.family for f in document.fonts.values()} == {visible}
    assert os.environ.get("FONTCONFIG_FILE") == before


def test_the_families_a_document_names():
    html = '<style>body { font-family: "PT Serif", "PT Mono"; } h1 { font-family: \'PT Sans\', sans-serif }</style>'
    assert fonts.named_in(html) == ["PT Mono", "PT Sans", "PT Serif"]


# Only the second case fails without the isolation: PT Serif text is then set in Intruder Sans.
# The first is the plain requirement (a font more on the machine), kept as a guard.
@pytest.mark.parametrize("prefer_intruder", [False, True], ids=["extra font", "extra font preferred by a rule"])
def test_the_pdf_does_not_change_when_the_machine_gains_a_font(mini, tmp_path, prefer_intruder):
    output = mini.build / "mini-en.pdf"
    plain = build_pdf(mini, None)
    assert plain.returncode == 0, plain.stderr
    before = output.read_bytes()
    gained = build_pdf(mini, machine_config(tmp_path, prefer_intruder))
    assert gained.returncode == 0, gained.stdout + gained.stderr
    assert output.read_bytes() == before


def test_a_sign_the_named_fonts_lack_is_reported_not_set_in_another_font(mini, machine):
    chapter = mini.content / "mini/en/second.md"
    chapter.write_text(chapter.read_text() + f"\nA snowman: {SNOWMAN}, and 中.\n")
    result = build_pdf(mini, machine)
    assert result.returncode == 2
    assert "2 character(s) are in none of the edition's fonts (PT Mono, PT Sans, PT Serif)" in result.stdout
    line = len(chapter.read_text().splitlines())
    assert f'content/mini/en/second.md:{line}: "{SNOWMAN}" (U+2603 SNOWMAN): none of the fonts tried' in result.stdout
    assert f'content/mini/en/second.md:{line}: "中" (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D)' in result.stdout
    assert INTRUDER not in result.stdout + result.stderr
    assert not (mini.build / "mini-en.pdf").exists()
