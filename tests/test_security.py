"""API keys, CORS and configurable limits, against a real gunicorn server
started with QUOTES_API_KEYS, QUOTES_CORS_ORIGINS and small limits."""
from __future__ import annotations

import pytest
import requests
from apitools import DIRECT, check_error, check_offsets
from conftest import API_KEYS, CORS_ORIGIN

KEY = {"Authorization": f"Bearer {API_KEYS[0]}"}
OTHER_KEY = {"Authorization": f"Bearer {API_KEYS[1]}"}


def call(server, method, path, headers=None, **kwargs):
    return requests.request(method, server.url + path, headers=headers or {}, timeout=10,
                            **kwargs)


@pytest.mark.parametrize("method, path", [
    ("POST", "/v1/quotes"), ("POST", "/v1/quotes/batch"), ("GET", "/metrics"),
    ("GET", "/openapi.json"), ("GET", "/docs"), ("GET", "/static/docs.js"),
    ("GET", "/no-such-endpoint"), ("GET", "/v1/quotes"),
])
@pytest.mark.parametrize("headers", [
    None,
    {"Authorization": "Bearer wrong-key"},
    {"Authorization": f"Bearer {API_KEYS[0]}x"},
    {"Authorization": f"Bearer {API_KEYS[0][:-1]}"},
    {"Authorization": f"Basic {API_KEYS[0]}"},
    {"Authorization": API_KEYS[0]},
    {"Authorization": "Bearer "},
], ids=["none", "wrong", "longer", "shorter", "basic", "no-scheme", "empty"])
def test_without_a_valid_key_every_endpoint_is_401(secured_server, method, path, headers):
    response = call(secured_server, method, path, headers, json={"text": DIRECT})
    check_error(response, 401, "unauthorized")
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/health", "/ready"])
def test_probes_need_no_key(secured_server, path):
    response = call(secured_server, "GET", path)
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/", "/static/page.js", "/static/page.css"])
def test_the_page_shell_needs_no_key_but_its_api_calls_do(secured_server, path):
    assert call(secured_server, "GET", path).status_code == 200
    check_error(call(secured_server, "POST", "/v1/quotes", json={"text": DIRECT}), 401, "unauthorized")


@pytest.mark.parametrize("headers", [KEY, OTHER_KEY, {"Authorization": f"bearer {API_KEYS[0]}"}])
def test_a_valid_key_is_let_in(secured_server, headers):
    response = call(secured_server, "POST", "/v1/quotes", headers, json={"text": DIRECT})
    assert response.status_code == 200
    check_offsets(DIRECT, response.json())
    assert call(secured_server, "GET", "/metrics", headers).status_code == 200
    spec = call(secured_server, "GET", "/openapi.json", headers).json()
    assert spec["paths"]["/v1/quotes"]["post"]["security"] == [{"bearerAuth": []}]
    assert "security" not in spec["paths"]["/health"]["get"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_with_a_key_errors_keep_their_own_status(secured_server):
    check_error(call(secured_server, "GET", "/nowhere", KEY), 404, "not_found")
    check_error(call(secured_server, "GET", "/v1/quotes", KEY), 405, "method_not_allowed")


# --- configurable limits ---------------------------------------------------------

def test_text_length_limit_is_configurable(secured_server):
    ok = call(secured_server, "POST", "/v1/quotes", KEY, json={"text": "а" * 200})
    assert ok.status_code == 200
    error = check_error(call(secured_server, "POST", "/v1/quotes", KEY,
                             json={"text": "а" * 201}), 413, "text_too_long")
    assert error["details"] == {"max_chars": 200, "chars": 201}


def test_batch_size_limit_is_configurable(secured_server):
    docs = [{"text": "Он сказал."}] * 3
    assert call(secured_server, "POST", "/v1/quotes/batch", KEY,
                json={"documents": docs}).status_code == 200
    error = check_error(call(secured_server, "POST", "/v1/quotes/batch", KEY,
                             json={"documents": docs + docs[:1]}), 413, "batch_too_large")
    assert error["details"]["max_documents"] == 3


def test_body_size_limit_is_configurable(secured_server):
    error = check_error(call(secured_server, "POST", "/v1/quotes", KEY,
                             json={"text": "а" * 3000}), 413, "body_too_large")
    assert error["details"]["max_bytes"] == 4000


def test_json_depth_limit_is_configurable(secured_server):
    # The limit is 4 here: a batch nests 3 deep and passes; 5 levels do not.
    batch = {"documents": [{"text": "Он сказал.", "id": "x"}]}
    assert call(secured_server, "POST", "/v1/quotes/batch", KEY, json=batch).status_code == 200
    five = b'{"text": "a", "x": [[[[1]]]]}'
    error = check_error(call(secured_server, "POST", "/v1/quotes",
                             {**KEY, "Content-Type": "application/json"}, data=five),
                        400, "json_too_deep")
    assert error["details"] == {"max_depth": 4}


# --- CORS ----------------------------------------------------------------------------

def test_cors_allows_the_configured_origin(secured_server):
    response = call(secured_server, "POST", "/v1/quotes", {**KEY, "Origin": CORS_ORIGIN},
                    json={"text": DIRECT})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == CORS_ORIGIN
    assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]
    assert "Origin" in response.headers["Vary"]


def test_cors_preflight_needs_no_key(secured_server):
    response = call(secured_server, "OPTIONS", "/v1/quotes", {
        "Origin": CORS_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type"})
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == CORS_ORIGIN
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]


def test_cors_ignores_other_origins(secured_server):
    other = "https://elsewhere.example"
    response = call(secured_server, "POST", "/v1/quotes", {**KEY, "Origin": other},
                    json={"text": DIRECT})
    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Origin" in response.headers["Vary"]
    preflight = call(secured_server, "OPTIONS", "/v1/quotes", {
        "Origin": other, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers
    check_error(preflight, 401, "unauthorized")
