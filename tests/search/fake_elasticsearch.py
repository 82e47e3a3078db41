"""A small in-process Elasticsearch HTTP server on 127.0.0.1 for tests. It follows the REST
contract of the endpoints the engine calls (index create/delete, `_alias`/`_aliases`, `_bulk`,
`_search` with bool/multi_match/terms/range queries, terms aggregations, highlight and the
completion suggester, `_refresh`, `_count`), so the real client code paths run over HTTP.

Analysis is approximated: `jiyue_cjk` fields index CJK bigrams plus ASCII words, `jiyue_jieba`
fields split on whitespace. `reject_next_bulk_items` makes the next bulk items fail with 429."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

_CJK_RUN = re.compile(r"[\u3400-\u9fff]+|[0-9a-z]+")
KNOWN_QUERIES = {"bool", "multi_match", "match_all", "terms", "term", "range"}


class ApiError(Exception):
    def __init__(self, status: int, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.kind, self.reason = status, kind, reason


def analyse(text: str, analyzer: str | None) -> list[str]:
    text = (text or "").lower()
    if analyzer == "jiyue_jieba":
        return text.split()
    tokens: list[str] = []
    for run in _CJK_RUN.findall(text):
        if run[0] >= "\u3400" and len(run) > 1:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


class FakeElasticsearch:
    def __init__(self) -> None:
        self.indices: dict[str, dict[str, Any]] = {}
        self.aliases: dict[str, set[str]] = {}
        self.requests: list[tuple[str, str]] = []
        self.reject_next_bulk_items = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeElasticsearch:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # Routing -------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def _respond(self, status: int, body: Any) -> None:
                payload = json.dumps(body).encode() if body is not None else b""
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                parsed = urlparse(self.path)
                with fake.lock:
                    fake.requests.append((self.command, parsed.path))
                    try:
                        status, body = fake.route(
                            self.command, parsed.path, parse_qs(parsed.query), raw
                        )
                    except ApiError as error:
                        status = error.status
                        body = {
                            "error": {"type": error.kind, "reason": error.reason},
                            "status": error.status,
                        }
                self._respond(status, body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        return Handler

    def route(self, method: str, path: str, params: dict, raw: str) -> tuple[int, Any]:
        parts = [p for p in path.split("/") if p]
        if not parts:
            return 200, {"version": {"number": "9.0.0"}, "tagline": "You Know, for Search"}
        if parts == ["_aliases"] and method == "POST":
            return self.update_aliases(json.loads(raw))
        if parts[0] == "_alias" and len(parts) == 2:
            return self.get_alias(parts[1])
        if parts == ["_bulk"]:
            return self.bulk(None, raw)
        name, action = parts[0], parts[1] if len(parts) > 1 else None
        if action is None:
            if method == "PUT":
                return self.create(name, json.loads(raw or "{}"))
            if method == "DELETE":
                return self.delete_index(name)
            if method == "HEAD":
                return (200 if self.resolve(name, strict=False) else 404), None
        if action == "_bulk":
            return self.bulk(name, raw)
        if action == "_refresh":
            self.resolve(name)
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if action == "_search":
            return self.search(name, json.loads(raw or "{}"))
        if action == "_count":
            return 200, {"count": sum(len(self.indices[i]["docs"]) for i in self.resolve(name))}
        if action == "_stats":
            size = sum(len(json.dumps(self.indices[i]["docs"])) for i in self.resolve(name))
            return 200, {"_all": {"total": {"store": {"size_in_bytes": size}}}}
        raise ApiError(400, "illegal_argument_exception", f"no handler for {method} {path}")

    # Indices and aliases -------------------------------------------------------------------

    def resolve(self, name: str, strict: bool = True) -> list[str]:
        found = [n for n in name.split(",") if n in self.indices]
        for alias in name.split(","):
            found.extend(sorted(self.aliases.get(alias, ())))
        if not found and strict:
            raise ApiError(404, "index_not_found_exception", f"no such index [{name}]")
        return found

    def create(self, name: str, body: dict) -> tuple[int, Any]:
        if name in self.indices or name in self.aliases:
            raise ApiError(400, "resource_already_exists_exception", f"index [{name}] exists")
        properties = body.get("mappings", {}).get("properties", {})
        analysis = body.get("settings", {}).get("analysis", {}).get("analyzer", {})
        for field, spec in properties.items():
            analyzer = spec.get("analyzer")
            if analyzer and analyzer not in analysis and analyzer not in {"simple", "standard"}:
                raise ApiError(400, "mapper_parsing_exception", f"analyzer [{analyzer}] on {field}")
        self.indices[name] = {"mappings": properties, "settings": body.get("settings"), "docs": {}}
        return 200, {"acknowledged": True, "index": name}

    def delete_index(self, name: str) -> tuple[int, Any]:
        for index in name.split(","):
            if index not in self.indices:
                raise ApiError(404, "index_not_found_exception", f"no such index [{index}]")
            del self.indices[index]
            for members in self.aliases.values():
                members.discard(index)
        return 200, {"acknowledged": True}

    def get_alias(self, alias: str) -> tuple[int, Any]:
        members = self.aliases.get(alias)
        if not members:
            raise ApiError(404, "aliases_not_found_exception", f"alias [{alias}] missing")
        return 200, {index: {"aliases": {alias: {}}} for index in members}

    def update_aliases(self, body: dict) -> tuple[int, Any]:
        staged = {alias: set(members) for alias, members in self.aliases.items()}
        for action in body.get("actions", []):
            ((kind, spec),) = action.items()
            index, alias = spec["index"], spec["alias"]
            if index not in self.indices:
                raise ApiError(404, "index_not_found_exception", f"no such index [{index}]")
            if kind == "add":
                staged.setdefault(alias, set()).add(index)
            elif kind == "remove":
                if index not in staged.get(alias, set()):
                    raise ApiError(404, "aliases_not_found_exception", f"[{alias}] missing")
                staged[alias].discard(index)
            else:
                raise ApiError(400, "illegal_argument_exception", f"unknown action {kind}")
        self.aliases = staged  # all actions or none: the swap is atomic
        return 200, {"acknowledged": True}

    def bulk(self, default_index: str | None, raw: str) -> tuple[int, Any]:
        if raw and not raw.endswith("\n"):
            raise ApiError(400, "illegal_argument_exception", "bulk body must end with newline")
        lines = [line for line in raw.split("\n") if line.strip()]
        items, errors, position = [], False, 0
        while position < len(lines):
            ((op, meta),) = json.loads(lines[position]).items()
            position += 1
            source = None
            if op in ("index", "create", "update"):
                source = json.loads(lines[position])
                position += 1
            index_name = meta.get("_index") or default_index
            doc_id = str(meta["_id"])
            result: dict[str, Any] = {"_index": index_name, "_id": doc_id}
            if self.reject_next_bulk_items > 0:
                self.reject_next_bulk_items -= 1
                result.update(status=429, error={"type": "es_rejected_execution_exception"})
                errors = True
                items.append({op: result})
                continue
            targets = self.resolve(index_name)
            if len(targets) != 1:
                raise ApiError(400, "illegal_argument_exception", "alias has several indices")
            docs = self.indices[targets[0]]["docs"]
            result["_index"] = targets[0]
            if op == "delete":
                found = docs.pop(doc_id, None) is not None
                result.update(
                    status=200 if found else 404, result="deleted" if found else "not_found"
                )
                errors = errors or not found
            else:
                docs[doc_id] = source
                result.update(status=201, result="created")
            items.append({op: result})
        return 200, {"took": 1, "errors": errors, "items": items}

    # Search --------------------------------------------------------------------------------

    def field_text(self, mappings: dict, source: dict, field: str) -> tuple[str, str | None]:
        return str(source.get(field) or ""), mappings.get(field, {}).get("analyzer")

    def matches(self, query: dict, source: dict, mappings: dict) -> float | None:
        ((kind, spec),) = query.items()
        if kind not in KNOWN_QUERIES:
            raise ApiError(400, "parsing_exception", f"unknown query [{kind}]")
        if kind == "match_all":
            return 1.0
        if kind == "bool":
            score = 0.0
            for clause in _list(spec.get("must")):
                value = self.matches(clause, source, mappings)
                if value is None:
                    return None
                score += value
            for clause in _list(spec.get("filter")):
                if self.matches(clause, source, mappings) is None:
                    return None
            for clause in _list(spec.get("must_not")):
                if self.matches(clause, source, mappings) is not None:
                    return None
            should = [self.matches(c, source, mappings) for c in _list(spec.get("should"))]
            hits = [s for s in should if s is not None]
            if len(hits) < int(spec.get("minimum_should_match", 0)):
                return None
            return score + sum(hits) or (1.0 if not spec.get("must") else score)
        if kind in ("term", "terms"):
            ((field, wanted),) = spec.items()
            wanted = wanted if isinstance(wanted, list) else [wanted]
            return 1.0 if source.get(field) in wanted else None
        if kind == "range":
            ((field, bounds),) = spec.items()
            value = source.get(field)
            if value is None:
                return None
            checks = {"gte": value >= bounds.get("gte", value), "lt": value < bounds.get("lt", "~")}
            return 1.0 if all(checks.values()) else None
        best = None
        for weighted in spec["fields"]:
            field, _, boost = weighted.partition("^")
            text, analyzer = self.field_text(mappings, source, field)
            if spec.get("type") == "phrase":
                needle = "".join(analyse(spec["query"], None)) if analyzer else spec["query"]
                ok = needle and needle in "".join(analyse(text, None))
                score = 1.0 if ok else None
            else:
                wanted = analyse(spec["query"], analyzer)
                have = analyse(text, analyzer)
                ok = bool(wanted) and all(token in have for token in wanted)
                score = float(sum(have.count(t) for t in wanted)) if ok else None
            if score is not None:
                score *= float(boost or 1)
                best = score if best is None else max(best, score)
        return best

    def search(self, name: str, body: dict) -> tuple[int, Any]:
        targets = self.resolve(name)
        scored = []
        for index in targets:
            mappings = self.indices[index]["mappings"]
            for doc_id, source in self.indices[index]["docs"].items():
                score = self.matches(body.get("query", {"match_all": {}}), source, mappings)
                if score is not None:
                    scored.append((score, doc_id, index, source))
        for spec in reversed(body.get("sort", [])):
            ((field, order),) = spec.items() if isinstance(spec, dict) else ((spec, {}),)
            reverse = (order.get("order") if isinstance(order, dict) else order) == "desc"
            scored.sort(key=lambda row, f=field: row[3].get(f) or "", reverse=reverse)
        if not body.get("sort"):
            scored.sort(key=lambda row: row[0], reverse=True)
        start, size = body.get("from", 0), body.get("size", 10)
        terms = _query_terms(body.get("query", {}))
        hits = []
        for score, doc_id, index, source in scored[start : start + size]:
            hit = {"_index": index, "_id": doc_id, "_score": score, "_source": _pick(source, body)}
            if "highlight" in body:
                hit["highlight"] = _highlight(body["highlight"], source, terms)
            hits.append(hit)
        response: dict[str, Any] = {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": len(scored), "relation": "eq"}, "hits": hits},
        }
        if body.get("aggs"):
            response["aggregations"] = {
                agg_name: _terms(spec["terms"], [row[3] for row in scored])
                for agg_name, spec in body["aggs"].items()
            }
        if body.get("suggest"):
            response["suggest"] = {
                key: _complete(spec, targets, self.indices) for key, spec in body["suggest"].items()
            }
        return 200, response


def _list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _pick(source: dict, body: dict) -> dict:
    wanted = body.get("_source")
    if isinstance(wanted, list):
        return {k: v for k, v in source.items() if k in wanted}
    if isinstance(wanted, dict) and "includes" in wanted:
        return {k: v for k, v in source.items() if k in wanted["includes"]}
    return source


def _query_terms(query: dict) -> list[str]:
    """Query strings of positive text clauses, for highlighting."""
    terms: list[str] = []
    for kind, spec in query.items():
        if kind == "multi_match":
            terms.extend(spec["query"].split())
        elif kind == "bool":
            for key in ("must", "should"):
                for clause in _list(spec.get(key)):
                    terms.extend(_query_terms(clause))
    return [t for t in dict.fromkeys(terms) if t]


def _highlight(spec: dict, source: dict, terms: list[str]) -> dict:
    pre, post = spec.get("pre_tags", ["<em>"])[0], spec.get("post_tags", ["</em>"])[0]
    result = {}
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.I)
    for field, options in spec.get("fields", {}).items():
        text = str(source.get(field) or "")
        match = pattern.search(text) if terms else None
        if not match:
            continue
        size = options.get("fragment_size", spec.get("fragment_size", 100))
        if options.get("number_of_fragments", 5) != 0:
            begin = max(0, match.start() - size // 3)
            text = text[begin : begin + size]
        result[field] = [pattern.sub(lambda m: f"{pre}{m.group(0)}{post}", text)]
    return result


def _terms(spec: dict, sources: list[dict]) -> dict:
    counts: dict[Any, int] = {}
    for source in sources:
        value = source.get(spec["field"])
        if value in (None, ""):
            if "missing" not in spec:
                continue
            value = spec["missing"]
        counts[value] = counts.get(value, 0) + 1
    buckets = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[: spec.get("size", 10)]
    return {
        "doc_count_error_upper_bound": 0,
        "sum_other_doc_count": 0,
        "buckets": [{"key": key, "doc_count": count} for key, count in buckets],
    }


def _complete(spec: dict, targets: list[str], indices: dict) -> list[dict]:
    text, completion = spec.get("text") or spec.get("prefix", ""), spec["completion"]
    contexts = completion.get("contexts", {}).get("site")
    options = []
    for index in targets:
        for doc_id, source in indices[index]["docs"].items():
            suggest = source.get(completion["field"]) or {}
            if contexts is not None and not set(suggest.get("contexts", {}).get("site", [])) & set(
                contexts
            ):
                continue
            if any(i.lower().startswith(text.lower()) for i in suggest.get("input", [])):
                options.append(
                    {"text": suggest["input"][0], "_index": index, "_id": doc_id, "_score": 1.0,
                     "_source": {k: source.get(k) for k in ("title", "url")}}
                )  # fmt: skip
    return [{"text": text, "offset": 0, "length": len(text),
             "options": options[: completion.get("size", 5)]}]  # fmt: skip
