"""The command line: the same extraction as the service, without a server.

    python -m service extract [FILE ...]          each FILE (or stdin) is one document
    python -m service extract --jsonl [FILE ...]  each input line is {"id", "text"}

One JSON result per document is written to standard output as a line (JSON
Lines), shaped like the `POST /v1/quotes` response; a document that cannot
be read gets `{"id": ..., "error": {...}}` in its place, like a batch slot,
and the exit status is then 1. Progress goes to standard error, only when it
is a terminal and there is more than one document.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from typing import IO, Iterable, Iterator

from marshmallow import EXCLUDE

from schemas import QuoteRequestSchema, QuotesResponseSchema
from service.errors import ApiError
from service.logs import configure_logging


class Progress:
    """A one-line progress bar on a terminal; silent anywhere else."""

    WIDTH = 30

    def __init__(self, stream: IO[str], total: int | None, enabled: bool):
        self.stream, self.total, self.enabled = stream, total, enabled
        self.done = 0
        self.started = time.monotonic()
        self.last_draw = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self.last_draw >= 0.1 or self.done == self.total):
            self.last_draw = now
            self.draw()

    def draw(self) -> None:
        rate = self.done / max(time.monotonic() - self.started, 1e-9)
        if self.total:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            line = f"[{bar}] {self.done}/{self.total} documents, {rate:.1f}/s"
        else:
            line = f"{self.done} documents, {rate:.1f}/s"
        self.stream.write("\r" + line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.draw()
            self.stream.write("\n")
            self.stream.flush()


def _error(doc_id, status: int, code: str, message: str, details: dict | None = None) -> dict:
    return {"id": doc_id, "error": ApiError(status, code, message, details).to_dict()}


def _read_file(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as handle:
        return handle.read()


def documents_from_files(paths: list[str]) -> Iterator[dict]:
    """One document per file (the path is its id); standard input has id null."""
    for path in paths or ["-"]:
        doc_id = None if path == "-" else path
        try:
            raw = _read_file(path)
        except OSError as exc:
            yield _error(doc_id, 400, "unreadable_file", f"Cannot read {path}: {exc.strerror}.")
            continue
        try:
            yield {"id": doc_id, "text": raw.decode("utf-8")}
        except UnicodeDecodeError as exc:
            yield _error(doc_id, 400, "invalid_utf8", f"{path} is not valid UTF-8.",
                         {"position": exc.start})


def _lines(paths: list[str]) -> Iterator[tuple[str, int, bytes | OSError]]:
    for path in paths or ["-"]:
        try:
            opened = (contextlib.nullcontext(sys.stdin.buffer) if path == "-"
                      else open(path, "rb"))
        except OSError as exc:
            yield path, 0, exc
            continue
        with opened as stream:
            for number, line in enumerate(stream, 1):
                yield path, number, line


def documents_from_jsonl(paths: list[str]) -> Iterator[dict]:
    """One document per non-blank line: {"id": "...", "text": "..."}; other
    members of the line are ignored."""
    schema = QuoteRequestSchema(unknown=EXCLUDE)
    for path, number, line in _lines(paths):
        where = {"file": path, "line": number}
        if isinstance(line, OSError):
            yield _error(None, 400, "unreadable_file", f"Cannot read {path}: {line.strerror}.",
                         {"file": path})
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield _error(None, 400, "invalid_utf8", "The line is not valid UTF-8.",
                         {**where, "position": exc.start})
            continue
        except (ValueError, RecursionError):
            yield _error(None, 400, "invalid_json", "The line is not valid JSON.", where)
            continue
        doc_id = value.get("id") if isinstance(value, dict) else None
        errors = schema.validate(value) if isinstance(value, dict) else {"_schema": ["Not an object."]}
        if errors:
            yield _error(doc_id if isinstance(doc_id, str) and "id" not in errors else None,
                         422, "validation_error", "The line does not match the schema.",
                         {**where, "fields": errors})
            continue
        yield schema.load(value)


def _count_lines(paths: list[str]) -> int | None:
    """How many documents a --jsonl run will see, when that is cheap to know."""
    if not paths or "-" in paths:
        return None
    total = 0
    for path in paths:
        try:
            with open(path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            total += 1
    return total


def extract(args: argparse.Namespace, stdout: IO[bytes], stderr: IO[str]) -> int:
    from service.extraction import Extractor
    from service.nlp.pipeline import Pipeline

    if args.jsonl:
        documents: Iterable[dict] = documents_from_jsonl(args.files)
        total = _count_lines(args.files)
    else:
        documents = documents_from_files(args.files)
        total = len(args.files) or 1
    show = stderr.isatty() and (total is None or total > 1)
    progress = Progress(stderr, total, show)

    extractor = Extractor(Pipeline.load())
    dump = QuotesResponseSchema().dump
    failed = 0
    try:
        for document in documents:
            if "error" in document:
                result = document
                failed += 1
            else:
                result = dump(extractor.extract(document["text"], document.get("id"),
                                                debug=args.debug))
            stdout.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
            stdout.flush()
            progress.step()
    finally:
        progress.close()
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m service",
        description="Find quotes and their speakers in Russian news text.")
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser(
        "extract", help="extract quotes from files or standard input (JSON Lines out)",
        description="Each FILE (or standard input, or '-') is one document; one JSON "
                    "result per document is written to standard output as a line.")
    cmd.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files")
    cmd.add_argument("--jsonl", action="store_true",
                     help='each input line is a document {"id": "...", "text": "..."}')
    cmd.add_argument("--debug", action="store_true",
                     help="add the pipeline's debug trace (which rule took or rejected "
                          "each candidate) to each result")
    args = parser.parse_args(argv)
    configure_logging("warning")
    try:
        return extract(args, sys.stdout.buffer, sys.stderr)
    except BrokenPipeError:  # `... | head`: the reader is gone; that is fine
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
