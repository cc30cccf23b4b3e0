"""Shared fixtures: the loaded pipeline, Flask apps on it, and real gunicorn
servers on loopback ports started with the container's own command."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from service.procinfo import stop

ROOT = Path(__file__).resolve().parent.parent

# The command that serves the app: the Dockerfile's CMD, `make run`, and the
# servers below (test_container.py checks that they are the same).
GUNICORN_ARGV = ["gunicorn", "--config", "gunicorn.conf.py", "service.app:create_app()"]

# The environment variables of the service, cleared before a server starts so
# that the machine's own settings cannot leak into a test.
SERVICE_ENV = ("HOST", "PORT", "WORKERS", "WORKER_TIMEOUT", "GRACEFUL_TIMEOUT", "HEADER_TIMEOUT", "BODY_TIMEOUT",
               "WORKER_CONNECTIONS",
               "LOG_LEVEL", "PROMETHEUS_MULTIPROC_DIR", "prometheus_multiproc_dir",
               "GUNICORN_CMD_ARGS", "FLASK_DEBUG")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def executable(name: str) -> str:
    """A console script of this environment (the venv's bin directory)."""
    candidate = Path(sys.executable).parent / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed in this environment")
    return found


class Server:
    """A gunicorn master with its workers, serving the app on 127.0.0.1:port."""

    def __init__(self, env: dict[str, str], log_dir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stdout_path = log_dir / "stdout.log"
        self.stderr_path = log_dir / "stderr.log"
        full_env = {k: v for k, v in os.environ.items()
                    if k not in SERVICE_ENV and not k.startswith("QUOTES_")}
        full_env.pop("XDG_RUNTIME_DIR", None)
        # As in the container: a user whose home directory does not exist.
        self.home = log_dir / "no-home"
        full_env.update({"HOST": "127.0.0.1", "PORT": str(self.port), "WORKERS": "2",
                         "PYTHONUNBUFFERED": "1", "HOME": str(self.home)})
        full_env.update(env)
        self.env = full_env
        self._out = open(self.stdout_path, "wb")
        self._err = open(self.stderr_path, "wb")
        self.process = subprocess.Popen(
            [executable(GUNICORN_ARGV[0]), *GUNICORN_ARGV[1:]], cwd=ROOT, env=full_env,
            stdout=self._out, stderr=self._err, stdin=subprocess.DEVNULL)

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n"
                                   + self.stderr_path.read_text(errors="replace")[-3000:])
            try:
                if requests.get(self.url + "/ready", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not become ready:\n"
                           + self.stderr_path.read_text(errors="replace")[-3000:])

    def stop(self) -> None:
        stop(self.process, timeout=40)
        self._out.close()
        self._err.close()

    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")


def start_server(tmp_path_factory, name: str, env: dict[str, str]) -> Server:
    server = Server(env, tmp_path_factory.mktemp(name))
    try:
        server.wait_ready()
    except Exception:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The service with its default settings."""
    srv = start_server(tmp_path_factory, "server", {})
    yield srv
    srv.stop()


API_KEYS = ("k-3f9a1c7e", "second-key-2")
CORS_ORIGIN = "https://newsroom.example"
SMALL_LIMITS = {"QUOTES_MAX_TEXT_CHARS": "200", "QUOTES_MAX_BATCH": "3",
                "QUOTES_MAX_BODY_BYTES": "4000", "QUOTES_MAX_JSON_DEPTH": "4"}


@pytest.fixture(scope="session")
def secured_server(tmp_path_factory):
    """The service with API keys, a CORS origin and small limits."""
    env = {"QUOTES_API_KEYS": ",".join(API_KEYS), "QUOTES_CORS_ORIGINS": CORS_ORIGIN,
           **SMALL_LIMITS}
    srv = start_server(tmp_path_factory, "secured", env)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def pipeline():
    """The extraction pipeline, loaded once for the whole session."""
    from service.nlp.pipeline import Pipeline
    return Pipeline.load()


@pytest.fixture
def make_app(pipeline, monkeypatch):
    """create_app on the shared pipeline, with config overrides."""
    for name in SERVICE_ENV:
        monkeypatch.delenv(name, raising=False)
    for name in list(os.environ):
        if name.startswith("QUOTES_"):
            monkeypatch.delenv(name)

    from service.app import create_app

    def make(pipeline_=pipeline, **overrides):
        return create_app(overrides, pipeline=pipeline_)
    return make


@pytest.fixture
def client(make_app):
    return make_app().test_client()
