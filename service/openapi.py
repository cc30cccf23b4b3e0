"""The OpenAPI 3 document, generated from the marshmallow schemas and the
app's own routes. Each view carries its operation description (`@operation`)
next to its code; nothing here is written by hand as JSON."""
from __future__ import annotations

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask

import schemas
from service import __version__
from service.config import Config

DESCRIPTION = (
    "Finds quotes and their speakers in Russian news text. Every span is "
    "`{text, start, end}` with `start`/`end` as code-point offsets into the text "
    "exactly as received, and `input[start:end] == text` always holds. Every "
    "non-2xx answer has the shape of the `Error` schema."
)

# Component name -> schema class; names are the class names without "Schema".
COMPONENTS = {
    name[: -len("Schema")]: getattr(schemas, name)
    for name in schemas.__all__
}

# Error statuses every documented operation may answer, with their meaning.
ERRORS = {
    400: "Malformed body: not UTF-8 (`invalid_utf8`), not JSON (`invalid_json`), "
         "or nested too deep (`json_too_deep`).",
    401: "Missing or wrong API key (`unauthorized`).",
    404: "No such endpoint (`not_found`).",
    405: "Method not allowed (`method_not_allowed`); the `Allow` header lists the methods.",
    408: "The body did not arrive within BODY_TIMEOUT seconds of the headers (`request_timeout`).",
    413: "Over a limit: `body_too_large`, `text_too_long` or `batch_too_large`.",
    415: "Unsupported content type (`unsupported_media_type`).",
    422: "The body does not match the schema (`validation_error`); "
         "`details.fields` maps each field to its messages.",
    500: "The service failed (`internal_error`); nothing internal is shown.",
    503: "The extraction pipeline is not loaded yet (`not_ready`).",
}


def operation(*, summary: str, tags: list[str], responses: dict, description: str = "",
              request: dict | None = None, errors: tuple[int, ...] = (), public: bool = False,
              operation_id: str | None = None):
    """Describe a view for the OpenAPI document.

    responses: {status: (description, schema class or None, content type)};
    request: {content type: schema class or an inline schema dict};
    errors: the error statuses this view answers besides 404/405/500;
    public: reachable without an API key;
    operation_id: the name generated clients give the call (the view's name by default).
    """
    def decorate(view):
        view.openapi = dict(summary=summary, tags=tags, description=description,
                            request=request, responses=responses, errors=errors,
                            public=public, operation_id=operation_id)
        return view
    return decorate


def _content(schema, content_type="application/json") -> dict:
    if schema is None:
        return {}
    return {"content": {content_type: {"schema": schema}}}


def _operation(doc: dict, view_name: str, config: Config) -> dict:
    op = {"operationId": doc["operation_id"] or view_name, "summary": doc["summary"], "tags": doc["tags"]}
    if doc["description"]:
        op["description"] = doc["description"]
    if doc["request"]:
        # A body of two content types is marked optional: openapi-python-client 0.29 writes
        # `| Unset` for such a body without importing `Unset` when it is required (its issue
        # 1451), and the client would not import. The service still answers a missing body
        # with 400, 415 or 422 in the error shape, as it does any bad body.
        op["requestBody"] = {"required": len(doc["request"]) == 1, "content": {
            ctype: {"schema": schema} for ctype, schema in doc["request"].items()}}
    responses = {}
    for status, (text, schema, *ctype) in doc["responses"].items():
        responses[str(status)] = {"description": text,
                                  **_content(schema, *(ctype or ["application/json"]))}
    statuses = set(doc["errors"]) | {500}
    if config.api_keys and not doc["public"]:
        statuses.add(401)
        op["security"] = [{"bearerAuth": []}]
    if doc["request"]:
        statuses.add(405)
    for status in sorted(statuses):
        responses[str(status)] = {"description": ERRORS[status],
                                  **_content(schemas.ErrorSchema)}
    op["responses"] = responses
    return op


def _path(rule: str) -> str:
    """Werkzeug's `/x/<int:id>` -> OpenAPI's `/x/{id}`."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def build_spec(app: Flask, config: Config) -> dict:
    spec = APISpec(
        title="Quotes service",
        version=__version__,
        openapi_version="3.1.0",
        info={"description": DESCRIPTION},
        plugins=[MarshmallowPlugin()],
    )
    for name, schema in sorted(COMPONENTS.items()):
        # Nested schemas are registered by the plugin under the same names.
        if name not in spec.components.schemas:
            spec.components.schema(name, schema=schema)
    if config.api_keys:
        spec.components.security_scheme(
            "bearerAuth", {"type": "http", "scheme": "bearer",
                           "description": "One of the keys in QUOTES_API_KEYS."})
    paths: dict[str, dict] = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        doc = getattr(view, "openapi", None)
        if doc is None:
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(_path(rule.rule), {})[method.lower()] = _operation(
                doc, rule.endpoint.rsplit(".", 1)[-1], config)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    # OpenAPI 3.1: a nullable reference is `anyOf: [{$ref}, {type: "null"}]`, which client
    # generators read as "that type or null" (3.0's `nullable` beside a reference they cannot)
    return spec.to_dict()

