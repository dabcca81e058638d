"""Body of ``POST /api/v1/meta/schemas/user/linkedObjects``: a primary and an associated side."""
from marshmallow import fields

from .common import OktaSchema, enum, text


class LinkedObjectSide(OktaSchema):
    name = text(required=True, min_length=1, max_length=64)
    title = text(required=True, min_length=1)
    description = text(allow_none=True)
    type = enum(("USER",), required=True)


class LinkedObjectDefinition(OktaSchema):
    primary = fields.Nested(LinkedObjectSide, required=True)
    associated = fields.Nested(LinkedObjectSide, required=True)
