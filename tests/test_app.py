"""The app factory, settings and failure paths, through Flask's test client
(where a broken pipeline or an unready one is easy to arrange)."""
from __future__ import annotations

import json
import logging

import pytest
from apitools import DIRECT, NEWS, check_error, check_offsets

from service.config import SETTINGS, Config, ConfigError


class _Response:
    """Adapts a Flask test response to what apitools.check_error reads."""

    def __init__(self, response):
        self.status_code = response.status_code
        self.headers = response.headers
        self.text = response.get_data(as_text=True)

    def json(self):
        return json.loads(self.text)


def error_of(response, status, code):
    return check_error(_Response(response), status, code)


class BrokenPipeline:
    """Fails on texts that mention `сбой`, works (with no quotes) otherwise."""

    def extract(self, text, debug=False):
        if "сбой" in text:
            raise RuntimeError("secret internal detail /srv/model.bin")
        return {"quotes": [], "speakers": [],
                "stats": {"chars": len(text), "sentences": 1, "quotes": 0, "elapsed_ms": 0.0}}


# --- settings ------------------------------------------------------------------------

def test_defaults():
    config = Config.from_env({})
    assert (config.host, config.port, config.workers) == ("127.0.0.1", 8000, 2)
    assert config.max_text_chars == 1_000_000
    assert config.api_keys == () and config.cors_origins == ()
    assert config.log_level == "info"


def test_every_setting_is_read_from_the_environment():
    env = {"HOST": "0.0.0.0", "PORT": "9001", "WORKERS": "4", "WORKER_TIMEOUT": "90",
           "GRACEFUL_TIMEOUT": "20", "HEADER_TIMEOUT": "5", "BODY_TIMEOUT": "15",
           "WORKER_CONNECTIONS": "300", "LOG_LEVEL": "WARNING",
           "QUOTES_MAX_TEXT_CHARS": "5_000", "QUOTES_MAX_BATCH": "7",
           "QUOTES_MAX_BODY_BYTES": "65536", "QUOTES_MAX_JSON_DEPTH": "8",
           "QUOTES_API_KEYS": " k1 , k2,,", "QUOTES_CORS_ORIGINS": "https://a.example/,*",
           "PROMETHEUS_MULTIPROC_DIR": "/tmp/m"}
    assert {s.env for s in SETTINGS} == set(env)
    config = Config.from_env(env)
    assert config == Config(host="0.0.0.0", port=9001, workers=4, worker_timeout=90,
                            graceful_timeout=20, header_timeout=5, body_timeout=15,
                            worker_connections=300, log_level="warning",
                            max_text_chars=5000, max_batch=7, max_body_bytes=65536,
                            max_json_depth=8, api_keys=("k1", "k2"),
                            cors_origins=("https://a.example", "*"), metrics_dir="/tmp/m")
    assert "k1" not in repr(config)


def test_empty_values_mean_the_default():
    assert Config.from_env({"PORT": "", "QUOTES_API_KEYS": " "}) == Config()


@pytest.mark.parametrize("env, words", [
    ({"PORT": "восемь"}, "PORT must be an integer"),
    ({"PORT": "70000"}, "PORT must be in [1, 65535]"),
    ({"WORKERS": "0"}, "WORKERS"),
    ({"QUOTES_MAX_TEXT_CHARS": "-1"}, "QUOTES_MAX_TEXT_CHARS"),
    ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL must be one of"),
    ({"QUOTES_CORS_ORIGINS": "newsroom.example"}, "QUOTES_CORS_ORIGINS"),
])
def test_bad_values_stop_start_up_naming_the_variable(env, words):
    with pytest.raises(ConfigError, match=words.replace("[", r"\[").replace("]", r"\]")):
        Config.from_env(env)


def test_bind_brackets_ipv6():
    assert Config(host="::1", port=8001).bind == "[::1]:8001"
    assert Config().bind == "127.0.0.1:8000"


def test_create_app_reads_the_environment(monkeypatch, pipeline):
    from service.app import create_app
    monkeypatch.setenv("QUOTES_MAX_TEXT_CHARS", "10")
    app = create_app(pipeline=pipeline)
    error_of(app.test_client().post("/v1/quotes", json={"text": "Он сказал: «Да, конечно»."}),
             413, "text_too_long")


