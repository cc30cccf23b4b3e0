"""marshmallow schemas for every request and response of the HTTP API.

They are the boundary: requests are loaded through them, responses dumped
through them, and the OpenAPI document at /openapi.json is generated from them.
"""
from schemas.errors import ErrorBodySchema, ErrorSchema
from schemas.requests import BatchRequestSchema, QuoteRequestSchema
from schemas.responses import (
    BatchResponseSchema,
    BatchResultSchema,
    CueSchema,
    HealthSchema,
    QuoteSchema,
    QuotesResponseSchema,
    SpanSchema,
    SpeakerGroupSchema,
    SpeakerSchema,
    StatsSchema,
)

__all__ = [
    "BatchRequestSchema", "BatchResponseSchema", "BatchResultSchema", "CueSchema",
    "ErrorBodySchema", "ErrorSchema", "HealthSchema",
    "QuoteRequestSchema", "QuoteSchema", "QuotesResponseSchema", "SpanSchema",
    "SpeakerGroupSchema", "SpeakerSchema", "StatsSchema",
]
