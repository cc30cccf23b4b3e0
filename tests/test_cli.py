"""`python -m service extract`: files, standard input, --jsonl; standard
output is JSON Lines only, progress goes to standard error."""
from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

import pytest
from apitools import DIRECT, NEWS, NO_QUOTES, check_offsets
from conftest import ROOT


def run(*args, stdin: bytes = b"", env=None):
    return subprocess.run([sys.executable, "-m", "service", "extract", *args], input=stdin,
                          capture_output=True, cwd=ROOT, timeout=120,
                          env={**os.environ, **(env or {})})


def lines(stdout: bytes) -> list[dict]:
    text = stdout.decode("utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def articles(tmp_path):
    paths = []
    for name, text in (("news.txt", NEWS), ("direct.txt", DIRECT), ("calm.txt", NO_QUOTES)):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths


def test_each_file_is_one_document(articles):
    done = run(*map(str, articles))
    assert done.returncode == 0, done.stderr
    results = lines(done.stdout)
    assert [r["id"] for r in results] == [str(p) for p in articles]
    for path, result in zip(articles, results):
        check_offsets(path.read_text(encoding="utf-8"), result)
        assert set(result) >= {"id", "quotes", "speakers", "stats"}
    assert results[0]["quotes"] and results[2]["quotes"] == []
    assert done.stderr == b"", "no progress when standard error is not a terminal"


def test_same_result_as_the_service(articles, client):
    cli = lines(run(str(articles[0])).stdout)[0]
    http = client.post("/v1/quotes", json={"text": NEWS}).get_json()
    assert cli["quotes"] == http["quotes"] and cli["speakers"] == http["speakers"]


def test_standard_input_is_one_document():
    done = run(stdin=(DIRECT + "\n").encode("utf-8"))
    assert done.returncode == 0, done.stderr
    [result] = lines(done.stdout)
    assert result["id"] is None
    assert result["quotes"][0]["text"] == "Мы готовы к переговорам"
    check_offsets(DIRECT + "\n", result)


def test_jsonl_each_line_is_a_document(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": "d1", "text": NEWS}, {"id": "d2", "text": DIRECT, "source": "ТАСС"}]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n",
                      encoding="utf-8")
    done = run("--jsonl", str(corpus))
    assert done.returncode == 0, done.stderr
    results = lines(done.stdout)
    assert [r["id"] for r in results] == ["d1", "d2"]
    for row, result in zip(rows, results):
        check_offsets(row["text"], result)


def test_jsonl_from_standard_input_with_bad_lines():
    stdin = "\n".join([
        json.dumps({"id": "ok", "text": DIRECT}, ensure_ascii=False),
        "это не JSON",
        json.dumps({"id": "empty", "text": ""}),
        '{"id": "lone", "text": "\\ud800"}',
        json.dumps({"id": "ok2", "text": NO_QUOTES}, ensure_ascii=False),
    ]).encode("utf-8")
    done = run("--jsonl", stdin=stdin)
    assert done.returncode == 1, "a bad document makes the exit status 1"
    results = lines(done.stdout)
    assert [r["id"] for r in results] == ["ok", None, "empty", "lone", "ok2"]
    assert results[1]["error"]["code"] == "invalid_json"
    assert results[1]["error"]["details"]["line"] == 2
    assert results[2]["error"]["code"] == "validation_error"
    assert "surrogate" in json.dumps(results[3]["error"])
    assert results[0]["quotes"] and "error" not in results[4]


def test_unreadable_and_non_utf8_files_get_an_error_line(tmp_path, articles):
    latin = tmp_path / "cp1251.txt"
    latin.write_bytes("Он сказал: «Да».".encode("cp1251"))
    done = run(str(articles[1]), str(tmp_path / "missing.txt"), str(latin))
    assert done.returncode == 1
    results = lines(done.stdout)
    assert results[0]["quotes"]
    assert results[1]["error"]["code"] == "unreadable_file"
    assert results[2]["error"]["code"] == "invalid_utf8"


def test_stdout_is_pure_json_lines_even_with_logging(articles):
    done = run(*map(str, articles), env={"LOG_LEVEL": "debug"})
    for line in done.stdout.decode("utf-8").splitlines():
        assert isinstance(json.loads(line), dict)


def test_progress_on_a_terminal_goes_to_stderr_only(articles):
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "service", "extract", *map(str, articles)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL)
        os.close(terminal)
        terminal = None
        stdout, _ = process.communicate(timeout=120)
        seen = b""
        while select.select([controller], [], [], 0.5)[0]:
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if terminal is not None:
            os.close(terminal)
        os.close(controller)
    assert process.returncode == 0
    assert b"3/3 documents" in seen
    assert len(lines(stdout)) == 3


def test_progress_bar_is_silent_for_one_document_or_no_terminal():
    import io

    from service.__main__ import Progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    bar = Progress(stream, total=4, enabled=True)
    for _ in range(4):
        bar.step()
    bar.close()
    assert "[" + "#" * Progress.WIDTH + "] 4/4 documents" in stream.getvalue()
    quiet = io.StringIO()
    bar = Progress(quiet, total=4, enabled=False)
    bar.step()
    bar.close()
    assert quiet.getvalue() == ""


def test_usage_without_a_command():
    done = subprocess.run([sys.executable, "-m", "service"], capture_output=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 2
    assert b"extract" in done.stderr and done.stdout == b""
