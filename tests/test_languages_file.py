"""layouts/languages.yaml is read with the edition: a mistake in it stops the build before anything is written."""

from __future__ import annotations

from pocketpress.cli import main


def test_a_broken_languages_file_stops_the_build_with_its_line(mini, capsys):
    path = mini.layouts / "languages.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('outer: "“”"', 'outer: "“"', 1), encoding="utf-8")
    status = main(["--project", str(mini.root), "build", "pdf"])
    err = capsys.readouterr().err
    assert status == 2
    assert "layouts/languages.yaml:" in err and "en: 'quotes.outer'" in err and "Traceback" not in err
    assert not (mini.build / "mini-en.pdf").exists()


def test_the_languages_file_is_an_input(mini, capsys):
    assert main(["--project", str(mini.root), "build", "html"]) == 0
    path = mini.layouts / "languages.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('outer: "“”"', 'outer: "«»"', 1), encoding="utf-8")
    assert main(["--project", str(mini.root), "build", "html"]) == 0
    capsys.readouterr()
    assert "«" in (mini.build / "mini-en.html").read_text(encoding="utf-8")
