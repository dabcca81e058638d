"""Bodies of ``/api/v1/eventHooks`` (endpoint 15) and ``/api/v1/inlineHooks`` (endpoint 23)."""
from marshmallow import fields, validate

from .common import OktaSchema, OneOf, enum, obj, text

INLINE_HOOK_TYPES = ("com.okta.import.transform", "com.okta.oauth2.tokens.transform",
                     "com.okta.saml.tokens.transform", "com.okta.telephony.provider",
                     "com.okta.user.credential.password.import", "com.okta.user.pre-registration")


class Header(OktaSchema):
    key = text(required=True)
    value = text(required=True)


class AuthScheme(OktaSchema):
    """``value`` is write-only and optional (spec): a replace that omits it keeps the stored secret."""

    type = enum(("HEADER",), required=True)
    key = text(required=True)
    value = text()


class HttpConfig(OktaSchema):
    uri = fields.Url(required=True, schemes={"https", "http"})
    headers = fields.List(fields.Nested(Header))
    authScheme = fields.Nested(AuthScheme, allow_none=True)
    method = enum(("POST",))


class EventChannel(OktaSchema):
    type = enum(("HTTP",), required=True)
    version = text(required=True)
    config = fields.Nested(HttpConfig, required=True)


class Events(OktaSchema):
    type = enum(("EVENT_TYPE",), required=True)
    items = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    filter = obj(allow_none=True)


class EventHook(OktaSchema):
    name = text(required=True, min_length=1, max_length=255)
    description = text(allow_none=True, load_default=None)
    events = fields.Nested(Events, required=True)
    channel = fields.Nested(EventChannel, required=True)


class OAuthConfig(HttpConfig):
    authType = enum(("client_secret_post", "private_key_jwt"), required=True)
    clientId = text(required=True)
    clientSecret = text()
    hookKeyId = text()
    tokenUrl = fields.Url(required=True)
    scope = text()


class HttpInlineChannel(OktaSchema):
    type = enum(("HTTP",), required=True)
    version = text(required=True)
    config = fields.Nested(HttpConfig, required=True)


class OAuthInlineChannel(HttpInlineChannel):
    type = enum(("OAUTH",), required=True)
    config = fields.Nested(OAuthConfig, required=True)


class InlineChannel(fields.Field):
    """``channel`` picks its config by ``channel.type`` (HTTP or OAUTH)."""

    CHANNELS = OneOf("type", {"HTTP": HttpInlineChannel(), "OAUTH": OAuthInlineChannel()})

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, dict):
            raise self.make_error("invalid")
        return self.CHANNELS.pick(value).load(value)

    default_error_messages = {"invalid": "Not a valid object."}


class InlineHook(OktaSchema):
    """``InlineHookReplace``: the hook's ``type`` is fixed at creation; an omitted ``version`` is kept
    (the spec requires none of its fields, and Okta's Python SDK sends no ``version``)."""

    name = text(required=True, min_length=1, max_length=255)
    version = text()
    channel = InlineChannel(required=True)


class InlineHookCreate(InlineHook):
    type = enum(INLINE_HOOK_TYPES, required=True)
    version = text(required=True)


class InlineHookUpdate(OktaSchema):
    """``POST /inlineHooks/{id}``: a partial update."""

    name = text(min_length=1, max_length=255)
    version = text()
    channel = InlineChannel()


