"""A stand-in 政务新媒体 registry for the audit tests: a `NewMediaSource` (cms.core.inspection)
returning the rows a test puts in ACCOUNTS, and recording what the audit asked for."""

from __future__ import annotations

ACCOUNTS: list = []
CALLS: list = []


def source(site_ids, today):
    CALLS.append((None if site_ids is None else sorted(site_ids), today))
    return [a for a in ACCOUNTS if site_ids is None or a.site_id in site_ids]
