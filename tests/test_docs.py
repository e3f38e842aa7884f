"""The README stays a front door, and its links lead somewhere.

The README says what Recap is and shows the two commands on its first screen;
everything else lives in docs/ (a Sphinx site, built with warnings as errors
by `make docs` and in CI). These tests read files only; the build itself is
the slow test at the end.
"""

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"

#: What a reader sees without scrolling.
FIRST_SCREEN_LINES = 25
#: Markdown inline links: [text](target), target without spaces.
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def readme_lines():
    return README.read_text(encoding="utf-8").splitlines()


def local_links(text):
    """The targets of links to files of the repository (no scheme, no bare #anchor)."""
    targets = []
    for target in LINK.findall(text):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        targets.append((unquote(parts.path), parts.fragment))
    return targets


def heading_anchors(markdown):
    """The anchors MyST (and GitHub) give a page's headings, as `#slug`."""
    anchors = set()
    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        match = re.match(r"#{1,6} (.+)", line)
        if match and not in_code:
            title = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower())
            anchors.add(title.replace(" ", "-"))
    return anchors


def test_readme_stays_under_300_lines():
    assert len(readme_lines()) < 300


def test_readme_first_screen_shows_the_two_commands():
    first_screen = "\n".join(readme_lines()[:FIRST_SCREEN_LINES])

    assert re.search(r"^make run\b", first_screen, re.MULTILINE)
    assert re.search(r"^make test\b", first_screen, re.MULTILINE)


def test_readme_links_into_the_docs():
    targets = [path for path, _ in local_links(README.read_text(encoding="utf-8"))]

    assert "docs/index.md" in targets
    assert len([path for path in targets if path.startswith("docs/")]) >= 5


def test_readme_links_point_at_existing_files_and_headings():
    broken = []
    for path, fragment in local_links(README.read_text(encoding="utf-8")):
        target = ROOT / path
        if not target.is_file():
            broken.append(path)
        elif fragment and target.suffix == ".md":
            if fragment not in heading_anchors(target.read_text(encoding="utf-8")):
                broken.append(f"{path}#{fragment}")

    assert not broken, f"README links to missing files or headings: {broken}"


def test_local_links_finds_files_and_anchors_but_not_urls():
    text = "[a](docs/x.md#part) [b](https://example.org/docs/y.md) [c](#top) [d](LICENSE)"

    assert local_links(text) == [("docs/x.md", "part"), ("LICENSE", "")]


def test_every_docs_page_starts_with_a_title():
    untitled = [
        page.name
        for page in sorted(DOCS.glob("*.md"))
        if not page.read_text(encoding="utf-8").startswith(("# ", "```{include}"))
    ]

    assert not untitled, f"docs pages must start with a `# Title`: {untitled}"


@pytest.mark.slow
def test_docs_build_without_warnings(tmp_path):
    pytest.importorskip("sphinx", reason="the docs extra is not installed (make docs)")
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            *("-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html"),
            *("-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html")),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stderr[-4000:]
    assert (tmp_path / "html" / "index.html").is_file()
