"""Slow clients cannot take the service down: 200 connections that drip header lines and
50 that drip a declared 100 KB body, for 30 s, against gunicorn started as the Dockerfile
starts it, while /health and a real extraction are checked every second."""
from __future__ import annotations

import json

import pytest
import requests
from apitools import NEWS
from conftest import Server
from slowattack import attack

from service.config import Config
from service.procinfo import children, pss_kib

pytestmark = pytest.mark.slow

DEFAULTS = Config()
SLACK = 3.0   # seconds past a deadline within which the server has closed the connection


def news_text(chars: int = 3000) -> str:
    text = NEWS
    while len(text) < chars:
        text += "\n" + NEWS
    return text[:chars]


def server_pss_kib(srv: Server) -> int:
    pids = {srv.process.pid} | children(srv.process.pid)
    return sum(pss_kib(pid) for pid in pids)


def test_slow_clients_do_not_starve_the_service(tmp_path_factory):
    srv = Server({}, tmp_path_factory.mktemp("slow-clients"))
    try:
        srv.wait_ready()
        text = news_text()
        for _ in range(5):  # warm both workers before measuring memory
            assert requests.post(srv.url + "/v1/quotes", json={"text": text}, timeout=10).status_code == 200
        before = server_pss_kib(srv)
        report = attack(srv.url, text)
        after = server_pss_kib(srv)
        summary = json.dumps({"failed": report.failed_checks()[:10], "checks": len(report.checks),
                              "header_closed": sorted(report.header_closed_after)[-3:],
                              "body_closed": sorted(report.body_closed_after)[-3:],
                              "body_statuses": sorted(set(report.body_statuses))})
        # every second, /health within 1 s and a 3,000-character text within 2 s
        assert len(report.checks) >= 2 * 25, summary
        assert not report.failed_checks(), summary
        # the server closed the slow connections within the documented deadlines
        assert report.header_closed_after and report.body_closed_after, summary
        assert max(report.header_closed_after) <= DEFAULTS.header_timeout + SLACK, summary
        assert max(report.body_closed_after) <= DEFAULTS.header_timeout + DEFAULTS.body_timeout + SLACK, summary
        assert {s.split(" ", 2)[1] for s in report.body_statuses if s} <= {"408"}, summary
        # and holds no more memory than before, within 20%
        assert after <= before * 1.2, (before, after)
    finally:
        srv.stop()


def test_probes_are_answered_while_long_documents_are_extracted(server):
    """Both workers busy with long texts: /health and /ready still answer within 1 s
    (the extraction runs in a thread; the worker's event loop goes on)."""
    import threading
    import time
    long_text = news_text(300_000)
    results = []

    def post():
        results.append(requests.post(server.url + "/v1/quotes", json={"text": long_text}, timeout=120).status_code)

    posts = [threading.Thread(target=post) for _ in range(4)]
    for t in posts:
        t.start()
    time.sleep(0.5)
    probes = []
    while any(t.is_alive() for t in posts) and len(probes) < 40:
        for path in ("/health", "/ready"):
            t0 = time.monotonic()
            status = requests.get(server.url + path, timeout=5).status_code
            probes.append((path, status, time.monotonic() - t0))
        time.sleep(0.2)
    for t in posts:
        t.join()
    assert results == [200] * 4
    assert len(probes) >= 4, probes   # the probes ran while the texts were being extracted
    assert all(status == 200 and seconds < 1.0 for _, status, seconds in probes), probes
