"""The static tree on disk (issue 14 item 2): one folder per host, a file per URL, each also
precompressed, and every file replaced atomically so a reader (nginx) never sees half of one.

Layout (agreed with the nginx configuration of deploy/): `<root>/<hostname>/<url path>/index.html`
(`/` → `<root>/<hostname>/index.html`; a path whose last segment names a file, such as
`/sitemap.xml`, → that file), next to it `<name>.gz` and, when the `brotli` package is
importable, `<name>.br`. Collected static assets go under `<root>/_static/` mirroring STATIC_URL."""

from __future__ import annotations

import contextlib
import gzip
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

try:  # optional: only when already installed (no new dependency)
    import brotli  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

INDEX = "index.html"
ASSETS_DIR = "_static"
COMPRESSED_SUFFIXES = (".gz", ".br")
FILE_MODE = 0o644  # nginx runs as another user


class UnsafePath(ValueError):
    """A URL path that cannot name a file inside the tree."""


def static_root() -> Path:
    return Path(settings.JIYUE_STATIC_ROOT)


def relative_file(path: str) -> Path:
    """The file (relative to the host folder) that holds URL `path`."""
    segments = [segment for segment in path.split("/") if segment]
    if any(segment in (".", "..") or "\x00" in segment for segment in segments):
        raise UnsafePath(path)
    if not segments:
        return Path(INDEX)
    if path.endswith("/") or "." not in segments[-1]:
        return Path(*segments, INDEX)
    return Path(*segments)


def file_for(root: Path, hostname: str, path: str) -> Path:
    if not hostname or "/" in hostname or hostname.startswith("."):
        raise UnsafePath(hostname)
    return root / hostname / relative_file(path)


def url_path_of(relative: Path) -> str:
    """The URL path a file of a host folder holds (the inverse of `relative_file`)."""
    parts = relative.parts
    if parts[-1] == INDEX:
        inner = "/".join(parts[:-1])
        return f"/{inner}/" if inner else "/"
    return "/" + "/".join(parts)


def _write_atomic(target: Path, data: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file in the same folder, fsync it, then rename it over the target:
    the rename is atomic on POSIX, so a reader opens either the old file or the new one.

    `durable=False` leaves out the fsync: readers are just as safe (atomicity comes from the
    rename, not from the fsync), but after a power failure a file renamed moments before may
    be lost or empty on disk. A full publication writes that way and calls `sync()` once at
    its end (it is rerun whole if the machine fails during it)."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write(target: Path, body: bytes, *, durable: bool = True) -> bool:
    """Write `body` and its precompressed copies at `target`; False when it was already there
    unchanged (nothing rewritten, so nginx keeps its open-file cache and ETag). `durable`: see
    `_write_atomic`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if target.read_bytes() == body:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    # The compressed copies first: a reader that takes the new plain file finds them current.
    gz = gzip.compress(body, 9, mtime=0)
    _write_atomic(target.with_name(target.name + ".gz"), gz, durable=durable)
    if brotli is not None:
        _write_atomic(target.with_name(target.name + ".br"), brotli.compress(body), durable=durable)
    _write_atomic(target, body, durable=durable)
    return True


def sync() -> None:
    """Flush every file written without `durable` to disk (one call for a whole publication,
    instead of an fsync per file)."""
    os.sync()


def remove(target: Path, boundary: Path) -> bool:
    """Remove the file of a URL and its compressed copies; True when there was one. Folders
    left empty are removed up to (not including) `boundary`."""
    found = False
    for candidate in (target, *(target.with_name(target.name + s) for s in COMPRESSED_SUFFIXES)):
        try:
            candidate.unlink()
            found = True
        except FileNotFoundError:
            pass
    # Leave no empty folders behind (a deleted column); a folder still in use stays.
    folder = target.parent
    while folder != boundary and boundary in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return found


def host_files(root: Path, hostname: str) -> Iterator[Path]:
    """The published files of one host (relative), without their compressed copies."""
    base = root / hostname
    if not base.is_dir():
        return
    for folder, _dirs, files in os.walk(base):
        for name in files:
            if name.endswith(COMPRESSED_SUFFIXES) or name.startswith("."):
                continue
            yield (Path(folder) / name).relative_to(base)
