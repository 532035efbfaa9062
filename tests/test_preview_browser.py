"""The live preview in a real browser: headless Chromium from Debian, driven with selenium.

The server runs as the editor runs it (`pocketpress preview`), on 127.0.0.1 only, on a copy of the
small edition; the browser talks to nothing else. Every wait is bounded.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageStat

pytestmark = pytest.mark.slow

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
WAIT = 60  # seconds, for any one thing the page must show


@pytest.fixture
def server(mini, tmp_path):
    """The preview of the small edition: (its address, the project)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pocketpress",
            "--project",
            str(mini.root),
            "preview",
            "--edition",
            "mini",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=open(tmp_path / "preview.log", "w"),  # noqa: SIM115  (closed with the process)
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, f"the preview did not start: {line!r} {(tmp_path / 'preview.log').read_text()}"
        yield found.group(0), mini
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def browser(tmp_path):
    assert CHROMIUM and DRIVER, "chromium and chromium-driver are not installed: run scripts/setup.sh"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--window-size=1200,900",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(DRIVER, log_output=str(tmp_path / "driver.log")))
    driver.set_page_load_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, condition, what: str):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=0.1).until(
        lambda d: condition(d), message=f"waited {WAIT} s for {what}"
    )


def page_images(driver) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll('#pages img')].map(i => i.complete && i.naturalWidth ? i.src : '')"
    )


def page_of(pdf: Path, text: str) -> int:
    """The 1-based page of a PDF on which text appears."""
    document = pdfium.PdfDocument(pdf)
    return next(i + 1 for i in range(len(document)) if text in document[i].get_textpage().get_text_range())


def test_the_pages_follow_the_files_as_they_are_saved(server, browser, mini_built):
    address, project = server
    pdf = mini_built("pdf")
    pages = len(pdfium.PdfDocument(pdf))
    changed = page_of(pdf, "Only one paragraph here.")
    browser.get(address)
    images = wait_for(
        browser, lambda d: (lambda i: i if len(i) == pages and all(i) else None)(page_images(d)), f"{pages} pages"
    )
    assert len(images) == pages
    wait_for(
        browser,
        lambda d: d.find_element("id", "status").text.startswith(f"{pages} pages, as make pdf prints"),
        "the check",
    )

    chapter = project.content / "mini" / "en" / "second.md"
    chapter.write_text(chapter.read_text().replace("Only one paragraph here.", "Only one paragraph, edited, here."))
    start = time.perf_counter()
    new = wait_for(
        browser,
        lambda d: (lambda i: i if len(i) == pages and all(i) and i[changed - 1] != images[changed - 1] else None)(
            page_images(d)
        ),
        "the edited page",
    )
    assert time.perf_counter() - start < 15
    assert [a == b for a, b in zip(images, new, strict=True)].count(False) == 1  # that page alone changed
    assert "changed" in browser.find_element("id", f"page-{changed}").get_attribute("class")

    settings = project.content / "mini" / "en" / "edition.yaml"
    good = settings.read_text()
    settings.write_text(good.replace("title: A Small Test", "title: [A Small Test"))
    box = wait_for(
        browser, lambda d: (lambda e: e if e.is_displayed() else None)(d.find_element("id", "problems")), "the problems"
    )
    assert "content/mini/en/edition.yaml:2: YAML syntax error: did not find expected ',' or ']'" in box.text
    assert len(page_images(browser)) == pages  # the last good pages stay under the problems

    settings.write_text(good)
    wait_for(browser, lambda d: not d.find_element("id", "problems").is_displayed(), "the problems to go")
    assert page_images(browser) == new


def test_the_spread_of_pages_4_and_5_is_drawn(server, browser, tmp_path):
    address, _ = server
    browser.get(address)
    wait_for(browser, lambda d: len(page_images(d)) >= 5 and all(page_images(d)), "the pages")
    browser.find_element("id", "view-spread").click()
    spread = wait_for(browser, lambda d: d.find_element("id", "page-4").find_element("xpath", ".."), "the spreads")
    assert [f.get_attribute("data-page") for f in spread.find_elements("css selector", "figure")] == ["4", "5"]
    wait_for(browser, lambda d: all(page_images(d)), "the images")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", spread)
    shot = spread.screenshot_as_png
    (tmp_path / "spread-4-5.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot)).convert("L")
    left, right = (
        image.crop((0, 0, image.width // 2, image.height)),
        image.crop((image.width // 2, 0, image.width, image.height)),
    )
    assert image.width > 1.3 * image.height  # two A6 pages side by side (each 105 x 148 mm)
    for half in (left, right):  # each page has ink on white paper
        assert ImageStat.Stat(half).stddev[0] > 10
        assert sum(half.histogram()[:128]) > 200  # dark pixels: text
    browser.save_screenshot(str(tmp_path / "preview.png"))
    if os.environ.get("PREVIEW_SCREENSHOTS"):  # to look at them: PREVIEW_SCREENSHOTS=folder
        for name in ("spread-4-5.png", "preview.png"):
            shutil.copy(tmp_path / name, Path(os.environ["PREVIEW_SCREENSHOTS"]) / name)
