"""Sphinx configuration for Recap's documentation (Markdown through MyST,
as Wagtail's own docs). Build it with `make docs` (warnings are errors)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The version comes from the package, read without importing Django.
sys.path.insert(0, str(ROOT))
from recap import __version__  # noqa: E402

project = "Recap"
author = "Recap contributors"
copyright = "Recap contributors"
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

# `#` anchors for headings up to ###, so pages can link to each other's sections.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

html_theme = "furo"
html_title = f"Recap {release}"
