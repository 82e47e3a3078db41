"""A stand-in message board for the audit tests: a `MessageSource` (cms.core.inspection) reading
the rows a test puts in MESSAGES, and recording what the audit asked for."""

from __future__ import annotations

MESSAGES: list = []
CALLS: list = []


def source(site_ids, today):
    CALLS.append((None if site_ids is None else sorted(site_ids), today))
    return [m for m in MESSAGES if site_ids is None or m.site_id in site_ids]
