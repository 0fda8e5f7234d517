"""The HTML report in a real headless browser (Debian's ``chromium``).

Skipped only when ``chromium`` is not on the PATH; CI installs it
(``apt-get install -y chromium``, see ``.ci/run``).
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import hetao_facts
from hetao_facts.model import Report
from hetao_facts.report.html import render_html

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# Text that would run if it were not escaped (and the page's CSP did not stop it).
PAYLOAD = (
    "The zone comprises a 3.02 square-kilometer park in Shenzhen and a 0.87 square-kilometer "
    "park in Hong Kong.\n"
    "The zone covers 3.98 square kilometers. <script>document.body.dataset.pwned = '1'"
    "</script> <img src=x onerror=\"document.body.dataset.pwned = '2'\"> \x1b[31m\n"
)
# A file name cannot hold "/", so no closing tag; an unescaped "<script>" would still swallow
# the rest of the page.
EVIL_NAME = "evil \"quoted\" 'name' <script>alert(1)<img src=x onerror=alert(2)>\nline\x1b.txt"

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on the PATH")


def _chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    proc = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


class _Elements(HTMLParser):
    """Collects every element's attributes by id, the <body> attributes and all text."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str]] = {}
        self.body: dict[str, str] = {}
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if tag == "body":
            self.body = values
        if "id" in values:
            self.by_id[values["id"]] = values

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("docs")
    (folder / EVIL_NAME).write_text(PAYLOAD, encoding="utf-8")
    return hetao_facts.check([ROOT / "seeds", folder])


@needs_chromium
def test_report_loads_escapes_and_colours_the_failing_figure(
    report: Report, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    parsed = _Elements()
    parsed.feed(dom)

    assert parsed.body.get("data-hf-ready") == "1", "the page's script did not run"
    assert "data-pwned" not in parsed.body, "text from a document ran as script"
    assert parsed.tags.count("script") == 1
    assert "img" not in parsed.tags
    text = "".join(parsed.text)
    assert "<script>document.body.dataset.pwned = '1'</script>" in text  # shown as text
    assert "<script>alert(1)<img src=x onerror=alert(2)>\\nline\\x1b.txt" in text  # file name

    big = next(c for c in report.claims if c.text == "10 million square feet")
    element = parsed.by_id[f"claim-{big.id}"]
    assert element["class"].split() == ["claim", "st-fail"]
    target = element["href"].removeprefix("#")
    assert parsed.by_id[target]["class"].split() == ["check", "st-fail"]
    # the planted error in the evil document is caught and coloured too
    wrong = next(c for c in report.claims if c.text == "3.98 square kilometers")
    assert parsed.by_id[f"claim-{wrong.id}"]["class"].split() == ["claim", "st-fail"]


@needs_chromium
def test_report_screenshot(report: Report, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1400,2000", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 50_000  # a rendered page, not a blank one
