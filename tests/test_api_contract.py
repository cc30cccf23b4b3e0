"""CONTRACT.md, check by check, against a real gunicorn server on loopback."""
from __future__ import annotations

import json
import re
import time
from urllib.parse import urljoin

import pytest
import requests
from apitools import DIRECT, NEWS, NO_QUOTES, check_error, check_offsets, check_schema
from openapi_spec_validator import validate as validate_openapi

JSON = {"Content-Type": "application/json"}
PLAIN = {"Content-Type": "text/plain; charset=utf-8"}


@pytest.fixture(scope="module")
def spec(server):
    response = requests.get(server.url + "/openapi.json", timeout=10)
    assert response.status_code == 200
    return response.json()


def post(server, path, **kwargs):
    return requests.post(server.url + path, timeout=30, **kwargs)


# --- POST /v1/quotes -----------------------------------------------------------

def test_json_request_gives_quotes_with_exact_offsets(server, spec):
    response = post(server, "/v1/quotes", json={"text": NEWS, "id": "новость-1"})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    check_schema(spec, "QuotesResponse", body)
    assert list(body)[:4] == ["id", "quotes", "speakers", "stats"]
    assert body["id"] == "новость-1"
    assert body["quotes"], "an unambiguous direct quote and two reported ones give quotes"
    assert check_offsets(NEWS, body) >= 2 * len(body["quotes"])
    assert body["stats"]["chars"] == len(NEWS)
    assert body["stats"]["quotes"] == len(body["quotes"])
    assert body["stats"]["sentences"] >= 3
    assert isinstance(body["stats"]["elapsed_ms"], (int, float))
    for quote in body["quotes"]:
        assert quote["type"] in ("direct", "indirect", "mixed")
        assert 0 <= quote["confidence"] <= 1
        assert isinstance(quote["rule"], str) and quote["rule"]
    quote_ids = {q["id"] for q in body["quotes"]}
    for group in body["speakers"]:
        assert set(group["quotes"]) <= quote_ids


def test_id_is_null_when_not_given(server):
    body = post(server, "/v1/quotes", json={"text": NO_QUOTES}).json()
    assert body["id"] is None
    assert body["quotes"] == [] and body["speakers"] == []


def test_text_plain_body_gives_the_same_result_as_json(server):
    as_json = post(server, "/v1/quotes", json={"text": DIRECT}).json()
    as_text = post(server, "/v1/quotes", data=DIRECT.encode("utf-8"), headers=PLAIN).json()
    assert as_text["id"] is None
    assert as_text["quotes"] == as_json["quotes"]
    assert as_text["quotes"][0]["text"] == "Мы готовы к переговорам"
    check_offsets(DIRECT, as_text)


def test_offsets_are_code_points_of_the_text_as_received(server):
    # Astral characters (one code point, two UTF-16 units, four UTF-8 bytes),
    # a CRLF and a non-breaking space before the quote: offsets stay Python str indices.
    text = "🇷🇺😀 Новости\r\n\u00a0" + DIRECT
    for kwargs in ({"json": {"text": text}},
                   {"data": text.encode("utf-8"), "headers": PLAIN}):
        body = post(server, "/v1/quotes", **kwargs).json()
        assert body["quotes"]
        check_offsets(text, body)
        assert body["quotes"][0]["start"] == text.index("Мы готовы")


def test_json_with_escapes_is_decoded_before_offsets(server):
    raw = json.dumps({"text": DIRECT}, ensure_ascii=True)  # \u0417-style escapes
    body = post(server, "/v1/quotes", data=raw, headers=JSON).json()
    check_offsets(DIRECT, body)
    assert body["quotes"][0]["text"] == "Мы готовы к переговорам"


def test_response_is_utf8_json(server):
    response = post(server, "/v1/quotes", json={"text": DIRECT})
    assert "Мы готовы".encode("utf-8") in response.content


# --- POST /v1/quotes/batch -------------------------------------------------------

