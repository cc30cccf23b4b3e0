"""Request bodies: one document, or a batch of them."""
from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate

# After JSON decoding a valid surrogate pair is already one code point, so any
# surrogate left in a string is a lone one: not Unicode text, and it could not
# be written back as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")

ID_MAX_CHARS = 256


def no_lone_surrogates(value: str) -> None:
    match = _SURROGATE.search(value)
    if match:
        raise ValidationError(
            f"Contains a lone surrogate (U+{ord(match.group()):04X}) at index "
            f"{match.start()}; text must be valid Unicode.")


class QuoteRequestSchema(Schema):
    """One document: `POST /v1/quotes` and each item of a batch."""

    text = fields.String(
        required=True,
        validate=[validate.Length(min=1, error="Must not be empty."), no_lone_surrogates],
        metadata={
            "description": "The news text. All offsets in the response are Python str "
                           "indices (code points) into it, exactly as received.",
            "example": "«Мы готовы к переговорам», — заявил министр иностранных дел России "
                       "Сергей Лавров.",
        },
    )
    id = fields.String(
        allow_none=True,
        validate=[validate.Length(max=ID_MAX_CHARS), no_lone_surrogates],
        metadata={"description": "Optional caller's id, echoed back in the response.",
                  "example": "a1"},
    )
    debug = fields.Boolean(
        load_default=False,
        metadata={"description": "Add `debug` to the response: which rule took or rejected "
                                 "each candidate (for tuning rules; slower, larger)."},
    )


class BatchRequestSchema(Schema):
    """`POST /v1/quotes/batch`: several documents answered in one response."""

    documents = fields.List(
        fields.Nested(QuoteRequestSchema),
        required=True,
        validate=validate.Length(min=1, error="Must hold at least one document."),
        metadata={"description": "The documents; each is checked on its own, and a bad "
                                 "one gets an error in its slot of the response."},
    )
