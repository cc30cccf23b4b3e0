"""Response bodies. The engine returns them in this shape and the tests load real
responses through these schemas, so what the OpenAPI document shows is what a
client gets. Clients must tolerate fields added later (the contract allows
adding, never renaming)."""
from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields, validate

from schemas.errors import ErrorBodySchema

QUOTE_TYPES = ("direct", "indirect", "mixed")
SPEAKER_KINDS = ("organization", "person", "media", "group", "unknown")


class _Open(Schema):
    """Response objects may gain fields; the document says so."""

    class Meta:
        unknown = INCLUDE
        ordered = True


def _text(description="The span's text, sliced from the input."):
    return fields.String(required=True, metadata={"description": description})


def _start():
    return fields.Integer(required=True, validate=validate.Range(min=0),
                          metadata={"description": "Start offset (code points)."})


def _end():
    return fields.Integer(required=True, validate=validate.Range(min=0),
                          metadata={"description": "End offset, exclusive."})


class SpanSchema(_Open):
    """A piece of the input: `input[start:end] == text` always holds."""

    text = _text()
    start = _start()
    end = _end()


class CueSchema(SpanSchema):
    """The reporting word or phrase: `заявил`, `сказано в сообщении`, `по словам`."""

    lemma = fields.String(required=True, metadata={"description": "Its dictionary form, "
                                                                  "e.g. `сказать`."})


class SpeakerSchema(SpanSchema):
    """The mention standing with the quote, and who it is."""

    name = fields.String(required=True, metadata={
        "description": "Canonical name in the nominative, resolved through the document.",
        "example": "Посольство РФ в РК"})
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    resolved = fields.Boolean(required=True, metadata={
        "description": "True when `name` came from another mention (anaphora)."})
    antecedent = fields.Nested(SpanSchema, allow_none=True, metadata={
        "description": "The mention `name` was resolved from, when `resolved`."})
    organization = fields.String(required=True, allow_none=True, metadata={
        "description": "The canonical nominative name of the body the speaker speaks for, resolved "
                       "through the document (`глава МИД России Сергей Лавров` → `МИД России`, "
                       "`тренер «Зенита»` → `Зенит`, `президент Франции` → `Франция`); an "
                       "organisation or medium speaks for itself; null when the text names none.",
        "example": "МИД России"})
    organization_mention = fields.Nested(SpanSchema, required=True, allow_none=True, metadata={
        "description": "Where the text names that body (the mention tied to this speaker), or null."})


class QuoteSchema(_Open):
    """One quote: its content span, cue, speaker and the rule that found it."""

    id = fields.String(required=True, metadata={"example": "q2"})
    type = fields.String(required=True, validate=validate.OneOf(QUOTE_TYPES), metadata={
        "description": "direct (inside quote marks), indirect (reported speech), "
                       "mixed (reported speech with a quoted fragment)."})
    text = _text("The quote's content: without the enclosing quote marks, or the "
                 "reported clause without its conjunction.")
    start = _start()
    end = _end()
    sentence = fields.Integer(required=True, validate=validate.Range(min=0), metadata={
        "description": "Index of the sentence where the quote starts."})
    cue = fields.Nested(CueSchema, required=True, allow_none=True)
    speaker = fields.Nested(SpeakerSchema, required=True, allow_none=True)
    rule = fields.String(required=True, metadata={
        "description": "Name of the rule that attributed the quote.",
        "example": "quote_dash_cue_speaker"})
    confidence = fields.Float(required=True, validate=validate.Range(min=0, max=1))


class SpeakerGroupSchema(_Open):
    """Quotes grouped by canonical speaker."""

    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    organization = fields.String(required=True, allow_none=True, metadata={
        "description": "The body this speaker speaks for, as in each quote's speaker.",
        "example": "МИД России"})
    quotes = fields.List(fields.String(), required=True, metadata={
        "description": "Ids of this speaker's quotes."})
    mentions = fields.List(fields.Nested(SpanSchema), required=True)


class StatsSchema(_Open):
    chars = fields.Integer(required=True, metadata={"description": "Length of the text."})
    sentences = fields.Integer(required=True)
    quotes = fields.Integer(required=True)
    elapsed_ms = fields.Float(required=True, metadata={
        "description": "Server-side time of the extraction, in milliseconds."})


class DebugEntrySchema(_Open):
    """One step of the pipeline's trace (debug runs only)."""

    rule = fields.String(metadata={"description": "The rule that took or rejected a candidate."})
    decision = fields.String(metadata={"description": "What it decided."})
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String(metadata={"description": "The start of the candidate's text."})


class _TraceList(fields.List):
    """Documented as a list of DebugEntry; dumped exactly as the pipeline gives it,
    so a trace keeps every detail."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else [dict(item) for item in value]


class QuotesResponseSchema(_Open):
    """`POST /v1/quotes`: every quote of the text and who said it."""

    id = fields.String(required=True, allow_none=True, metadata={
        "description": "The request's `id`, or null."})
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerGroupSchema), required=True)
    stats = fields.Nested(StatsSchema, required=True)
    debug = _TraceList(fields.Nested(DebugEntrySchema), metadata={
        "description": "Only in debug runs: which rule took or rejected each candidate."})


class BatchResultSchema(QuotesResponseSchema):
    """One slot of a batch: the single response's fields, or `id` and `error`."""

    quotes = fields.List(fields.Nested(QuoteSchema))
    speakers = fields.List(fields.Nested(SpeakerGroupSchema))
    stats = fields.Nested(StatsSchema)
    error = fields.Nested(ErrorBodySchema, metadata={
        "description": "Present instead of the result when this document was bad."})


class BatchResponseSchema(_Open):
    results = fields.List(fields.Nested(BatchResultSchema), required=True, metadata={
        "description": "One result per document, in the request's order."})


class HealthSchema(_Open):
    status = fields.String(required=True, metadata={"example": "ok"})
