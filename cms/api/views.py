"""Plain Django views of the API: the Chinese docs page, rendered on the server from the same
OpenAPI schema the API serves (no Swagger UI, nothing from a CDN), and the JSON 404 for paths
below /api/v1/ that are no endpoint."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from cms.api.api import api

METHODS = ("get", "post", "put", "patch", "delete")
LOCATIONS = {"query": "查询参数", "path": "路径参数", "header": "请求头"}


def _type_label(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " 或 ".join(
            _type_label(part) for part in schema["anyOf"] if part.get("type") != "null"
        )
    kind = schema.get("type", "")
    fmt = schema.get("format")
    return f"{kind}（{fmt}）" if fmt else kind


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for url, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not operation:
                continue
            parameters = [
                {
                    "name": parameter["name"],
                    "location": LOCATIONS.get(parameter.get("in", ""), parameter.get("in", "")),
                    "required": parameter.get("required", False),
                    "type": _type_label(parameter.get("schema", {})),
                    "description": parameter.get("description")
                    or parameter.get("schema", {}).get("description", ""),
                }
                for parameter in operation.get("parameters", [])
            ]
            rows.append(
                {
                    "method": method.upper(),
                    "url": url,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tags": operation.get("tags", []),
                    "parameters": parameters,
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return rows


def docs(request: HttpRequest) -> HttpResponse:
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    models = [
        {
            "name": name,
            "fields": [
                {
                    "name": field,
                    "type": _type_label(spec),
                    "description": spec.get("description", ""),
                }
                for field, spec in definition.get("properties", {}).items()
            ],
        }
        for name, definition in components.items()
        if name.endswith("Out") or name.endswith("Page")
    ]
    context = {
        "info": schema.get("info", {}),
        "operations": operations(schema),
        "models": models,
        "schema_url": request.build_absolute_uri("/api/v1/schema/"),
    }
    return render(request, "jiyue_api/docs.html", context)


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    return JsonResponse(
        {"message": "没有这个接口，请查看 /api/v1/docs/ 中的接口说明。"},
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
