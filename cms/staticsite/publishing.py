"""Writing the static tree: a full publication of a site (`publish_static`), the rewrite of a list
of dependent URLs (the worker's jobs), the site assets, and the push to an internet-facing server
(JIYUE_STATIC_RSYNC_TARGET), so the CMS itself can stay on the internal network (issue 14)."""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from wagtail.models import Page, Site

from cms.staticsite import recording, tree
from cms.staticsite.dependents import Url
from cms.staticsite.rendering import render, withdrawn_url_paths

logger = logging.getLogger(__name__)

# Public views outside the page tree whose output is the same for everyone (the sitemap parts
# are added per site).
EXTRA_PATHS = ("/gkml/", "/sitemap/", "/dingyue/", "/sitemap.xml", "/asgkqk/")
# URLs whose recorded dependencies are written together (one transaction each).
RECORD_BATCH = 200
COMPRESSIBLE_ASSETS = (".css", ".js", ".svg", ".json", ".txt", ".xml", ".html", ".map")


@dataclass
class Outcome:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list[str] = field(default_factory=list)
    kept: set[Path] = field(default_factory=set)

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def publishing_enabled() -> bool:
    return bool(getattr(settings, "JIYUE_STATIC_PUBLISHING", False))


def sites_by_id(ids: Iterable[int] | None = None) -> dict[int, Site]:
    queryset = Site.objects.select_related("root_page")
    if ids is not None:
        queryset = queryset.filter(pk__in=set(ids))
    return {site.pk: site for site in queryset}


def site_paths(site: Site) -> list[str]:
    """Every URL path of `site` that may be published: each live, public, not withdrawn page
    of its tree, and the public views outside the tree."""
    root = site.root_page
    prefix = len(root.url_path) - 1
    pages = (
        Page.objects.live()
        .public()
        .descendant_of(root, inclusive=True)
        .filter(withdrawal__isnull=True)
        .order_by("path")
        .values_list("url_path", flat=True)
    )
    paths = [url_path[prefix:] or "/" for url_path in pages]
    paths += list(EXTRA_PATHS)
    from sites.models import SiteProfile

    profile = SiteProfile.objects.filter(site=site).first()
    if profile is not None:
        from cms.feeds.sitemaps import part_count

        paths += [f"/sitemap-{part}.xml" for part in range(1, part_count(profile) + 1)]
    return list(dict.fromkeys(paths))


def apply(
    urls: Iterable[Url],
    sites: dict[int, Site],
    root: Path,
    *,
    step: Callable[[], None] | None = None,
    durable: bool = True,
) -> Outcome:
    """Render each URL and bring its file up to date: written when the response may be
    published, removed otherwise (404, a withdrawn page, a form). A server error keeps the old
    file and is reported, so the job can be retried. The recorded dependencies are written a
    batch of URLs at a time; `durable`: see `tree.write`."""
    outcome = Outcome()
    withdrawn = withdrawn_url_paths()
    stored: list[tuple[int, str, set[str]]] = []
    forgotten: list[Url] = []

    def flush() -> None:
        recording.store_many(stored)
        recording.forget_many(forgotten)
        stored.clear()
        forgotten.clear()

    for site_id, path in urls:
        site = sites.get(site_id)
        try:
            if site is None:
                forgotten.append((site_id, path))
                continue
            target = tree.file_for(root, site.hostname, path)
            rendered = render(site, path, withdrawn=withdrawn)
        except tree.UnsafePath:
            logger.warning("staticsite: path %r on site %s cannot be a file", path, site_id)
            continue
        except Exception as error:
            outcome.errors.append(f"{site_id}{path}: {error}")
            continue
        finally:
            if step is not None:
                step()
        if rendered.publishable:
            stored.append((site_id, path, rendered.keys))
            if tree.write(target, rendered.body, durable=durable):
                outcome.written += 1
            else:
                outcome.unchanged += 1
            outcome.kept.add(target)
        else:
            forgotten.append((site_id, path))
            if tree.remove(target, root):
                outcome.removed += 1
        if len(stored) + len(forgotten) >= RECORD_BATCH:
            flush()
    flush()
    return outcome


def publish_site(
    site: Site, root: Path, *, paths: list[str] | None = None, progress=None, durable: bool = True
) -> Outcome:
    """Publish every page of `site` (or `paths`, its `site_paths()` computed beforehand), then
    remove the files of its host no URL produced any more (pages deleted or withdrawn while
    nothing was publishing)."""
    if paths is None:
        paths = site_paths(site)
    outcome = apply(
        [(site.pk, path) for path in paths],
        {site.pk: site},
        root,
        step=(lambda: progress.update(1)) if progress is not None else None,
        durable=durable,
    )
    outcome.removed += remove_stale(site, root, outcome.kept)
    return outcome


def remove_stale(site: Site, root: Path, kept: set[Path]) -> int:
    """Remove the files of `site`'s host that are not in `kept` (what a full publication just
    wrote or found current); returns how many."""
    host = root / site.hostname
    removed = 0
    gone: list[Url] = []
    for relative in list(tree.host_files(root, site.hostname)):
        if host / relative not in kept:
            removed += int(tree.remove(host / relative, root))
            gone.append((site.pk, tree.url_path_of(relative)))
    recording.forget_many(gone)
    return removed


def _asset_sources() -> Iterable[tuple[str, str]]:
    """(relative path, absolute source) of every static asset: the collected files when
    `collectstatic` has run (hashed names in production), else what the finders find."""
    static_root = Path(settings.STATIC_ROOT) if settings.STATIC_ROOT else None
    if static_root is not None and static_root.is_dir() and any(static_root.iterdir()):
        for folder, _dirs, files in os.walk(static_root):
            for name in files:
                source = Path(folder) / name
                yield str(source.relative_to(static_root)), str(source)
        return
    seen: set[str] = set()
    for finder in finders.get_finders():
        for relative, storage in finder.list([]):
            if relative not in seen:
                seen.add(relative)
                yield relative, storage.path(relative)


def publish_assets(root: Path) -> int:
    """Copy the site assets under `<root>/_static/` mirroring STATIC_URL (with a .gz copy of
    the text ones); a file already there with the same size and time is left alone."""
    base = root / tree.ASSETS_DIR / settings.STATIC_URL.strip("/")
    copied = 0
    for relative, source in _asset_sources():
        target = base / relative
        stat = os.stat(source)
        try:
            current = target.stat()
            if current.st_size == stat.st_size and int(current.st_mtime) == int(stat.st_mtime):
                continue
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copy2(source, tmp)
        os.chmod(tmp, tree.FILE_MODE)
        os.replace(tmp, target)
        if target.suffix in COMPRESSIBLE_ASSETS and not Path(source + ".gz").exists():
            gz = target.with_name(target.name + ".gz")
            gz.write_bytes(gzip.compress(target.read_bytes(), 9, mtime=0))
        copied += 1
    return copied


def push(root: Path) -> None:
    """rsync the tree to JIYUE_STATIC_RSYNC_TARGET (a local folder or `host:path`). Files are
    copied before deletions and each arrives under a temporary name renamed into place
    (`--delay-updates`), so the far side never serves half a file either."""
    target = getattr(settings, "JIYUE_STATIC_RSYNC_TARGET", "")
    if not target:
        return
    command = ["rsync", "-a", "--delete-after", "--delay-updates", f"{root}/", target]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
