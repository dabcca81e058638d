"""SCIM errors (RFC 7644 §3.12): ``{"schemas": [Error], "status": "400", "scimType": ..., "detail": ...}``.

Domain code raises one of the classes below; ``error_body`` renders any ApiError, so errors the
core raises (an injected 429, a payload too large) come out in SCIM's shape as well.
"""
from __future__ import annotations

from marshmallow import Schema, fields

from jcmock.core.errors import ApiError

ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"


class ScimError(ApiError):
    """A SCIM error; ``scim_type`` is one of RFC 7644 Table 9's keywords, or None."""

    code = 400
    scim_type: str | None = None


class InvalidFilter(ScimError):
    scim_type = "invalidFilter"


class InvalidSyntax(ScimError):
    scim_type = "invalidSyntax"


class InvalidPath(ScimError):
    scim_type = "invalidPath"


class InvalidValue(ScimError):
    scim_type = "invalidValue"


class NoTarget(ScimError):
    scim_type = "noTarget"


class Mutability(ScimError):
    scim_type = "mutability"


class Uniqueness(ScimError):
    code = 409
    scim_type = "uniqueness"


class BadParameter(ScimError):
    """A malformed query parameter (``count=abc``): a 400 with no scimType, as the Go library answers."""


class Unauthorized(ScimError):
    code = 401

    def __init__(self, message):
        super().__init__(message, headers={"WWW-Authenticate": 'Bearer realm="scim"'})


class NotFound(ScimError, LookupError):
    code = 404


class NotImplementedYet(ScimError):
    """What SCIM defines but the StackSpot provider does not serve (``/Me``, RFC 7644 §3.11)."""

    code = 501


def adapt_error(error: ApiError) -> ApiError:
    """A route the core found no view for answers as the Go library does (reference §2.2);
    the core's other errors (405 with Allow, an injected 429, 413) keep their own detail."""
    if error.code == 404 and not isinstance(error, ScimError):
        return NotFound("Specified endpoint does not exist.")
    return error


def error_body(error: ApiError) -> dict:
    """The SCIM body of any ApiError; a report the core attaches (``details``) goes under ``jcmock``."""
    body = {"schemas": [ERROR_SCHEMA], "status": str(error.code)}
    scim_type = getattr(error, "scim_type", None)
    if scim_type:
        body["scimType"] = scim_type
    body["detail"] = error.message
    if error.details is not None:
        body["jcmock"] = error.details
    return body


class ErrorSchema(Schema):
    """The error body, for the OpenAPI document."""

    schemas = fields.List(fields.String(), required=True)
    status = fields.String(required=True, metadata={"example": "404"})
    scimType = fields.String(metadata={"enum": [
        "invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax", "invalidPath",
        "noTarget", "invalidValue", "invalidVers", "sensitive"]})
    detail = fields.String()
