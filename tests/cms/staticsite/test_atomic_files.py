"""A reader hammering a published file while it is republished many times never gets a partial
or empty file (issue 14 acceptance): every write goes to a temporary file that is fsynced and
renamed over the old one (cms.staticsite.tree)."""

from __future__ import annotations

import gzip
import threading
from pathlib import Path

from cms.staticsite import tree

REWRITES = 150


def versions() -> list[bytes]:
    # Large enough that a non-atomic write would be seen half-done (several write calls).
    filler = "安宁县人民政府门户网站" * 4_000
    return [f"<html><!-- v{n} -->{filler}</html>\n".encode() for n in range(7)]


def test_a_reader_never_sees_a_partial_or_empty_file(tmp_path: Path):
    target = tree.file_for(tmp_path, "anning.localhost", "/gzdt/")
    bodies = versions()
    complete = set(bodies)
    tree.write(target, bodies[0])
    stop = threading.Event()
    bad: list[str] = []
    reads = {"plain": 0, "gzip": 0}

    def reader() -> None:
        gz = target.with_name(target.name + ".gz")
        while not stop.is_set():
            data = target.read_bytes()
            reads["plain"] += 1
            if data not in complete:
                bad.append(f"plain file of {len(data)} bytes")
            try:
                unpacked = gzip.decompress(gz.read_bytes())
            except (EOFError, OSError) as error:
                bad.append(f"gzip: {error}")
                continue
            reads["gzip"] += 1
            if unpacked not in complete:
                bad.append(f"gzip file of {len(unpacked)} bytes")

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        for n in range(REWRITES):
            assert tree.write(target, bodies[(n + 1) % len(bodies)])
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not bad, bad[:5]
    assert reads["plain"] > 0 and reads["gzip"] > 0
    # No temporary files are left behind.
    assert sorted(p.name for p in target.parent.iterdir()) == ["index.html", "index.html.gz"]


def test_paths_map_to_files_inside_the_host_folder(tmp_path: Path):
    assert tree.file_for(tmp_path, "a.gov.cn", "/") == tmp_path / "a.gov.cn" / "index.html"
    assert tree.file_for(tmp_path, "a.gov.cn", "/zwgk/gkzn/") == (
        tmp_path / "a.gov.cn" / "zwgk" / "gkzn" / "index.html"
    )
    assert (
        tree.file_for(tmp_path, "a.gov.cn", "/sitemap.xml") == tmp_path / "a.gov.cn" / "sitemap.xml"
    )
    for bad in ("/../etc/", "/a/../../b/"):
        try:
            tree.file_for(tmp_path, "a.gov.cn", bad)
        except tree.UnsafePath:
            continue
        raise AssertionError(bad)
    assert tree.url_path_of(Path("zwgk/index.html")) == "/zwgk/"
    assert tree.url_path_of(Path("index.html")) == "/"
    assert tree.url_path_of(Path("sitemap-1.xml")) == "/sitemap-1.xml"
