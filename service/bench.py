"""The benchmark: `python -m service.bench` (or `make bench`) prints one table.

All measured in one run on this machine:

- throughput of the extraction and of razdel's `sentenize` + `tokenize` on the
  same text (the dev texts repeated to about 1 MB), in interleaved
  repetitions, medians, and their ratio: once as one 1 MB document, once
  article by article (the same 1 MB as separate documents, as a feed sends them);
- memory: peak RSS of one process with the pipeline loaded (and one article
  extracted), and total PSS of a gunicorn server (preloaded) with 1 worker and
  with the configured number of workers, from /proc/*/smaps_rollup;
- HTTP: p50/p99 latency and requests/s of a real gunicorn server on loopback
  for a typical article at 1 and 16 concurrent connections (a load generator
  of threads with http.client in this process), the error count, and the HTTP
  overhead: p50 latency minus the median server-side `stats.elapsed_ms`.

`--profile` prints cProfile's top lines for the extraction instead.
"""
from __future__ import annotations

import argparse
import cProfile
import datetime
import http.client
import json
import os
import platform
import pstats
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from service.procinfo import children, pss_kib, stop

ROOT = Path(__file__).resolve().parent.parent
DEV_TEXTS = ROOT.parent / "shared" / "dev" / "news" / "texts"

# Used when the dev texts are not beside the repository (stated in the output).
SAMPLE = (
    "Министр иностранных дел России Сергей Лавров заявил, что переговоры продолжатся "
    "на следующей неделе. «Мы готовы к диалогу без предварительных условий», — сказал "
    "он журналистам. В МИД Казахстана сообщили, что визит состоится в октябре.\n"
    "«За это время удалось многое сделать для развития гуманитарных связей», — сказано "
    "в сообщении посольства. По словам старшего директора Fitch Владимира Редькина, "
    "рейтинг останется стабильным. Рост цен замедлится, сообщает Интерфакс.\n"
    "Председатель правления «Газпрома» отметил, что «поставки будут продолжены в "
    "полном объёме». Эксперты считают, что спрос восстановится к весне.\n\n"
)


# -- inputs ---------------------------------------------------------------------

def dev_texts(directory: Path = DEV_TEXTS) -> tuple[list[str], str]:
    """The dev articles and where they came from (the sample when absent)."""
    files = sorted(directory.glob("*.txt")) if directory.is_dir() else []
    if files:
        return [f.read_text(encoding="utf-8") for f in files], \
            f"{len(files)} dev news texts (shared/dev/news/texts)"
    return [SAMPLE], "the built-in sample (dev texts not found)"


def corpus(texts: list[str], size: int) -> str:
    base = "\n\n".join(texts)
    return (base * (size // len(base) + 1))[:size]


def typical(texts: list[str]) -> str:
    """The article of median length."""
    return sorted(texts, key=len)[len(texts) // 2]


# -- throughput -------------------------------------------------------------------

def articles(texts: list[str], size: int) -> list[str]:
    """The articles repeated, one document each, to about `size` characters."""
    out, total = [], 0
    while total < size:
        for text in texts:
            out.append(text)
            total += len(text)
    return out


def throughput(pipeline, docs: list[str], repeats: int) -> dict:
    """chars/s of the extraction and of razdel over `docs`, one call per document."""
    from razdel import sentenize, tokenize
    chars = sum(len(d) for d in docs)

    def run_razdel():
        for text in docs:
            for _ in sentenize(text):
                pass
            for _ in tokenize(text):
                pass

    def run_extract():
        for text in docs:
            pipeline.extract(text)

    run_extract()  # warm the caches once
    times = {"extract": [], "razdel": []}
    for i in range(repeats):  # interleaved, alternating which goes first
        order = [("extract", run_extract), ("razdel", run_razdel)]
        for name, fn in (order if i % 2 == 0 else order[::-1]):
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    extract = chars / statistics.median(times["extract"])
    razdel = chars / statistics.median(times["razdel"])
    return {"extract": extract, "razdel": razdel, "ratio": extract / razdel}


def profile(pipeline, text: str, top: int = 15) -> None:
    pipeline.extract(text)
    prof = cProfile.Profile()
    prof.enable()
    pipeline.extract(text)
    prof.disable()
    for key in ("cumulative", "tottime"):
        print(f"\n### top {top} by {key} ({len(text):,} chars)\n")
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.strip_dirs().sort_stats(key).print_stats(top)


# -- memory -----------------------------------------------------------------------

# VmHWM, not ru_maxrss: a child inherits its parent's ru_maxrss across fork
# and exec, while VmHWM belongs to the new process image alone.
_PEAK_RSS = """
import sys
from service.nlp.pipeline import Pipeline
Pipeline.load().extract(sys.stdin.read())
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(line.split()[1])
"""


def peak_rss_mib(article: str) -> float:
    """Peak RSS of a fresh process that loads the pipeline and extracts one article."""
    out = subprocess.run([sys.executable, "-c", _PEAK_RSS], input=article, text=True,
                         capture_output=True, cwd=ROOT, check=True)
    return int(out.stdout.strip()) / 1024  # kB


# -- a gunicorn server -----------------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`gunicorn --config gunicorn.conf.py "service.app:create_app()"` on loopback."""

    def __init__(self, workers: int):
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in ("GUNICORN_CMD_ARGS",)}
        env.update(HOST="127.0.0.1", PORT=str(self.port), WORKERS=str(workers),
                   LOG_LEVEL="warning")
        self.workers = workers
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py",
             "service.app:create_app()"],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE)

    def __enter__(self) -> "Server":
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited: " + self.process.stderr.read().decode()[-2000:])
            try:
                status, _ = request(self.port, "GET", "/ready")
                if status == 200 and len(children(self.process.pid)) >= self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError("gunicorn did not become ready in 60 s")

    def __exit__(self, *exc) -> None:
        stop(self.process, timeout=30)

    def pss_mib(self) -> float:
        pids = [self.process.pid, *sorted(children(self.process.pid))]
        return sum(pss_kib(pid) for pid in pids) / 1024


