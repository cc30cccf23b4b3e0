"""gunicorn settings for the quotes service.

    gunicorn --config gunicorn.conf.py "service.app:create_app()"

is how `make run`, the tests and the container start the service. Every value
comes from service/config.py, which reads the environment (see .env.example);
gunicorn's own command-line flags still override what is set here. Names
starting with `_` are ours; gunicorn ignores them.
"""
import glob
import os
import shutil
import sys
import tempfile

from service.config import Config, ConfigError

try:
    _config = Config.from_env()
except ConfigError as _error:  # a bad setting: say which, and do not start
    sys.exit(f"quotes-service: {_error}")

# --- Where to listen, and how many processes ---------------------------------
bind = _config.bind
# Extraction is CPU-bound: one process per core is the useful number.
workers = _config.workers
# gevent's worker, with read deadlines (service/worker.py). Measured with the attack
# of tests/slowattack.py (connections that drip headers or a body): with sync workers
# every probe failed (/health timed out) for as long as they dripped; with this worker
# every probe is answered in time and the drippers are cut at the deadlines. Here a connection is a greenlet, a
# worker holds up to WORKER_CONNECTIONS of them while they send, a request's headers
# must arrive within HEADER_TIMEOUT seconds and its body within BODY_TIMEOUT, and the
# extraction runs in gevent's thread pool so that the worker's event loop answers
# /health and /ready meanwhile. (gthread does not fit: in gunicorn 27 a thread reads
# a request's headers blocking, so clients that drip headers hold every thread.)
worker_class = "service.worker.QuotesWorker"
worker_connections = _config.worker_connections
# gevent's worker waits this long for each request's headers on a connection (the
# first one included) and for a kept-alive connection's next request: the header
# deadline, HEADER_TIMEOUT.
keepalive = _config.header_timeout

# Load the app (and the extraction pipeline with its dictionaries) once in the
# master before forking, so workers share that memory copy-on-write and a
# broken pipeline stops start-up instead of every worker crashing in a loop.
preload_app = True

# --- Timeouts ------------------------------------------------------------------
# A worker silent for this long (one very long text) is killed and replaced.
timeout = _config.worker_timeout
# After SIGTERM, in-flight requests get this long to finish before workers are killed.
graceful_timeout = _config.graceful_timeout

# --- Request limits gunicorn enforces before the app sees anything -----------
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# --- Logs ----------------------------------------------------------------------
# Access log: one JSON line per request on standard output, with the request id.
accesslog = "-"
# Error log (start-up, worker restarts, the app's own JSON records): standard error.
errorlog = "-"
loglevel = _config.log_level
logger_class = "service.logs.GunicornLogger"

# --- Running in a container as a user without a home --------------------------
# gunicorn >= 25.1 opens a control socket in $HOME/.gunicorn by default; we do
# not use it, and a non-root user may have no writable home.
control_socket_disable = True
# Workers' heartbeat files: in memory when /dev/shm exists (Docker's /tmp may
# be disk or read-only).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None

# gunicorn writes its own `Server` header; older releases put their version in
# it. Send a plain name instead.
import gunicorn.http.wsgi as _wsgi  # noqa: E402

_wsgi.SERVER = _wsgi.SERVER_SOFTWARE = "quotes-service"

# --- Metrics across workers ----------------------------------------------------
# prometheus_client's multiprocess mode: every worker writes its values to
# files in PROMETHEUS_MULTIPROC_DIR and /metrics sums them. The variable must
# be set before prometheus_client is imported, that is here, before the app is
# preloaded. A directory given by the operator is emptied of old values at
# start; without one we make a private temporary directory and remove it at exit.
# (_QUOTES_METRICS_DIR remembers the directory already prepared, so that a
# configuration reload on SIGHUP keeps the values.)
if os.environ.get("_QUOTES_METRICS_DIR") is None:
    if _config.metrics_dir:
        os.makedirs(_config.metrics_dir, exist_ok=True)
        for _stale in glob.glob(os.path.join(_config.metrics_dir, "*.db")):
            os.remove(_stale)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = _config.metrics_dir
        os.environ["_QUOTES_METRICS_DIR"] = ""
    else:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="quotes-metrics-")
        os.environ["_QUOTES_METRICS_DIR"] = os.environ["PROMETHEUS_MULTIPROC_DIR"]


def child_exit(server, worker):
    """A worker is gone: let prometheus_client drop its live gauges."""
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    """Remove the temporary metrics directory if we made it."""
    made = os.environ.get("_QUOTES_METRICS_DIR")
    if made:
        shutil.rmtree(made, ignore_errors=True)
