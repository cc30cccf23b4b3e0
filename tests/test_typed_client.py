"""A typed client, generated from the live server's /openapi.json as a user of another
team would (openapi-python-client, with the settings the README shows), then used: every
field of the contract is a typed attribute, and an error parses into the Error model."""
from __future__ import annotations

import importlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, executable

pytest.importorskip("openapi_python_client")

DEV = ROOT.parent / "shared" / "dev"
SEED = DEV / "seed" / "texts" / "seed_ru_kz.txt"
CONFIG = ROOT / "docs" / "openapi-python-client.yaml"
PACKAGE = "quotes_service_client"


@pytest.fixture(scope="module")
def generated(server, tmp_path_factory):
    """The generator's output (its messages) and the package it wrote, importable."""
    out = tmp_path_factory.mktemp("client")
    run = subprocess.run(
        [executable("openapi-python-client"), "generate", "--url", server.url + "/openapi.json",
         "--config", str(CONFIG), "--meta", "none", "--output-path", str(out / PACKAGE)],
        capture_output=True, text=True, timeout=300, cwd=out,
        # the generator formats its output with ruff, installed beside it
        env={**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")})
    assert run.returncode == 0, run.stdout + run.stderr
    sys.path.insert(0, str(out))
    try:
        yield run.stdout + run.stderr, importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


def _module(package, path: str):
    return importlib.import_module(f"{package.__name__}.{path}")


def test_the_generator_has_no_warning_about_our_document(generated):
    messages, _ = generated
    assert "Warning" not in messages and "WARNING" not in messages, messages


def test_nullable_references_keep_their_type(generated):
    _, package = generated
    models = _module(package, "models")
    # the catch-all classes of an untyped nullable reference are gone
    assert not [name for name in dir(models) if "Type0" in name or "Type1" in name]
    annotations = {**models.Quote.__annotations__, **models.Speaker.__annotations__}
    assert "Speaker" in str(annotations["speaker"]) and "Cue" in str(annotations["cue"])
    assert "Span" in str(annotations["antecedent"]) and "Span" in str(annotations["organization_mention"])


def test_operation_names_read_well(generated):
    _, package = generated
    for path in ("api.quotes.extract_quotes", "api.quotes.extract_batch",
                 "api.operations.health", "api.operations.ready"):
        assert hasattr(_module(package, path), "sync")


TEXT = ("«Мы готовы к диалогу», — заявил глава МИД России Сергей Лавров. "
        "В МИД Казахстана сообщили, что визит состоится в октябре. Там напомнили, что переговоры идут с весны.")


def test_a_text_through_the_typed_client(generated, server):
    _, package = generated
    models = _module(package, "models")
    extract = _module(package, "api.quotes.extract_quotes")
    client = package.Client(base_url=server.url, timeout=30)
    result = extract.sync(client=client, body=models.QuoteRequest(text=TEXT, id="t1"))
    assert isinstance(result, models.QuotesResponse) and result.id == "t1"
    first, _, third = result.quotes
    assert isinstance(first.speaker, models.Speaker) and isinstance(first.cue, models.Cue)
    assert (first.speaker.name, first.speaker.kind.value, first.speaker.organization) == \
        ("Сергей Лавров", "person", "МИД России")
    assert first.cue.text == "заявил" and TEXT[first.start:first.end] == first.text
    assert isinstance(third.speaker.antecedent, models.Span)
    assert TEXT[third.speaker.antecedent.start:third.speaker.antecedent.end] == "МИД Казахстана"
    assert [s.organization for s in result.speakers] == ["МИД России", "МИД Казахстана"]


@pytest.mark.skipif(not SEED.is_file(), reason="the dev set (../shared/dev/) is not in this checkout")
def test_the_seed_article_and_a_batch(generated, server):
    _, package = generated
    models = _module(package, "models")
    types = _module(package, "types")
    client = package.Client(base_url=server.url, timeout=60)
    seed = SEED.read_text(encoding="utf-8")
    # the raw text as text/plain, as the contract allows
    raw = _module(package, "api.quotes.extract_quotes").sync(
        client=client, body=types.File(payload=io.BytesIO(seed.encode("utf-8"))))
    assert isinstance(raw, models.QuotesResponse) and len(raw.quotes) == 7
    by_name = {s.name: s for s in raw.speakers}
    assert by_name["Посольство РФ в РК"].organization == "Посольство РФ в РК"
    resolved = next(q.speaker for q in raw.quotes if q.speaker and q.speaker.antecedent)
    assert seed[resolved.antecedent.start:resolved.antecedent.end] == resolved.antecedent.text
    batch = _module(package, "api.quotes.extract_batch").sync(client=client, body=models.BatchRequest(
        documents=[models.QuoteRequest(text=seed, id="seed"), models.QuoteRequest(text=TEXT, id="short")]))
    assert isinstance(batch, models.BatchResponse)
    assert [r.id for r in batch.results] == ["seed", "short"]
    assert json.dumps([q.to_dict() for q in batch.results[0].quotes], ensure_ascii=False) == \
        json.dumps([q.to_dict() for q in raw.quotes], ensure_ascii=False)


def test_an_error_is_the_typed_error_model(generated, server):
    _, package = generated
    models = _module(package, "models")
    client = package.Client(base_url=server.url, timeout=30)
    response = _module(package, "api.quotes.extract_quotes").sync_detailed(
        client=client, body=models.QuoteRequest(text=""))
    assert response.status_code == 422
    assert isinstance(response.parsed, models.Error)
    assert response.parsed.error.code == "validation_error" and response.parsed.error.message


def test_the_health_checks_through_the_client(generated, server):
    _, package = generated
    client = package.Client(base_url=server.url, timeout=10)
    assert _module(package, "api.operations.health").sync(client=client).status == "ok"
    assert _module(package, "api.operations.ready").sync(client=client) is not None


def test_readme_shows_the_generator_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"--config {CONFIG.relative_to(ROOT)}" in readme
    assert Path(CONFIG).is_file()


def test_the_readme_lines_work(generated, server):
    """The README's generate-and-call lines, run as written against a live server."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("## A typed client"):]
    line = next(x for x in block.splitlines() if x.startswith('python -c "'))
    code = line[len('python -c "'):-1].replace("http://127.0.0.1:8000", server.url)
    _, package = generated
    where = Path(package.__file__).parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=where)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Сергей Лавров МИД России"
