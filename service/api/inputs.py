"""Reading request bodies: content type, bytes, UTF-8, JSON, nesting depth,
schema. Every failure is an ApiError in the contract's shape, never a 500."""
from __future__ import annotations

import json

from flask import current_app, request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge

from service.errors import ApiError, TooSlow
from service.state import state

JSON_TYPES = ("application/json",)
TEXT_TYPES = ("text/plain",)
UTF8_NAMES = ("utf-8", "utf8", "us-ascii", "ascii")


def unsupported_media_type(accepted: tuple[str, ...]) -> ApiError:
    return ApiError(415, "unsupported_media_type",
                    f"Send the body as {' or '.join(accepted)}.",
                    {"content_type": request.content_type, "accepted": list(accepted)})


def body_bytes() -> bytes:
    """The raw body, at most MAX_CONTENT_LENGTH bytes, else 413 body_too_large; 408
    request_timeout when the client is too slow to send it (service.worker)."""
    try:
        return _read_body()
    except (TooSlow, ClientDisconnected) as exc:
        # Werkzeug reports a failed read of the body as a disconnection; ours says why
        if not isinstance(exc, TooSlow) and not isinstance(exc.__context__, TooSlow):
            raise
        raise ApiError(408, "request_timeout", "The request body did not arrive in time.",
                       {"body_timeout_seconds": state().config.body_timeout}) from None


def _read_body() -> bytes:
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if (limit is None or request.content_length is not None
            or not request.environ.get("wsgi.input_terminated")):
        # With Content-Length, Werkzeug refuses a body over the limit up front.
        return request.get_data(cache=False)
    # A chunked body (no Content-Length): Werkzeug would silently cut it at the
    # limit, so read one byte past it to tell "exactly the limit" from "more".
    stream = request.environ["wsgi.input"]
    chunks, size = [], 0
    while size <= limit:
        chunk = stream.read(min(64 * 1024, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise RequestEntityTooLarge()
    return b"".join(chunks)


def decode_utf8(raw: bytes, *, bom: bool = False) -> str:
    try:
        return raw.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_utf8", "The body is not valid UTF-8.",
                       {"position": exc.start, "reason": exc.reason}) from None


def _reject_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _too_deep(value, limit: int) -> bool:
    """True when containers nest deeper than `limit` (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children
                     if isinstance(child, (dict, list)))
    return False


def parse_json(raw: bytes, max_depth: int):
    text = decode_utf8(raw, bom=True)
    too_deep = ApiError(400, "json_too_deep",
                        f"The JSON nests deeper than {max_depth} levels.",
                        {"max_depth": max_depth})
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise ApiError(400, "invalid_json", f"The body is not valid JSON: {exc.msg}.",
                       {"line": exc.lineno, "column": exc.colno, "position": exc.pos}) from None
    except RecursionError:  # nesting far past any limit: the decoder gave up
        raise too_deep from None
    except ValueError as exc:  # NaN/Infinity, an integer too long to convert
        raise ApiError(400, "invalid_json", f"The body is not valid JSON: {exc}.") from None
    if _too_deep(value, max_depth):
        raise too_deep
    return value


def validation_error(exc: ValidationError) -> ApiError:
    return ApiError(422, "validation_error", "The request does not match the schema.",
                    {"fields": exc.messages})


def load(schema: Schema, value) -> dict:
    try:
        return schema.load(value)
    except ValidationError as exc:
        raise validation_error(exc) from None


def read_json(max_depth: int):
    """The JSON body of a request that must be JSON."""
    if request.mimetype not in JSON_TYPES:
        raise unsupported_media_type(JSON_TYPES)
    return parse_json(body_bytes(), max_depth)


def read_document(schema: Schema, max_depth: int) -> dict:
    """`{"text", "id"}` from a JSON body, or from a text/plain body (id None)."""
    if request.mimetype in TEXT_TYPES:
        charset = request.mimetype_params.get("charset", "utf-8").lower()
        if charset not in UTF8_NAMES:
            raise ApiError(415, "unsupported_media_type",
                           "Send text/plain bodies in UTF-8 (charset=utf-8).",
                           {"content_type": request.content_type, "accepted": ["utf-8"]})
        return load(schema, {"text": decode_utf8(body_bytes())})
    if request.mimetype in JSON_TYPES:
        return load(schema, parse_json(body_bytes(), max_depth))
    raise unsupported_media_type(JSON_TYPES + ("text/plain; charset=utf-8",))
