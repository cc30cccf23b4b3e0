"""Structured logs: one JSON object per line, with the request id.

The app's own records go to standard error; gunicorn's access log (one line
per request, written by `GunicornLogger.access`) goes to standard output. Both
carry `request_id`, the id the client sent in `X-Request-ID` or the one we
made up, which is also returned in the response's `X-Request-ID` header.
"""
from __future__ import annotations

import json
import logging
import sys
import time

from flask import g, has_request_context

_STANDARD_ATTRS = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Formats a record as one line of JSON. Extra fields given with
    `log.info("...", extra={"chars": 10})` become members of the object."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                  + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None)
        if request_id is None and has_request_context():
            request_id = g.get("request_id")
        if request_id:
            entry["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str = "info", stream=None) -> None:
    """Send the app's logs (the `service` logger tree) as JSON lines to stderr.
    Idempotent: calling it again only changes the level."""
    logger = logging.getLogger("service")
    logger.setLevel(level.upper())
    logger.propagate = False
    if not any(getattr(h, "_quotes_json", False) for h in logger.handlers):
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(JsonFormatter())
        handler._quotes_json = True
        logger.addHandler(handler)


try:
    from gunicorn.glogging import Logger as _GunicornBaseLogger
except ImportError:  # the CLI runs without gunicorn installed
    _GunicornBaseLogger = None

if _GunicornBaseLogger is not None:

    class GunicornLogger(_GunicornBaseLogger):
        """gunicorn's logger with JSON lines for its error and access logs."""

        def setup(self, cfg):
            super().setup(cfg)
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())

        def access(self, resp, req, environ, request_time):
            if not self.access_log_enabled:
                return
            try:
                status = resp.status
                if isinstance(status, str):
                    status = status.split(None, 1)[0]
                headers = resp.headers.items() if hasattr(resp.headers, "items") else resp.headers
                request_id = next((v for k, v in headers if k.lower() == "x-request-id"), None)
                self.access_log.info("request", extra={
                    "request_id": request_id,
                    "remote": environ.get("REMOTE_ADDR"),
                    "method": environ.get("REQUEST_METHOD"),
                    "path": environ.get("PATH_INFO"),
                    "query": environ.get("QUERY_STRING") or None,
                    "status": int(status) if str(status).isdigit() else status,
                    "bytes": getattr(resp, "sent", None),
                    "duration_ms": round(request_time.total_seconds() * 1000, 3),
                    "user_agent": environ.get("HTTP_USER_AGENT"),
                })
            except Exception:
                self.exception("could not write the access log line")
