"""The extraction endpoints: one document, or a batch of them."""
from __future__ import annotations

import logging

from flask import Blueprint
from marshmallow import ValidationError

from schemas import BatchRequestSchema, BatchResponseSchema, QuoteRequestSchema, QuotesResponseSchema
from schemas.requests import ID_MAX_CHARS, no_lone_surrogates
from service.api.inputs import load, read_document, read_json, validation_error
from service.errors import ApiError
from service.openapi import operation
from service.state import state

log = logging.getLogger("service.api.quotes")

bp = Blueprint("quotes", __name__, url_prefix="/v1")

# Built once: a schema holds no request state, and building one per request costs
# a noticeable share of the server's own time on a typical article.
QUOTE_REQUEST = QuoteRequestSchema()
BATCH_REQUEST = BatchRequestSchema()


def _ready_extractor():
    current = state()
    if not current.ready:
        raise ApiError(503, "not_ready", "The extraction pipeline is not loaded yet.",
                       headers={"Retry-After": "1"})
    return current.extractor


@bp.post("/quotes")
@operation(
    summary="Find the quotes in one text, and who said them",
    tags=["quotes"],
    description="Send JSON `{\"text\", \"id\"}` or the raw text as `text/plain; "
                "charset=utf-8`.",
    request={"application/json": QuoteRequestSchema,
             # the raw UTF-8 text: "binary" so that generated clients send it as it is
             "text/plain": {"type": "string", "format": "binary", "example": "Там заявили, что ответят."}},
    errors=(400, 408, 413, 415, 422, 503),
    responses={200: ("Every quote in the text.", QuotesResponseSchema)},
)
def extract_quotes():
    extractor = _ready_extractor()
    document = read_document(QUOTE_REQUEST, state().config.max_json_depth)
    # The engine's result already has the response's shape (QuotesResponseSchema documents
    # it, and the schema tests hold the two together); dumping it again would double the
    # server's own time on a typical article.
    return extractor.extract(document["text"], document.get("id"), debug=document.get("debug", False))


@bp.post("/quotes/batch")
@operation(
    summary="Find the quotes in several texts",
    tags=["quotes"],
    description="One result per document, in order. A bad document gets an `error` "
                "object in its slot (with `id` when it had a usable one); the others "
                "are still processed.",
    request={"application/json": BatchRequestSchema},
    errors=(400, 408, 413, 415, 422, 503),
    responses={200: ("One result or error per document.", BatchResponseSchema)},
)
def extract_batch():
    extractor = _ready_extractor()
    config = state().config
    payload = read_json(config.max_json_depth)
    documents = payload.get("documents") if isinstance(payload, dict) else None
    if isinstance(documents, list) and len(documents) > config.max_batch:
        raise ApiError(413, "batch_too_large",
                       f"The batch has {len(documents)} documents; the limit is "
                       f"{config.max_batch}.",
                       {"max_documents": config.max_batch, "documents": len(documents)})
    bad = _bad_documents(payload)
    results = [_slot(extractor, index, raw, bad.get(index))
               for index, raw in enumerate(documents)]
    return {"results": results}


def _bad_documents(payload) -> dict[int, dict]:
    """Index -> field errors of each bad document. Errors of the envelope
    itself (no `documents`, not a list, empty, unknown fields) fail the
    whole request with 422."""
    try:
        BATCH_REQUEST.load(payload)
        return {}
    except ValidationError as exc:
        messages = exc.messages
        per_document = messages.get("documents") if isinstance(messages, dict) else None
        if (set(messages) == {"documents"} and isinstance(per_document, dict)
                and all(isinstance(index, int) for index in per_document)):
            return per_document
        raise validation_error(exc) from None


def _usable_id(raw) -> str | None:
    doc_id = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(doc_id, str) or len(doc_id) > ID_MAX_CHARS:
        return None
    try:
        no_lone_surrogates(doc_id)
    except ValidationError:
        return None
    return doc_id


def _slot(extractor, index: int, raw, field_errors: dict | None) -> dict:
    doc_id = _usable_id(raw)
    try:
        if field_errors is not None:
            raise ApiError(422, "validation_error", "This document does not match the schema.",
                           {"fields": field_errors, "index": index})
        document = load(QUOTE_REQUEST, raw)
        return extractor.extract(document["text"], document.get("id"), debug=document.get("debug", False))
    except ApiError as error:
        error.details.setdefault("index", index)
        return {"id": doc_id, "error": error.to_dict()}
    except Exception:
        log.exception("extraction failed on one document of a batch",
                      extra={"index": index, "doc_id": doc_id})
        if extractor.metrics:
            extractor.metrics.observe_document_error("internal_error")
        return {"id": doc_id, "error": ApiError(
            500, "internal_error", "The service failed on this document; the error is "
            "logged with the request id.", {"index": index}).to_dict()}
