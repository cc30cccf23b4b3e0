"""Slow clients against a running server, as an attacker would send them, while a probe
checks every second that the service still answers. Shared by the test against gunicorn
started as the Dockerfile starts it (test_slow_clients.py) and the one against the
container (test_container_run.py). Only loopback is ever a target."""
from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlparse

import requests

ATTACK_SECONDS = 30
HEADER_DRIPPERS = 200         # connections that send one header line a second, forever
BODY_DRIPPERS = 50            # connections that declare 100 KB and send one byte a second
DECLARED_BODY = 100_000
HEALTH_WITHIN = 1.0           # seconds a health check may take
QUOTES_WITHIN = 2.0           # seconds a POST of a 3,000-character news text may take


@dataclass
class Report:
    checks: list[tuple[float, str, int | str, float]] = field(default_factory=list)  # (t, what, status, seconds)
    header_closed_after: list[float] = field(default_factory=list)  # seconds from connect to the server's close
    body_closed_after: list[float] = field(default_factory=list)
    body_statuses: list[str] = field(default_factory=list)          # first line the server sent a body dripper
    lock: threading.Lock = field(default_factory=threading.Lock)

    def failed_checks(self) -> list:
        return [c for c in self.checks if c[2] != 200 or c[3] > (HEALTH_WITHIN if c[1] == "health" else QUOTES_WITHIN)]


def _connect(host: str, port: int) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=5)
    sock.settimeout(1.0)
    return sock


def _closed_by_server(sock: socket.socket) -> bytes | None:
    """What the server sent before closing, or None while the connection is open."""
    try:
        data = sock.recv(4096)
    except socket.timeout:
        return None
    except OSError:
        return b""
    if not data:
        return b""
    rest = data
    try:
        while True:
            more = sock.recv(4096)
            if not more:
                break
            rest += more
    except OSError:
        pass
    return rest


def _drip(host: str, port: int, stop_at: float, body: bool, report: Report) -> None:
    """Open a connection and drip; when the server closes it, note when, and reconnect."""
    while time.monotonic() < stop_at:
        try:
            sock = _connect(host, port)
        except OSError:
            time.sleep(0.5)
            continue
        opened = time.monotonic()
        try:
            if body:
                sock.sendall(b"POST /v1/quotes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             b"Content-Length: %d\r\n\r\n" % DECLARED_BODY)
            else:
                sock.sendall(b"POST /v1/quotes HTTP/1.1\r\n")
            n = 0
            while time.monotonic() < stop_at:
                answer = _closed_by_server(sock)  # waits up to a second
                if answer is not None:
                    with report.lock:
                        (report.body_closed_after if body else report.header_closed_after).append(
                            time.monotonic() - opened)
                        if body:
                            report.body_statuses.append(answer.split(b"\r\n", 1)[0].decode("latin-1"))
                    break
                try:
                    sock.sendall(b"{" if body and n == 0 else b" " if body else b"X-Drip-%d: y\r\n" % n)
                except OSError:
                    continue  # the server closed it: the next recv says so
                n += 1
        finally:
            sock.close()


def _probe(url: str, text: str, stop_at: float, report: Report) -> None:
    started = time.monotonic()
    while time.monotonic() < stop_at:
        tick = time.monotonic()
        for what in ("health", "quotes"):
            t0 = time.monotonic()
            try:
                if what == "health":
                    status = requests.get(url + "/health", timeout=HEALTH_WITHIN * 3).status_code
                else:
                    status = requests.post(url + "/v1/quotes", json={"text": text},
                                           timeout=QUOTES_WITHIN * 3).status_code
            except requests.RequestException as exc:
                status = type(exc).__name__
            with report.lock:
                report.checks.append((round(t0 - started, 1), what, status, round(time.monotonic() - t0, 3)))
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))


def attack(url: str, text: str, seconds: float = ATTACK_SECONDS) -> Report:
    """Run the drippers and the probe for ``seconds``; return what happened."""
    parsed = urlparse(url)
    assert parsed.hostname in ("127.0.0.1", "localhost", "::1"), "only loopback is a target"
    report = Report()
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=_drip, args=(parsed.hostname, parsed.port, stop_at, False, report), daemon=True)
               for _ in range(HEADER_DRIPPERS)]
    threads += [threading.Thread(target=_drip, args=(parsed.hostname, parsed.port, stop_at, True, report), daemon=True)
                for _ in range(BODY_DRIPPERS)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # the drippers are connected before the first check
    _probe(url, text, stop_at, report)
    for t in threads:
        t.join(timeout=10)
    return report