def request(port: int, method: str, path: str, body: bytes | None = None,
            conn: http.client.HTTPConnection | None = None):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body,
                     headers={"Content-Type": "application/json"} if body else {})
        response = conn.getresponse()
        data = response.read()
        if response.will_close:
            conn.close()
        return response.status, data
    finally:
        if own:
            conn.close()


def load(port: int, body: bytes, connections: int, total: int, seconds: float) -> dict:
    """`total` POSTs (at most `seconds`) from `connections` threads, each with
    one connection kept alive when the server allows it."""
    lock = threading.Lock()
    latencies: list[float] = []
    server_ms: list[float] = []
    errors = [0]
    left = [total]
    deadline = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if left[0] <= 0:
                    break
                left[0] -= 1
            started = time.perf_counter()
            try:
                status, data = request(port, "POST", "/v1/quotes", body, conn)
                elapsed = time.perf_counter() - started
                ok = status == 200
                ms = json.loads(data)["stats"]["elapsed_ms"] if ok else None
            except (OSError, http.client.HTTPException, ValueError):
                conn.close()
                ok, elapsed, ms = False, None, None
            with lock:
                if ok:
                    latencies.append(elapsed)
                    server_ms.append(ms)
                else:
                    errors[0] += 1
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    server = statistics.median(server_ms) if server_ms else float("nan")
    return {"requests": len(latencies) + errors[0], "errors": errors[0], "p50": p50,
            "p99": pct(0.99), "rps": len(latencies) / wall, "server_ms": server,
            "overhead": p50 - server}


# -- the table -----------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of text for throughput")
    parser.add_argument("--repeats", type=int, default=5, help="interleaved repetitions")
    parser.add_argument("--requests", type=int, default=400, help="requests per HTTP load level")
    parser.add_argument("--seconds", type=float, default=20, help="time limit per HTTP load level")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top lines and stop")
    args = parser.parse_args(argv)

    from service.config import Config
    from service.nlp.pipeline import Pipeline

    texts, source = dev_texts()
    text = corpus(texts, args.size)
    article = typical(texts)
    pipeline = Pipeline.load()
    if args.profile:
        profile(pipeline, text)
        return 0

    load_average = os.getloadavg()[0]
    print(f"measuring on {len(text):,} chars of {source} ...", file=sys.stderr)
    speed = throughput(pipeline, [text], args.repeats)
    per_article = throughput(pipeline, articles(texts, args.size), args.repeats)
    del pipeline

    rss = peak_rss_mib(article)
    workers = Config.from_env().workers
    print("starting gunicorn ...", file=sys.stderr)
    with Server(1) as one:
        for _ in range(10):
            request(one.port, "POST", "/v1/quotes", json.dumps({"text": article}).encode())
        pss_one = one.pss_mib()
    body = json.dumps({"text": article}, ensure_ascii=False).encode()
    with Server(workers) as server:
        for _ in range(10 * workers):  # warm every worker
            request(server.port, "POST", "/v1/quotes", body)
        pss_all = server.pss_mib()
        http_results = {c: load(server.port, body, c, args.requests, args.seconds)
                        for c in (1, 16)}

    today = datetime.date.today().isoformat()
    print(f"Measured {today} with `python -m service.bench` (`make bench`) on "
          f"{os.cpu_count()} CPUs (load average {load_average:.1f} at the start), "
          f"Python {platform.python_version()}; text: "
          f"{len(text):,} chars of {source}; typical article: {len(article):,} chars.\n")
    rows = [
        ("extraction throughput, as one text", f"{speed['extract']:,.0f} chars/s"),
        ("razdel sentenize + tokenize, as one text", f"{speed['razdel']:,.0f} chars/s"),
        ("extraction / razdel, as one text", f"{speed['ratio']:.2f}x"),
        ("extraction throughput, article by article", f"{per_article['extract']:,.0f} chars/s"),
        ("razdel sentenize + tokenize, article by article",
         f"{per_article['razdel']:,.0f} chars/s"),
        ("extraction / razdel, article by article", f"{per_article['ratio']:.2f}x"),
        ("peak RSS, one process with the pipeline", f"{rss:.1f} MiB"),
        ("PSS, gunicorn with 1 worker (master + worker)", f"{pss_one:.1f} MiB"),
        (f"PSS, gunicorn with {workers} workers, preloaded", f"{pss_all:.1f} MiB"),
        (f"PSS {workers} workers / 1 worker", f"{pss_all / pss_one:.2f}x"),
    ]
    for c, r in http_results.items():
        name = "connection" if c == 1 else "connections"
        q = "" if c == 1 else "; includes queueing"
        rows += [
            (f"HTTP {c} {name}: p50 / p99 latency", f"{r['p50']:.1f} / {r['p99']:.1f} ms"),
            (f"HTTP {c} {name}: throughput", f"{r['rps']:.1f} req/s ({r['requests']} requests)"),
            (f"HTTP {c} {name}: errors", f"{r['errors']}"),
            (f"HTTP {c} {name}: overhead (p50 - server elapsed_ms {r['server_ms']:.1f}{q})",
             f"{r['overhead']:.1f} ms"),
        ]
    print("| measure | value |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    errors = sum(r["errors"] for r in http_results.values())
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
