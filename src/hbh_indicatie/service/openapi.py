"""The OpenAPI document: FastAPI's, with the project's published JSON Schemas (hbh.casus.v1,
hbh.indicatie.v1, ...) as components, so a client generated from it reads and writes exactly
the documents the CLI does."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from hbh_indicatie.schemas import json_schema

COMPONENTS = {"Casus": "casus", "Indicatie": "indicatie", "NaastElkaar": "naast_elkaar",
              "IwmoExport": "iwmo", "BerichtGegevens": "berichtgegevens"}
"""Component name -> published schema kind."""


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def io(request: str, response: str | None, alternative: str | None = None,
       text: tuple[str, ...] = ()) -> dict[str, Any]:
    """``openapi_extra`` for a route that takes a case as body: the request schema and the
    200 response (a component, one of two, and/or text media types)."""
    extra: dict[str, Any] = {"requestBody": {"required": True, "content": {
        "application/json": {"schema": ref(request)},
        "application/yaml": {"schema": ref(request)}}}}
    content: dict[str, Any] = {}
    if response is not None:
        schema = {"oneOf": [ref(response), ref(alternative)]} if alternative else ref(response)
        content["application/json"] = {"schema": schema}
    for media in text:
        content[media] = {"schema": {"type": "string"}}
    if content:
        extra["responses"] = {"200": {"description": "Gelukt", "content": content}}
    return extra


def envelope(parts: dict[str, str], media: str) -> dict[str, Any]:
    """``openapi_extra`` for a route whose body holds several documents by key, answering text."""
    body = {"type": "object", "additionalProperties": False, "required": list(parts),
            "properties": {key: ref(name) for key, name in parts.items()}}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": {"200": {"description": "Gelukt",
                                  "content": {media: {"schema": {"type": "string"}}}}}}


def _rewrite(node: Any, names: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_rewrite(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _rewrite(v, names) for k, v in node.items() if k not in ("$schema", "$id")}
    target = out.get("$ref")
    if isinstance(target, str) and target.startswith("#/$defs/"):
        out["$ref"] = f"#/components/schemas/{names[target.removeprefix('#/$defs/')]}"
    return out


def add_component(schemas: dict[str, Any], name: str, document: dict[str, Any]) -> None:
    """``document`` (a JSON Schema with $defs) as component ``name``; a definition whose name
    is taken by a different one gets ``name`` as prefix."""
    body = copy.deepcopy(document)
    defs: dict[str, Any] = body.pop("$defs", {})
    plain = {key: key for key in defs}
    names = {key: key if key not in schemas or schemas[key] == _rewrite(value, plain)
             else f"{name}{key}" for key, value in defs.items()}
    for key, value in defs.items():
        schemas[names[key]] = _rewrite(value, names)
    schemas[name] = _rewrite(body, names)


def install(app: FastAPI) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, description=app.description,
                           routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        for name, kind in COMPONENTS.items():
            add_component(schemas, name, json_schema(kind))
        app.openapi_schema = spec
        return spec

    app.openapi = build  # type: ignore[method-assign]