def test_create_app_rejects_unknown_overrides(make_app):
    with pytest.raises(ConfigError, match="max_text"):
        make_app(max_text=5)


# --- the app ---------------------------------------------------------------------

def test_quotes_through_the_test_client(client):
    response = client.post("/v1/quotes", json={"text": NEWS, "id": "тест"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == "тест" and body["quotes"]
    check_offsets(NEWS, body)


def test_no_debug_mode_whatever_the_environment(monkeypatch, pipeline):
    from service.app import create_app
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({}, pipeline=BrokenPipeline())
    assert app.debug is False and app.config["DEBUG"] is False
    assert app.config["PROPAGATE_EXCEPTIONS"] is False
    response = app.test_client().post("/v1/quotes", json={"text": "Произошёл сбой."})
    error = error_of(response, 500, "internal_error")
    body = response.get_data(as_text=True)
    assert "secret" not in body and "RuntimeError" not in body and "/srv" not in body
    assert error["details"] == {}


def test_an_unexpected_error_is_logged_with_the_request_id(make_app, caplog):
    app = make_app(pipeline_=BrokenPipeline())
    logger = logging.getLogger("service")
    logger.addHandler(caplog.handler)
    try:
        response = app.test_client().post("/v1/quotes", json={"text": "Сбой? Да, сбой."},
                                          headers={"X-Request-ID": "req-500"})
    finally:
        logger.removeHandler(caplog.handler)
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "req-500"
    records = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert records and records[0].exc_info


def test_batch_survives_a_pipeline_failure_on_one_document(make_app):
    client = make_app(pipeline_=BrokenPipeline()).test_client()
    response = client.post("/v1/quotes/batch", json={"documents": [
        {"id": "1", "text": "Всё спокойно."},
        {"id": "2", "text": "Здесь сбой."},
        {"id": "3", "text": "Снова спокойно."}]})
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == ["1", "2", "3"]
    assert "quotes" in results[0] and "quotes" in results[2]
    assert results[1]["error"]["code"] == "internal_error"
    assert results[1]["error"]["status"] == 500
    assert "secret" not in response.get_data(as_text=True)


def test_not_ready_until_the_pipeline_is_loaded(make_app):
    app = make_app()
    app.extensions["quotes"].extractor.pipeline = None
    client = app.test_client()
    assert client.get("/health").status_code == 200
    error_of(client.get("/ready"), 503, "not_ready")
    error_of(client.post("/v1/quotes", json={"text": DIRECT}), 503, "not_ready")


def test_a_lone_surrogate_id_is_not_echoed_in_a_batch_error(client):
    raw = '{"documents": [{"id": "\\ud800", "text": "Он сказал."}]}'
    response = client.post("/v1/quotes/batch", data=raw,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    result = response.get_json()["results"][0]
    assert result["id"] is None and result["error"]["code"] == "validation_error"


def test_json_with_a_bom_is_accepted(client):
    raw = "\ufeff" + json.dumps({"text": DIRECT}, ensure_ascii=False)
    response = client.post("/v1/quotes", data=raw.encode("utf-8"),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    check_offsets(DIRECT, response.get_json())


def test_a_huge_integer_is_invalid_json_not_a_crash(client):
    raw = b'{"text": "a", "n": ' + b"9" * 10_000 + b"}"
    error_of(client.post("/v1/quotes", data=raw, headers={"Content-Type": "application/json"}),
             400, "invalid_json")


def test_metrics_in_one_process(client):
    client.post("/v1/quotes", json={"text": DIRECT})
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'quotes_http_requests_total{endpoint="/v1/quotes",method="POST",status="200"} 1.0' \
        in metrics
    assert 'quotes_found_total{type="direct"}' in metrics


def test_debug_trace_is_kept_when_the_pipeline_gives_one(pipeline):
    from schemas import QuotesResponseSchema
    result = pipeline.extract(DIRECT, debug=True)
    dumped = QuotesResponseSchema().dump({"id": None, **result})
    assert dumped.get("debug") == result.get("debug")
