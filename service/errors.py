"""One JSON error shape for every 4xx and 5xx.

    {"error": {"code": "text_too_long", "status": 413, "message": "...", "details": {...}}}

Views raise `ApiError`; Werkzeug's own HTTP errors (404, 405, 413 from the
body limit, ...) and any unexpected exception are turned into the same shape
here. No stack trace ever reaches a client: unexpected exceptions are logged
with the request id and answered with a generic 500.
"""
from __future__ import annotations

import errno

import logging
import re

from flask import Flask, jsonify, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("service.errors")

# Headers of a Werkzeug HTTP error worth keeping on our JSON answer.
_KEPT_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")

# Werkzeug's name for a status -> our code, where the plain snake_case of the
# name would be less clear.
_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    500: "internal_error",
    503: "not_ready",
}


class ApiError(Exception):
    """An error answered to the client as-is, in the contract's shape."""

    def __init__(self, status: int, code: str, message: str,
                 details: dict | None = None, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers or {}

    def to_dict(self) -> dict:
        """The body of the `error` member (also used for a batch slot)."""
        return {"code": self.code, "status": self.status,
                "message": self.message, "details": self.details}


def code_for(status: int, name: str = "") -> str:
    if status in _CODES:
        return _CODES[status]
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "error"


def error_response(error: ApiError):
    response = jsonify({"error": error.to_dict()})
    response.status_code = error.status
    for name, value in error.headers.items():
        response.headers[name] = value
    return response


def _from_http_exception(exc: HTTPException) -> ApiError:
    status = exc.code or 500
    headers = {name: value for name, value in exc.get_headers()
               if name in _KEPT_HEADERS}
    details = {}
    if status == 405 and "Allow" in headers:
        details["allowed"] = [m.strip() for m in headers["Allow"].split(",")]
    messages = {
        404: "No such endpoint. See /docs for the API.",
        405: "This endpoint does not accept this method.",
        413: "The request body is larger than the service accepts.",
    }
    message = messages.get(status) or exc.description or exc.name
    if status == 413:
        from flask import current_app
        limit = current_app.config.get("MAX_CONTENT_LENGTH")
        if limit:
            details["max_bytes"] = limit
    return ApiError(status, code_for(status, exc.name), message, details, headers)


def init_app(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def handle_api_error(error: ApiError):
        return error_response(error)

    @app.errorhandler(HTTPException)
    def handle_http_exception(exc: HTTPException):
        return error_response(_from_http_exception(exc))

    @app.errorhandler(Exception)
    def handle_unexpected(exc: Exception):
        log.exception("unhandled exception",
                      extra={"method": request.method, "path": request.path})
        return error_response(ApiError(
            500, "internal_error",
            "The service failed on this request; the error is logged with its request id."))


class TooSlow(ConnectionResetError):
    """A client did not send its request in time (service.worker): the connection is
    dropped as if reset, which gunicorn logs at debug level, not as an error; a body cut
    short this way is answered 408 request_timeout (service.api.inputs)."""

    def __init__(self) -> None:
        super().__init__(errno.ECONNRESET, "the request took too long to arrive")
