"""A static tree in the layout `publish_static` (cms.staticsite) writes, for the nginx tests and
the static benchmark: `<root>/<hostname>/<url path>/index.html` (+ `index.html.gz`) and the
collected assets under `<root>/_static/`.

`build_tree` uses `publish_static` when that command is installed. FALLBACK while it is not: the
given pages are fetched through Django's test client and written to files here, which is enough
to exercise the generated nginx configuration but is not the real publisher (no dependency
tracking, no atomic swaps)."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterable
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management import call_command, get_commands
from django.test import Client


def publish_static_installed() -> bool:
    return "publish_static" in get_commands()


def tree_file(root: Path, host: str, path: str) -> Path:
    """Where the page at `host` + `path` (a directory-style URL path) lives in the tree."""
    return root / host / path.strip("/") / "index.html"


def write_page(root: Path, host: str, path: str, body: bytes) -> Path:
    target = tree_file(root, host, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    target.with_name("index.html.gz").write_bytes(gzip.compress(body, 9))
    return target


def copy_assets(root: Path, names: Iterable[str]) -> None:
    """The given STATIC_URL-relative assets under `<root>/_static/` (found by the finders)."""
    for name in names:
        found = finders.find(name)
        if found:
            target = root / "_static" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(found, target)


def fetch_pages(root: Path, pages: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Path]:
    """FALLBACK: render each (host, path) with Django's test client and write it to the tree."""
    written = {}
    for host, path in pages:
        response = Client(HTTP_HOST=host).get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{host}{path} 返回 {response.status_code}")
        written[(host, path)] = write_page(root, host, path, response.content)
    copy_assets(root, ["themes/css/jiyue.css", "themes/js/jiyue.js", "themes/img/emblem.svg"])
    return written


def build_tree(root: Path, pages: Iterable[tuple[str, str]], *, hosts: Iterable[str] = ()) -> str:
    """Write the tree for `pages`: with `publish_static` for `hosts` (or --all) when installed,
    else with the fallback above. Returns which of the two wrote it."""
    pages = list(pages)
    if publish_static_installed():
        hosts = list(hosts)
        if hosts:
            for host in hosts:
                call_command("publish_static", "--site", host, "--output", str(root))
        else:
            call_command("publish_static", "--all", "--output", str(root))
        missing = [(h, p) for h, p in pages if not tree_file(root, h, p).exists()]
        if not missing:
            return "publish_static"
        fetch_pages(root, missing)
        return "publish_static (+ fallback for missing pages)"
    fetch_pages(root, pages)
    return "fallback (publish_static not installed)"


__all__ = ["build_tree", "fetch_pages", "tree_file", "write_page"]