def test_batch_answers_each_document_in_order(server, spec):
    documents = [{"id": "a1", "text": NEWS}, {"id": "a2", "text": NO_QUOTES},
                 {"text": DIRECT}]
    response = post(server, "/v1/quotes/batch", json={"documents": documents})
    assert response.status_code == 200
    body = response.json()
    check_schema(spec, "BatchResponse", body)
    results = body["results"]
    assert [r["id"] for r in results] == ["a1", "a2", None]
    for document, result in zip(documents, results):
        check_schema(spec, "QuotesResponse", result)
        check_offsets(document["text"], result)
    single = post(server, "/v1/quotes", json={"text": NEWS}).json()
    assert results[0]["quotes"] == single["quotes"]


def test_batch_with_bad_documents_answers_the_others(server, spec):
    documents = [
        {"id": "good-1", "text": DIRECT},
        {"id": "empty", "text": ""},
        {"id": "no-text"},
        {"id": "wrong-type", "text": 42},
        {"id": "extra", "text": DIRECT, "lang": "ru"},
        "не объект",
        {"id": "too-long", "text": "а" * 1_000_001},
        {"id": "good-2", "text": NEWS},
    ]
    response = post(server, "/v1/quotes/batch", json={"documents": documents})
    assert response.status_code == 200
    results = response.json()["results"]
    check_schema(spec, "BatchResponse", response.json())
    assert len(results) == len(documents)
    assert results[0]["quotes"] and "error" not in results[0]
    assert results[-1]["quotes"] and "error" not in results[-1]
    expected = {1: ("validation_error", "text"), 2: ("validation_error", "text"),
                3: ("validation_error", "text"), 4: ("validation_error", "lang"),
                5: ("validation_error", "_schema")}
    for index, (code, field) in expected.items():
        error = results[index]["error"]
        assert error["code"] == code and error["status"] == 422
        assert field in error["details"]["fields"], error
        assert error["details"]["index"] == index
        assert "quotes" not in results[index]
    assert [r["id"] for r in results[1:5]] == ["empty", "no-text", "wrong-type", "extra"]
    assert results[5]["id"] is None
    too_long = results[6]["error"]
    assert (too_long["code"], too_long["status"]) == ("text_too_long", 413)
    assert too_long["details"]["max_chars"] == 1_000_000


@pytest.mark.parametrize("payload, field", [
    ({}, "documents"),
    ({"documents": []}, "documents"),
    ({"documents": "текст"}, "documents"),
    ({"documents": [{"text": DIRECT}], "extra": 1}, "extra"),
    ([{"text": DIRECT}], "_schema"),
])
def test_batch_envelope_errors_are_422(server, payload, field):
    error = check_error(post(server, "/v1/quotes/batch", json=payload), 422, "validation_error")
    assert field in error["details"]["fields"]


def test_batch_over_the_default_limit_is_413(server):
    documents = [{"text": "Он сказал."}] * 101
    error = check_error(post(server, "/v1/quotes/batch", json={"documents": documents}),
                        413, "batch_too_large")
    assert error["details"] == {"max_documents": 100, "documents": 101}


def test_batch_takes_json_only(server):
    check_error(post(server, "/v1/quotes/batch", data=DIRECT.encode(), headers=PLAIN),
                415, "unsupported_media_type")


# --- Errors ----------------------------------------------------------------------

@pytest.mark.parametrize("raw", [b"{\"text\": ", b"not json", b"", b"{\"text\": NaN}",
                                 b"{'text': 'a'}"])
def test_bad_json_is_400(server, raw):
    check_error(post(server, "/v1/quotes", data=raw, headers=JSON), 400, "invalid_json")


@pytest.mark.parametrize("payload, field", [
    ({}, "text"),
    ({"text": ""}, "text"),
    ({"text": None}, "text"),
    ({"text": 5}, "text"),
    ({"text": ["Он", "сказал"]}, "text"),
    ({"text": DIRECT, "id": 7}, "id"),
    ({"text": DIRECT, "language": "ru"}, "language"),
    (["Он сказал."], "_schema"),
    ("Он сказал.", "_schema"),
])
def test_schema_violations_are_422_with_field_details(server, payload, field):
    error = check_error(post(server, "/v1/quotes", json=payload), 422, "validation_error")
    messages = error["details"]["fields"][field]
    assert messages and all(isinstance(m, str) for m in messages)


def test_text_over_the_default_limit_is_413(server):
    response = post(server, "/v1/quotes", json={"text": "а" * 1_000_001})
    error = check_error(response, 413, "text_too_long")
    assert error["details"] == {"max_chars": 1_000_000, "chars": 1_000_001}


