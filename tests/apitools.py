"""Checks shared by the API tests: response shapes against the service's own
OpenAPI document, the offsets invariant, the error shape."""
from __future__ import annotations

from openapi_schema_validator import OAS31Validator

# Real news-like Russian text: an indirect quote, a direct one with an
# anaphoric speaker (`он`), and an organisation.
NEWS = ("Министр иностранных дел России Сергей Лавров заявил, что переговоры продолжатся "
        "на следующей неделе. «Мы готовы к диалогу без предварительных условий», — сказал "
        "он журналистам. В МИД Казахстана сообщили, что визит состоится в октябре.")
DIRECT = "«Мы готовы к переговорам», — заявил Сергей Лавров."
NO_QUOTES = "В Алма-Ате прошёл дождь. Температура воздуха составила +12 градусов."


def check_schema(spec: dict, component: str, instance) -> None:
    """Raise when `instance` does not match components/schemas/<component>."""
    schema = {"$ref": f"#/components/schemas/{component}", "components": spec["components"]}
    OAS31Validator(schema).validate(instance)


def spans_of(result: dict):
    """Every span of a result: quotes, cues, speakers, antecedents, organisations, mentions."""
    for quote in result["quotes"]:
        yield quote
        if quote["cue"]:
            yield quote["cue"]
        speaker = quote["speaker"]
        if speaker:
            yield speaker
            if speaker.get("antecedent"):
                yield speaker["antecedent"]
            if speaker.get("organization_mention"):
                yield speaker["organization_mention"]
    for group in result["speakers"]:
        yield from group["mentions"]


def check_offsets(text: str, result: dict) -> int:
    """Assert `text[start:end] == span.text` for every span; return how many."""
    count = 0
    for span in spans_of(result):
        assert text[span["start"]:span["end"]] == span["text"], span
        count += 1
    return count


def check_error(response, status: int, code: str | None = None) -> dict:
    """The contract's error shape, with the expected status (and code)."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "status", "message", "details"}
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], dict)
    if code is not None:
        assert error["code"] == code, error
    text = response.text
    assert "Traceback" not in text and 'File "' not in text
    return error
