"""Hostile input, load and failure (issue 6): the service keeps working.

- linear time: 100,000 characters of pathological text cost at most 5x the
  time of 100,000 characters of real news;
- properties of `Pipeline.extract` on any string (hypothesis);
- schema fuzzing of the HTTP API from its own /openapi.json (schemathesis);
- a real gunicorn server on loopback under a burst of mixed requests, with a
  worker killed by SIGKILL and the master stopped by SIGTERM mid-request.
"""
from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import random
import signal
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from apitools import spans_of
from conftest import start_server
from service.bench import DEV_TEXTS, SAMPLE  # the same news for the bound as for the benchmark
from service.procinfo import children, rss_kib

N = 100_000
def news_text(size: int) -> str:
    """`size` characters of real news: the dev texts, else the sample above."""
    files = sorted(DEV_TEXTS.glob("*.txt")) if DEV_TEXTS.is_dir() else []
    base = "\n\n".join(f.read_text(encoding="utf-8") for f in files) or SAMPLE
    return (base * (size // len(base) + 1))[:size]


def repeat(piece: str, size: int = N) -> str:
    return (piece * (size // len(piece) + 1))[:size]


def random_unicode(size: int = N, seed: int = 6) -> str:
    """Combining marks, right-to-left text and marks, emoji (with skin tones,
    flags, ZWJ), CJK, some Cyrillic: exactly `size` code points."""
    rng = random.Random(seed)
    pools = [
        [chr(c) for c in range(0x0300, 0x0370)],                      # combining marks
        [chr(c) for c in range(0x05D0, 0x05EB)] + [chr(c) for c in range(0x0627, 0x064B)],
        ["\u200f", "\u200e", "\u202e", "\u202c", "\u2067", "\u2069"],  # bidi controls
        [chr(c) for c in range(0x1F600, 0x1F650)] + ["\U0001F3FD", "\u200d", "\U0001F1F7"],
        [chr(c) for c in range(0x4E00, 0x4F00)] + ["。", "「", "」"],
        list("абвгдеёжзийклмнопрстуфхцчшщъыьэюя«»„“— .,"),
    ]
    return "".join(rng.choice(rng.choice(pools)) for _ in range(size))


HOSTILE = {
    "straight_quotes": '"' * N,
    "guillemets_alternating": repeat("«»"),
    "unclosed_guillemet": repeat("«а "),
    "zayavil_chto": repeat("заявил, что "),
    "skazal_on": repeat("– сказал он. "),
    "one_long_word": "а" * N,
    "only_spaces": " " * N,
    "nul": "\0" * N,
    "random_unicode": random_unicode(),
    "crlf_nbsp": repeat("Он сказал:\r\n«Мы\u00a0готовы»\u00a0— и\u00a0ушёл.\r\n"),
}

TIMES_NEWS = 5          # the bound: at most 5x the time of real news
FLOOR_SECONDS = 0.1     # absolute slack so that noise on tiny times cannot fail
RUNS = 3                # medians of this many runs


def _median_time(pipeline, text: str, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        pipeline.extract(text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _timed_child(pipeline, text, runs, conn):
    try:
        conn.send(("ok", _median_time(pipeline, text, runs)))
    except BaseException as exc:  # report any crash to the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))


@pytest.fixture(scope="module")
def news_seconds(pipeline) -> float:
    text = news_text(N)
    pipeline.extract(text)  # warm caches (morphology) before timing
    return _median_time(pipeline, text)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_linear_time_on_hostile_text(pipeline, news_seconds, name):
    """100,000 hostile characters cost at most 5x 100,000 characters of news.
    The runs happen in a forked child, killed when over the budget, so a
    super-linear case fails fast instead of holding up the suite."""
    text = HOSTILE[name]
    assert len(text) == N
    limit = TIMES_NEWS * news_seconds + FLOOR_SECONDS
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_timed_child, args=(pipeline, text, RUNS, child), daemon=True)
    proc.start()
    child.close()
    # Budget for all runs, plus start-up slack for the child.
    if not parent.poll(limit * RUNS + 2.0):
        proc.kill()
        proc.join()
        pytest.fail(f"{name}: {RUNS} runs took over {limit * RUNS:.2f} s "
                    f"(news: {news_seconds:.3f} s per run)")
    status, value = parent.recv()
    proc.join()
    assert status == "ok", f"{name}: extract raised {value}"
    assert value <= limit, (f"{name}: {value:.3f} s, news {news_seconds:.3f} s: "
                            f"{value / news_seconds:.1f}x")


# -- properties of the core (hypothesis) -----------------------------------------

# Pieces that make the engine work: quote marks, dashes, cue words, names,
# anaphora, sentence ends, odd whitespace.
PIECES = ["«", "»", '"', "„", "“", "”", "'", "—", "–", "-", " — ", ", — ", ": ", ". ", "! ",
          "? ", "…", ",", ";", " ", "\n", "\r\n", "\u00a0", "\t", "\0", "\u0301", "\u200f",
          "заявил", "сказал", "отметили", ", что ", "по словам", "сообщает", "считает",
          "он", "она", "Там", "в МИД РФ", "Сергей Лавров", "министр", "Интерфакс",
          "«Газпром»", "Мы готовы", "об этом", "сказано в сообщении", "эксперты",
          "Путин", "посольства", "A", "1", "😀", "中",
          "Об этом", "А.", "Д.Медведев", "который", "Как сообщили", "со ссылкой на",
          "в пресс-службе", "РИА Новости", "Так говорил", "— ", "узнал", "назвал",
          "«очень плохо»", "Росстат", "Лента.ру", "ли", "бы", "не", "\U00017000"]


# Inputs that once crashed the engine (found by a longer random run of the pieces above).
CRASHED_ONCE = [
    "министрсо ссылкой на-незаявилРИА Новости«Газпром»лиРИА Новостикоторый„中. \r\n"
    "Как сообщили считаетсказалбы,Об этом. \nбы\"Интерфакс“: ",
    "по словам'? …назвалОб этомонали-А.Как сообщилисказал«со ссылкой наТак говорил"
    "экспертыМы готовы,",
    "Песков: ",
    "По словам Иванова,",
]


@pytest.mark.parametrize("text", CRASHED_ONCE)
def test_inputs_that_once_crashed(pipeline, text):
    result = pipeline.extract(text)
    for q in result["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join),
)

PROPERTY_SETTINGS = settings(max_examples=200, deadline=None, database=None,
                             suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                    HealthCheck.too_slow])


def _stable(result: dict) -> dict:
    result = dict(result)
    result["stats"] = {k: v for k, v in result["stats"].items() if k != "elapsed_ms"}
    return result


@PROPERTY_SETTINGS
@given(text=texts)
def test_extract_properties(pipeline, text):
    """Any string: no exception; every span is a slice of the text; quotes do
    not overlap unless one is nested in the other; the same result twice."""
    result = pipeline.extract(text)
    for span in spans_of(result):
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"]:span["end"]] == span["text"], span
    quotes = sorted(result["quotes"], key=lambda q: (q["start"], -q["end"]))
    for i, a in enumerate(quotes):
        for b in quotes[i + 1:]:
            overlap = a["start"] < b["end"] and b["start"] < a["end"]
            nested = (a["start"] <= b["start"] and b["end"] <= a["end"]) or \
                     (b["start"] <= a["start"] and a["end"] <= b["end"])
            assert not overlap or nested, (a, b)
    assert result["stats"]["chars"] == len(text)
    assert result["stats"]["quotes"] == len(result["quotes"])
    assert _stable(pipeline.extract(text)) == _stable(result)


# -- schema fuzzing (schemathesis) ---------------------------------------------------

schemathesis = pytest.importorskip("schemathesis")


@pytest.fixture(scope="module")
def api_schema(server):
    return schemathesis.openapi.from_url(server.url + "/openapi.json")


def _allow_on_405(response, case) -> None:
    if response.status_code == 405:
        assert response.headers.get("Allow"), f"405 without Allow: {case.method} {case.path}"


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_schema_fuzzing(api_schema, mode):
    """Requests generated from /openapi.json, valid (positive) and not
    (negative), 30 per operation: never a 5xx; every response matches its
    documented status, content type and schema; 405s carry Allow."""
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (content_type_conformance,
                                                   response_schema_conformance,
                                                   status_code_conformance)
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert any(op.path == "/v1/quotes" for op in operations)
    session = requests.Session()
    calls = []
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=GenerationMode(mode))

        @settings(max_examples=30, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def run(case):
            response = case.call(session=session, timeout=30)
            calls.append(response.status_code)
            case.validate_response(response, checks=checks)
            _allow_on_405(response, case)

        try:
            run()
        except Unsatisfiable:
            # No parameters and no body (GET /health): nothing to make invalid.
            assert mode == "negative", operation.label
    assert len(calls) >= 30, f"only {len(calls)} requests were generated"


@pytest.mark.parametrize("method,path", [
    ("GET", "/v1/quotes"), ("PUT", "/v1/quotes"), ("DELETE", "/v1/quotes/batch"),
    ("POST", "/health"), ("PATCH", "/ready"), ("POST", "/openapi.json")])
def test_wrong_method_is_405_with_allow(server, method, path):
    response = requests.request(method, server.url + path, timeout=10)
    assert response.status_code == 405
    assert response.headers.get("Allow")
    assert response.json()["error"]["status"] == 405


# -- a real gunicorn server under load and failure -------------------------------------

LOAD_LIMITS = {"QUOTES_MAX_TEXT_CHARS": "5000", "QUOTES_MAX_BODY_BYTES": "65536",
               "QUOTES_MAX_BATCH": "5", "QUOTES_MAX_JSON_DEPTH": "8", "WORKERS": "2",
               "LOG_LEVEL": "warning"}


@pytest.fixture(scope="module")
def load_server(tmp_path_factory):
    """A server of our own (its workers get killed), with small limits."""
    srv = start_server(tmp_path_factory, "hostile", LOAD_LIMITS)
    yield srv
    srv.stop()


def wait_workers(master: int, count: int, exclude: set[int] = frozenset(),
                 timeout: float = 30) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = children(master) - set(exclude)
        if len(workers) >= count:
            return workers
        time.sleep(0.05)
    raise AssertionError(f"gunicorn did not get back to {count} workers")


GOOD = news_text(3000)


def mixed_requests(total: int, seed: int = 6) -> list[tuple[str, str, dict, bytes, set[int]]]:
    """(method, path, headers, body, accepted statuses): good, oversized and malformed."""
    j = {"Content-Type": "application/json"}
    kinds = [
        ("POST", "/v1/quotes", j, json.dumps({"text": GOOD, "id": "a"}).encode(), {200}),
        ("POST", "/v1/quotes", {"Content-Type": "text/plain; charset=utf-8"},
         GOOD.encode(), {200}),
        ("POST", "/v1/quotes/batch", j, json.dumps(
            {"documents": [{"id": "1", "text": GOOD[:800]}, {"id": "2", "text": ""}]}).encode(),
         {200}),
        ("GET", "/health", {}, b"", {200}),
        # oversized
        ("POST", "/v1/quotes", j, json.dumps({"text": "а" * 6000}).encode(), {413}),
        ("POST", "/v1/quotes", j, json.dumps({"text": "б" * 40000}).encode(), {413}),
        ("POST", "/v1/quotes/batch", j, json.dumps(
            {"documents": [{"text": "x"}] * 6}).encode(), {413}),
        # malformed
        ("POST", "/v1/quotes", j, b'{"text": "unterminated', {400}),
        ("POST", "/v1/quotes", j, b'{"text": "\xff\xfe bad utf-8"}', {400}),
        ("POST", "/v1/quotes", j, b'{"text": "\\ud800 lone surrogate"}', {400, 422}),
        ("POST", "/v1/quotes", {"Content-Type": "text/plain; charset=utf-8"},
         b"\xc3\x28 broken", {400}),
        ("POST", "/v1/quotes", j, b"[" * 50 + b"]" * 50, {400}),
        ("POST", "/v1/quotes", j, b'{"text": 5}', {422}),
        ("POST", "/v1/quotes", j, b'{"txt": "a"}', {422}),
        ("POST", "/v1/quotes", {"Content-Type": "image/png"}, b"\x89PNG", {415}),
        ("PUT", "/v1/quotes", j, b"{}", {405}),
        ("GET", "/nowhere", {}, b"", {404}),
    ]
    rng = random.Random(seed)
    return [rng.choice(kinds) for _ in range(total)]


def send(conn: http.client.HTTPConnection, method, path, headers, body):
    conn.request(method, path, body=body or None, headers=headers)
    response = conn.getresponse()
    data = response.read()
    if response.will_close:
        conn.close()
    return response.status, response.getheader("Content-Type", ""), data


def burst(port: int, total: int = 700, threads: int = 8):
    """`total` mixed requests from `threads` threads, each on its own
    keep-alive connection (reopened when the server closes it)."""
    plan = mixed_requests(total)
    chunks = [plan[i::threads] for i in range(threads)]

    def run(chunk):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        outcomes = []
        try:
            for method, path, headers, body, accepted in chunk:
                try:
                    status, ctype, _ = send(conn, method, path, headers, body)
                    outcomes.append((path, status, accepted, ctype, None))
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    outcomes.append((path, None, accepted, "", f"{type(exc).__name__}: {exc}"))
        finally:
            conn.close()
        return outcomes

    deadline = time.monotonic() + 60
    with ThreadPoolExecutor(threads) as pool:
        results = [o for chunk in pool.map(run, chunks) for o in chunk]
    assert time.monotonic() < deadline, "the burst took over a minute"
    return results


@pytest.mark.slow
def test_burst_of_mixed_requests(load_server):
    """8 threads, 700 good, oversized and malformed requests: no 5xx, no
    dropped connection, every answer the expected one, and the workers'
    memory after the burst within 20% of before."""
    master = load_server.process.pid
    workers = wait_workers(master, 2)
    # Warm every worker (first-request imports and caches) before the baseline.
    for _ in range(8):
        requests.post(load_server.url + "/v1/quotes", json={"text": GOOD}, timeout=30)
    before = {pid: rss_kib(pid) for pid in workers}

    results = burst(load_server.port)

    assert len(results) == 700
    dropped = [r for r in results if r[4]]
    assert not dropped, f"{len(dropped)} dropped connections, e.g. {dropped[:3]}"
    server_errors = [r for r in results if r[1] >= 500]
    assert not server_errors, server_errors[:5]
    unexpected = [r[:3] for r in results if r[1] not in r[2]]
    assert not unexpected, unexpected[:5]
    assert all(r[3].startswith("application/json") for r in results if r[1] != 200 or
               r[0] != "/health"), "a response that is not JSON"

    assert children(master) == workers, "a worker died during the burst"
    after = {pid: rss_kib(pid) for pid in workers}
    for pid in workers:
        assert after[pid] <= before[pid] * 1.2, (pid, before[pid], after[pid])


@pytest.mark.slow
def test_sigkill_worker_is_replaced(load_server):
    master = load_server.process.pid
    workers = wait_workers(master, 2)
    victim = min(workers)
    os.kill(victim, signal.SIGKILL)
    replaced = wait_workers(master, 2, exclude={victim})
    assert victim not in replaced
    for _ in range(6):  # both workers answer
        response = requests.post(load_server.url + "/v1/quotes", json={"text": GOOD}, timeout=30)
        assert response.status_code == 200
        assert response.json()["quotes"]
    assert load_server.process.poll() is None


@pytest.mark.slow
def test_sigterm_lets_in_flight_requests_finish(tmp_path_factory):
    """SIGTERM to the master while a long extraction runs: that request still
    gets its 200, then the server exits cleanly."""
    srv = start_server(tmp_path_factory, "sigterm", {"WORKERS": "1", "LOG_LEVEL": "warning"})
    try:
        long_text = news_text(300_000)  # about a second of work
        outcome = {}

        def call():
            try:
                response = requests.post(srv.url + "/v1/quotes", json={"text": long_text},
                                         timeout=60)
                outcome["status"] = response.status_code
                outcome["chars"] = response.json()["stats"]["chars"]
            except Exception as exc:  # reported by the assertions below
                outcome["error"] = repr(exc)

        thread = threading.Thread(target=call)
        thread.start()
        time.sleep(0.4)  # the request is in the worker now
        srv.process.send_signal(signal.SIGTERM)
        thread.join(60)
        assert outcome.get("status") == 200, outcome
        assert outcome["chars"] == len(long_text)
        assert srv.process.wait(timeout=40) == 0
    finally:
        srv.stop()
