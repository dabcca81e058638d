"""Bodies of ``/api/v1/authorizationServers``: servers (endpoint 6), claims (7), policies (8), rules (9),
scopes (10)."""
from marshmallow import fields, validate

from .common import LIFECYCLE_STATUS, OktaSchema, StrictBoolean, StrictInteger, enum, obj, strings, text


class AuthorizationServer(OktaSchema):
    """Okta supports exactly one audience; ``issuer`` is derived from the org and the id."""

    name = text(required=True, min_length=1)
    description = text(allow_none=True, load_default=None)
    audiences = fields.List(fields.String(), required=True, validate=validate.Length(min=1))
    issuerMode = enum(("ORG_URL", "CUSTOM_URL", "DYNAMIC"), load_default="ORG_URL")
    credentials = obj()
    accessTokenEncryptedResponseAlgorithm = enum(("RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512"), allow_none=True)
    jwks = obj(allow_none=True)
    jwks_uri = text(allow_none=True)


class ClaimConditions(OktaSchema):
    scopes = strings()


class OAuth2Claim(OktaSchema):
    """A claim's ``status`` is writable, unlike most objects' (reference §4)."""

    name = text(required=True, min_length=1)
    status = enum(LIFECYCLE_STATUS, load_default="ACTIVE")
    claimType = enum(("IDENTITY", "RESOURCE"), required=True)
    valueType = enum(("EXPRESSION", "GROUPS", "SYSTEM"), required=True)
    value = text(required=True)
    group_filter_type = enum(("STARTS_WITH", "EQUALS", "CONTAINS", "REGEX"), allow_none=True)
    alwaysIncludeInToken = StrictBoolean()
    conditions = fields.Nested(ClaimConditions)


class OAuth2Scope(OktaSchema):
    """Omitted optional fields fall back to their defaults: PUT is a replace."""

    name = text(required=True, min_length=1)
    description = text(allow_none=True, load_default=None)
    displayName = text(allow_none=True)
    consent = enum(("IMPLICIT", "REQUIRED", "FLEXIBLE"), load_default="IMPLICIT")
    default = StrictBoolean(load_default=False)
    metadataPublish = enum(("NO_CLIENTS", "ALL_CLIENTS"), load_default="NO_CLIENTS")
    optional = StrictBoolean(load_default=False)


class AuthorizationServerPolicy(OktaSchema):
    type = enum(("OAUTH_AUTHORIZATION_POLICY",), required=True)
    name = text(required=True, min_length=1, max_length=100)
    description = text(required=True, min_length=1, max_length=255)
    priority = StrictInteger()
    conditions = obj(required=True)


class AuthorizationServerPolicyRule(OktaSchema):
    """``AuthorizationServerPolicyRuleRequest``: ``name``, ``type`` and ``conditions`` are required."""

    type = enum(("RESOURCE_ACCESS",), required=True)
    name = text(required=True, min_length=1)
    priority = StrictInteger()
    conditions = obj(required=True)
    actions = obj()
