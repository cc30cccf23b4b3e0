"""Prometheus metrics: requests and their latency by endpoint and status,
quotes found, text sizes.

Under gunicorn every worker is its own process, so the counts must be summed
across them. prometheus_client's multiprocess mode does that: when the
environment variable PROMETHEUS_MULTIPROC_DIR names a directory (gunicorn.conf.py
sets it before the app is loaded, and empties it at start), each process
writes its values to files there, and /metrics reads them all. Without it (the
CLI, the Flask test client) the values live in this process's registry.
"""
from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
TEXT_BUCKETS = (100, 300, 1_000, 3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000, 3_000_000)


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")


class Metrics:
    """The service's metrics in a registry of their own (one per app)."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "quotes_http_requests_total", "HTTP requests answered.",
            ["endpoint", "method", "status"], registry=self.registry)
        self.latency = Histogram(
            "quotes_http_request_duration_seconds", "Time to answer an HTTP request.",
            ["endpoint", "method", "status"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.documents = Counter(
            "quotes_documents_total", "Documents processed, by outcome (ok or an error code).",
            ["outcome"], registry=self.registry)
        self.quotes = Counter(
            "quotes_found_total", "Quotes found, by type.", ["type"], registry=self.registry)
        self.text_chars = Histogram(
            "quotes_text_chars", "Length of the texts processed, in characters.",
            buckets=TEXT_BUCKETS, registry=self.registry)

    def observe_request(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        labels = (endpoint, method, str(status))
        self.requests.labels(*labels).inc()
        self.latency.labels(*labels).observe(seconds)

    def observe_document(self, result: dict) -> None:
        self.documents.labels("ok").inc()
        self.text_chars.observe(result.get("stats", {}).get("chars", 0))
        for quote in result.get("quotes", ()):
            self.quotes.labels(str(quote.get("type", "unknown"))).inc()

    def observe_document_error(self, code: str) -> None:
        self.documents.labels(code).inc()

    def render(self) -> bytes:
        """The Prometheus text exposition of every process's values."""
        if multiprocess_dir():
            from prometheus_client import multiprocess
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)