def test_text_at_the_default_limit_is_accepted(server):
    text = ((NO_QUOTES + " ") * 15_000)[:1_000_000]
    response = post(server, "/v1/quotes", data=text.encode("utf-8"), headers=PLAIN)
    assert response.status_code == 200
    assert response.json()["stats"]["chars"] == 1_000_000


def test_body_over_the_default_limit_is_413(server):
    body = b"a" * (10 * 1024 * 1024 + 1)
    error = check_error(post(server, "/v1/quotes", data=body, headers=PLAIN),
                        413, "body_too_large")
    assert error["details"]["max_bytes"] == 10 * 1024 * 1024


@pytest.mark.parametrize("content_type", [None, "application/x-www-form-urlencoded",
                                          "text/html", "application/xml",
                                          "text/plain; charset=windows-1251"])
def test_wrong_content_type_is_415(server, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    body = DIRECT.encode("utf-8")
    if content_type is None:
        # requests sends no Content-Type for raw bytes
        response = requests.post(server.url + "/v1/quotes", data=body, timeout=10)
    else:
        response = post(server, "/v1/quotes", data=body, headers=headers)
    error = check_error(response, 415, "unsupported_media_type")
    assert error["details"]["accepted"]


def test_invalid_utf8_is_400_never_500(server):
    bad = "Он сказал: «".encode("utf-8") + b"\xff\xfe\xc3" + "».".encode("utf-8")
    error = check_error(post(server, "/v1/quotes", data=bad, headers=PLAIN), 400, "invalid_utf8")
    assert error["details"]["position"] == len("Он сказал: «".encode("utf-8"))
    check_error(post(server, "/v1/quotes", data=b'{"text": "' + bad + b'"}', headers=JSON),
                400, "invalid_utf8")


@pytest.mark.parametrize("raw", [
    '{"text": "Он сказал: \\ud800 да"}',
    '{"text": "Он сказал: да \\udfff"}',
    '{"text": "Он сказал.", "id": "\\udc80"}',
])
def test_lone_surrogates_are_422_never_500(server, raw):
    error = check_error(post(server, "/v1/quotes", data=raw.encode("utf-8"), headers=JSON),
                        422, "validation_error")
    assert "surrogate" in json.dumps(error["details"]["fields"])


def test_a_surrogate_pair_escape_is_one_character(server):
    raw = '{"text": "\\ud83d\\ude00 «Мы готовы к переговорам», — заявил Сергей Лавров."}'
    body = post(server, "/v1/quotes", data=raw.encode("utf-8"), headers=JSON).json()
    assert body["stats"]["chars"] == len(DIRECT) + 2
    check_offsets("😀 " + DIRECT, body)


def test_deep_json_is_400_not_a_crash(server):
    deep = b'{"text": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    check_error(post(server, "/v1/quotes", data=deep, headers=JSON), 400, "json_too_deep")
    just_over = b'{"text": "a", "x": ' + b"[" * 20 + b"]" * 20 + b"}"
    check_error(post(server, "/v1/quotes", data=just_over, headers=JSON), 400, "json_too_deep")


def test_unknown_path_is_404_json(server):
    check_error(requests.get(server.url + "/v1/цитаты", timeout=10), 404, "not_found")
    check_error(requests.get(server.url + "/v2/quotes", timeout=10), 404, "not_found")


@pytest.mark.parametrize("method, path, allowed", [
    ("GET", "/v1/quotes", {"POST", "OPTIONS"}),
    ("PUT", "/v1/quotes/batch", {"POST", "OPTIONS"}),
    ("DELETE", "/health", {"GET", "HEAD", "OPTIONS"}),
    ("POST", "/metrics", {"GET", "HEAD", "OPTIONS"}),
])
def test_wrong_method_is_405_with_allow(server, method, path, allowed):
    response = requests.request(method, server.url + path, timeout=10)
    error = check_error(response, 405, "method_not_allowed")
    assert {m.strip() for m in response.headers["Allow"].split(",")} == allowed
    assert set(error["details"]["allowed"]) == allowed


def test_chunked_body_over_the_limit_is_413_not_truncated(server):
    # No Content-Length: the body limit must still hold, and never cut the text.
    def chunks(count):
        for _ in range(count):
            yield "б".encode("utf-8") * 50_000
    ok = post(server, "/v1/quotes", data=chunks(10), headers=PLAIN)
    assert ok.status_code == 200 and ok.json()["stats"]["chars"] == 500_000
    too_big = post(server, "/v1/quotes", data=chunks(120), headers=PLAIN)
    check_error(too_big, 413, "body_too_large")


# --- Operations --------------------------------------------------------------------

def test_health_and_ready(server):
    health = requests.get(server.url + "/health", timeout=10)
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    ready = requests.get(server.url + "/ready", timeout=10)
    assert ready.status_code == 200 and ready.json() == {"status": "ok"}
    assert requests.head(server.url + "/health", timeout=10).status_code == 200


def test_openapi_document_is_valid_and_generated_from_the_schemas(spec):
    validate_openapi(spec)
    assert spec["openapi"].startswith("3.")
    schemas = spec["components"]["schemas"]
    for name in ("Span", "Cue", "Speaker", "Quote", "SpeakerGroup", "Stats",
                 "QuotesResponse", "QuoteRequest", "BatchRequest", "BatchResponse", "Error"):
        assert name in schemas
    quote = schemas["Quote"]["properties"]
    assert set(quote) >= {"id", "type", "text", "start", "end", "sentence", "cue", "speaker",
                          "rule", "confidence"}
    assert quote["type"]["enum"] == ["direct", "indirect", "mixed"]
    assert schemas["Speaker"]["properties"]["kind"]["enum"] == [
        "organization", "person", "media", "group", "unknown"]
    operation = spec["paths"]["/v1/quotes"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "text/plain"}
    assert {"200", "400", "413", "415", "422"} <= set(operation["responses"])
    assert set(spec["paths"]) >= {"/v1/quotes", "/v1/quotes/batch", "/health", "/ready",
                                  "/metrics", "/openapi.json", "/docs"}


def test_error_responses_match_the_error_schema(server, spec):
    for response in (requests.get(server.url + "/nowhere", timeout=10),
                     post(server, "/v1/quotes", json={"text": ""}),
                     post(server, "/v1/quotes", data=b"{", headers=JSON)):
        check_schema(spec, "Error", response.json())


def test_docs_page_loads_nothing_from_outside(server):
    page = requests.get(server.url + "/docs", timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    texts = [page.text]
    for asset in assets:
        assert not re.match(r"^(?:[a-z]+:)?//", asset), asset
        response = requests.get(urljoin(server.url + "/docs", asset), timeout=10)
        assert response.status_code == 200, asset
        texts.append(response.text)
    for text in texts:
        assert not re.search(r"https?://", text)
        assert not re.search(r"""["'(]//[a-z0-9]""", text, re.I)


def test_metrics_count_requests_quotes_and_text_size(server):
    text_body = post(server, "/v1/quotes", json={"text": NEWS}).json()
    post(server, "/v1/quotes", json={"text": ""})
    requests.get(server.url + "/no-such-page", timeout=10)
    response = requests.get(server.url + "/metrics", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    metrics = response.text

    def value(pattern):
        match = re.search(r"^" + pattern + r" ([0-9.e+]+)$", metrics, re.M)
        assert match, pattern
        return float(match.group(1))

    assert value(r'quotes_http_requests_total\{endpoint="/v1/quotes",method="POST",'
                 r'status="200"\}') >= 1
    assert value(r'quotes_http_requests_total\{endpoint="/v1/quotes",method="POST",'
                 r'status="422"\}') >= 1
    assert value(r'quotes_http_requests_total\{endpoint="unmatched",method="GET",'
                 r'status="404"\}') >= 1
    assert value(r'quotes_http_request_duration_seconds_count\{endpoint="/v1/quotes",'
                 r'method="POST",status="200"\}') >= 1
    assert value(r'quotes_found_total\{type="direct"\}') >= 1
    assert value(r"quotes_text_chars_sum") >= len(NEWS)
    assert value(r'quotes_documents_total\{outcome="ok"\}') >= 1
    assert text_body["quotes"]


def test_metrics_are_summed_over_all_workers(server):
    # Sync workers take one connection each; many requests reach both workers,
    # and /metrics (answered by one of them) must count them all.
    before = _count(server, "/health")
    for _ in range(30):
        requests.get(server.url + "/health", timeout=10)
    assert _count(server, "/health") - before == 30


def _count(server, endpoint):
    metrics = requests.get(server.url + "/metrics", timeout=10).text
    match = re.search(r'^quotes_http_requests_total\{endpoint="' + re.escape(endpoint)
                      + r'",method="GET",status="200"\} ([0-9.e+]+)$', metrics, re.M)
    return float(match.group(1)) if match else 0.0


# --- Request id, logs, headers -------------------------------------------------------

def test_request_id_round_trip_and_in_the_access_log(server):
    given = "trace-5f2c1e7a"
    response = post(server, "/v1/quotes", json={"text": DIRECT},
                    headers={"X-Request-ID": given})
    assert response.headers["X-Request-ID"] == given
    made = requests.get(server.url + "/health", timeout=10).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", made)
    unsafe = requests.get(server.url + "/health", headers={"X-Request-ID": "a b\"<x>"},
                          timeout=10).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", unsafe)
    error = requests.get(server.url + "/nowhere", headers={"X-Request-ID": "err-42"}, timeout=10)
    assert error.headers["X-Request-ID"] == "err-42"

    lines = [json.loads(line) for line in server.stdout().splitlines() if line.strip()]
    mine = [line for line in lines if line.get("request_id") == given]
    assert mine, "the access log has a JSON line with the request id"
    assert mine[0]["path"] == "/v1/quotes" and mine[0]["status"] == 200
    assert mine[0]["method"] == "POST" and mine[0]["logger"] == "gunicorn.access"


def test_security_headers_and_no_server_version(server):
    for response in (requests.get(server.url + "/health", timeout=10),
                     post(server, "/v1/quotes", json={"text": DIRECT}),
                     requests.get(server.url + "/nowhere", timeout=10)):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        server_header = response.headers.get("Server", "")
        assert not re.search(r"\d", server_header), server_header
        assert "gunicorn" not in server_header.lower()
        assert "werkzeug" not in server_header.lower()
        assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_is_off_by_default(server):
    origin = {"Origin": "https://newsroom.example"}
    response = post(server, "/v1/quotes", json={"text": DIRECT}, headers=origin)
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = requests.options(server.url + "/v1/quotes", timeout=10, headers={
        **origin, "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


# --- the entity layer in the contract --------------------------------------------------

READY_WITHIN_SECONDS = 10   # the models load once, before the workers fork


def test_ready_within_ten_seconds_of_start(tmp_path_factory):
    from conftest import Server
    started = time.monotonic()
    srv = Server({}, tmp_path_factory.mktemp("ready-timing"))
    try:
        srv.wait_ready(timeout=READY_WITHIN_SECONDS)
        assert time.monotonic() - started < READY_WITHIN_SECONDS
    finally:
        srv.stop()


def test_speaker_organization_and_its_mention(server):
    text = "«Мы готовы к переговорам», — заявил глава МИД России Сергей Лавров."
    body = post(server, "/v1/quotes", json={"text": text}).json()
    sp = body["quotes"][0]["speaker"]
    assert (sp["name"], sp["kind"], sp["organization"]) == ("Сергей Лавров", "person", "МИД России")
    om = sp["organization_mention"]
    assert text[om["start"]:om["end"]] == om["text"]
    assert body["speakers"][0]["organization"] == "МИД России"
    check_offsets(text, body)


def test_organization_is_null_when_the_text_names_none(server):
    body = post(server, "/v1/quotes", json={"text": "«Всё будет хорошо», — сказал политолог Иван Петров."}).json()
    sp = body["quotes"][0]["speaker"]
    assert sp["organization"] is None and sp["organization_mention"] is None


def test_openapi_documents_the_organization_fields(spec):
    speaker = spec["components"]["schemas"]["Speaker"]["properties"]
    assert {"organization", "organization_mention"} <= set(speaker)
    assert "organization" in spec["components"]["schemas"]["SpeakerGroup"]["properties"]


@pytest.mark.parametrize("headers,status", [({}, 415), (JSON, 400), (PLAIN, 422)])
def test_a_missing_body_is_a_json_error(server, headers, status):
    """The document marks the two-type body optional (for client generators); the service
    still wants one."""
    response = requests.post(server.url + "/v1/quotes", headers=headers, timeout=10)
    check_error(response, status)
