"""Shapes of the answers of users, groups and apps, for the service's OpenAPI document only.

They list the fields every answer carries, with their types; other keys (custom profile
attributes, app settings) are allowed, so the document never rejects what Okta may add.
"""
from marshmallow import INCLUDE, Schema, fields

from .apps import SIGN_ON_MODES
from .common import enum, obj, text

USER_STATUSES = ("STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED",
                 "DEPROVISIONED")


class Answer(Schema):
    """Fields every answered object has; undeclared keys allowed."""

    class Meta:
        unknown = INCLUDE

    id = text(required=True)
    created = text(required=True)
    lastUpdated = text(required=True)
    links = obj(required=True, data_key="_links")


class UserAnswer(Answer):
    status = enum(USER_STATUSES, required=True)
    activated = text(allow_none=True)
    statusChanged = text(allow_none=True)
    lastLogin = text(allow_none=True)
    passwordChanged = text(allow_none=True)
    type = obj()
    profile = obj(required=True)
    credentials = obj()


class GroupAnswer(Answer):
    lastMembershipUpdated = text()
    objectClass = fields.List(fields.String())
    type = enum(("OKTA_GROUP", "APP_GROUP", "BUILT_IN"), required=True)
    profile = obj(required=True)


class ApplicationAnswer(Answer):
    name = text(required=True)
    label = text(required=True)
    status = enum(("ACTIVE", "INACTIVE"), required=True)
    signOnMode = enum(SIGN_ON_MODES, required=True)
