"""The gunicorn worker the service runs on: gevent's, with deadlines for reading requests.

A sync worker gives a whole process to one socket until its request has arrived, so two
clients that drip header bytes hold both workers and nobody else is answered. Here every
connection is a greenlet (a few KB), a worker holds up to `worker_connections` of them,
and reading a request has deadlines: its header block must be complete within
HEADER_TIMEOUT seconds of the connection (or of the previous response on a kept-alive
one), its body within BODY_TIMEOUT seconds of the headers. A client that is slower is
disconnected; a body cut short gets 408 from the app (service.api.inputs).

The extraction is CPU-bound and would hold a worker's event loop for its whole run: it
runs in gevent's thread pool instead (`service.extraction.offload`), so that the loop, and /health and
/ready with it, are answered while long documents are being processed.
"""
from __future__ import annotations

import socket
import time

from gunicorn.workers.ggevent import GeventWorker

from service.config import Config
from service.errors import TooSlow


class ReadDeadline:
    """A client socket whose reads fail past a deadline (TooSlow), however the bytes
    trickle in; every other call goes to the socket itself."""

    def __init__(self, sock, seconds: float) -> None:
        self._sock = sock
        self.deadline = time.monotonic() + seconds

    def extend(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def _arm(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TooSlow()
        self._sock.settimeout(left)

    def recv(self, *args):
        self._arm()
        try:
            return self._sock.recv(*args)
        except socket.timeout:
            raise TooSlow() from None

    def recv_into(self, *args):
        self._arm()
        try:
            return self._sock.recv_into(*args)
        except socket.timeout:
            raise TooSlow() from None

    def __getattr__(self, name):
        return getattr(self._sock, name)


class QuotesWorker(GeventWorker):
    """gevent's worker with read deadlines (see the module's docstring)."""

    def init_process(self):
        config = Config.from_env()
        self.header_timeout = float(config.header_timeout)
        self.body_timeout = float(config.body_timeout)
        super().init_process()

    def handle(self, listener, client, addr):
        super().handle(listener, ReadDeadline(client, self.header_timeout), addr)

    def handle_request(self, listener_name, req, sock, addr):
        sock.extend(self.body_timeout)
        try:
            return super().handle_request(listener_name, req, sock, addr)
        finally:
            sock.extend(self.header_timeout)  # the next request on a kept-alive connection

