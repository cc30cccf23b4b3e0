"""What happens around every request: the request id, API keys, CORS,
security headers, and the request metrics."""
from __future__ import annotations

import hmac
import re
import time
import uuid

from flask import Flask, g, request

from service.config import Config
from service.errors import ApiError
from service.metrics import Metrics

# Reachable without an API key: the probes, so that orchestrators can probe them,
# and the page's own shell (HTML, script, style; no data), so that a browser can
# open it and send the key, typed into the page, with every API call it makes.
PUBLIC_PATHS = frozenset({"/health", "/ready", "/", "/static/page.js", "/static/page.css"})

# A client's X-Request-ID is kept when it looks like an id; otherwise we make one.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
# Pages are served from this service only: no CDN, no inline script.
HTML_POLICY = ("default-src 'self'; img-src 'self' data:; object-src 'none'; "
               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

CORS_METHODS = "GET, POST, OPTIONS"
CORS_HEADERS = "Authorization, Content-Type, X-Request-ID"


def init_app(app: Flask, config: Config, metrics: Metrics) -> None:
    keys = tuple(key.encode("utf-8") for key in config.api_keys)
    origins = frozenset(config.cors_origins)

    def allowed_origin() -> str | None:
        origin = request.headers.get("Origin")
        if not origin or not origins:
            return None
        if "*" in origins:
            return "*"
        return origin if origin.rstrip("/") in origins else None

    @app.before_request
    def start_request():
        g.started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex

    @app.before_request
    def cors_preflight():
        if (request.method == "OPTIONS" and allowed_origin()
                and "Access-Control-Request-Method" in request.headers):
            response = app.response_class(status=204)
            response.headers["Access-Control-Allow-Methods"] = CORS_METHODS
            response.headers["Access-Control-Allow-Headers"] = CORS_HEADERS
            response.headers["Access-Control-Max-Age"] = "600"
            return response
        return None

    @app.before_request
    def authenticate():
        if not keys or request.path in PUBLIC_PATHS:
            return
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        # WSGI header values are bytes decoded as latin-1: get the bytes back.
        given = token.strip().encode("latin-1", "replace")
        valid = False
        # Compare with every key, in constant time, without stopping early.
        for key in keys:
            valid |= hmac.compare_digest(given, key)
        if not (valid and scheme.lower() == "bearer"):
            raise ApiError(401, "unauthorized",
                           "This service needs an API key: send `Authorization: Bearer KEY`.",
                           headers={"WWW-Authenticate": 'Bearer realm="quotes"'})

    @app.after_request
    def finish_request(response):
        response.headers["X-Request-ID"] = g.get("request_id") or uuid.uuid4().hex
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if response.mimetype == "text/html":
            response.headers.setdefault("Content-Security-Policy", HTML_POLICY)
        if request.path.startswith("/v1/"):
            response.headers.setdefault("Cache-Control", "no-store")
        origin = allowed_origin()
        if origin:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Access-Control-Expose-Headers"] = "X-Request-ID"
        if origins and "*" not in origins:
            # the answer depends on Origin: caches must keep them apart
            response.vary.add("Origin")
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        method = request.method if request.method in _METHODS else "OTHER"
        started = g.get("started", time.perf_counter())
        metrics.observe_request(endpoint, method, response.status_code,
                                time.perf_counter() - started)
        return response
