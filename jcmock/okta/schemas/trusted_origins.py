"""Body of ``/api/v1/trustedOrigins`` (endpoint 30): a name, an origin and one to three scopes."""
from marshmallow import fields, validate

from .common import OktaSchema, enum, strings, text


class Scope(OktaSchema):
    type = enum(("CORS", "REDIRECT", "IFRAME_EMBED"), required=True)
    allowedOktaApps = strings()


class TrustedOrigin(OktaSchema):
    name = text(required=True, min_length=1, max_length=255)
    origin = fields.Url(required=True, validate=validate.Length(max=255), schemes={"http", "https"},
                        require_tld=False)
    scopes = fields.List(fields.Nested(Scope), required=True, validate=validate.Length(min=1, max=3))
