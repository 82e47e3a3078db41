"""A static tree for the nginx tests and the static benchmark, written by the static publisher
(cms.staticsite): `build_tree` runs `publish_static`; `fetch_pages` writes chosen pages (for
the tests' marked copies) through the publisher's own file layout and atomic writer."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.core.management import call_command
from django.test import Client

from cms.staticsite import tree
from cms.staticsite.publishing import publish_assets


def tree_file(root: Path, host: str, path: str) -> Path:
    """Where the page at `host` + `path` lives in the tree."""
    return tree.file_for(root, host, path)


def write_page(root: Path, host: str, path: str, body: bytes) -> Path:
    target = tree.file_for(root, host, path)
    tree.write(target, body)
    return target


def fetch_pages(root: Path, pages: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Path]:
    """Render each (host, path) with Django's test client and write it to the tree, with the
    site assets."""
    written = {}
    for host, path in pages:
        response = Client(HTTP_HOST=host).get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{host}{path} 返回 {response.status_code}")
        written[(host, path)] = write_page(root, host, path, response.content)
    publish_assets(root)
    return written


def build_tree(root: Path, pages: Iterable[tuple[str, str]], *, hosts: Iterable[str] = ()) -> str:
    """Write the tree with `publish_static` (the given hosts, or every site); every page in
    `pages` must be in it."""
    hosts = list(hosts)
    for host in hosts:
        call_command("publish_static", "--site", host, "--output", str(root))
    if not hosts:
        call_command("publish_static", "--all", "--output", str(root))
    missing = [(h, p) for h, p in pages if not tree_file(root, h, p).exists()]
    if missing:
        raise SystemExit(f"publish_static 未写出这些页面：{missing}")
    return "publish_static"


__all__ = ["build_tree", "fetch_pages", "tree_file", "write_page"]
