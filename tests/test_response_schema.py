"""Real responses load through the response schemas that the OpenAPI document is
generated from: the engine's output and the documented shape cannot drift apart."""
from __future__ import annotations

import pytest

from schemas import BatchResponseSchema, QuotesResponseSchema

TEXTS = [
    "«Мы не будем комментировать эти слухи», — заявил Песков.",
    "Сергей Лавров прибыл в Анкару. Он заявил, что переговоры будут сложными.",
    "Министр заявил, что решение «не подлежит пересмотру». Погода будет теплой.",
    "Погода будет теплой.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_single_response_matches_schema(client, text):
    body = client.post("/v1/quotes", json={"text": text, "id": "a1"}).get_json()
    loaded = QuotesResponseSchema().load(body)  # raises on a missing or mistyped field
    assert loaded["id"] == "a1"
    assert len(loaded["quotes"]) == body["stats"]["quotes"]


def test_batch_response_matches_schema(client):
    body = client.post("/v1/quotes/batch", json={"documents": [
        {"id": str(i), "text": t} for i, t in enumerate(TEXTS)] + [{"id": "bad", "text": ""}]}).get_json()
    loaded = BatchResponseSchema().load(body)
    assert [r["id"] for r in loaded["results"]] == ["0", "1", "2", "3", "bad"]
    assert "error" in body["results"][-1] and "quotes" not in body["results"][-1]


def test_debug_trace_on_request(client):
    text = "Акции «Газпрома» выросли. «Мы продолжим работу», — заявил Песков."
    plain = client.post("/v1/quotes", json={"text": text}).get_json()
    traced = client.post("/v1/quotes", json={"text": text, "debug": True}).get_json()
    assert "debug" not in plain
    assert {"name_or_term", "quote_dash_cue_speaker"} <= {d["rule"] for d in traced["debug"]}
    QuotesResponseSchema().load(traced)
    assert client.post("/v1/quotes", json={"text": text, "debug": "maybe"}).status_code == 422
