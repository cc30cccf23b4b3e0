"""The one error shape of every non-2xx response."""
from marshmallow import Schema, fields


class ErrorBodySchema(Schema):
    code = fields.String(
        required=True,
        metadata={"description": "Stable machine-readable code, e.g. text_too_long, "
                                 "validation_error, invalid_json, unsupported_media_type.",
                  "example": "text_too_long"})
    status = fields.Integer(
        required=True, metadata={"description": "The HTTP status.", "example": 413})
    message = fields.String(
        required=True, metadata={"description": "A sentence for people."})
    details = fields.Dict(
        required=True,
        metadata={"description": "Facts about the error: for validation_error, `fields` maps "
                                 "each field to its messages; for limits, the limit and the "
                                 "value received."})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)
