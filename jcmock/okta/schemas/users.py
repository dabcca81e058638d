"""Bodies of ``/api/v1/users``: create, replace (PUT, strict) and partial update (POST).

Okta's default user schema requires ``login``, ``email``, ``firstName`` and ``lastName``; every other
profile attribute, base or custom, is kept as sent (reference endpoint 32).
"""
from marshmallow import fields, validate

from .common import OktaSchema, OpenSchema, strings, text


class Profile(OpenSchema):
    login = text(required=True, min_length=5, max_length=100)
    email = fields.String(required=True, validate=[validate.Length(min=5, max=100), validate.Email()])
    firstName = text(required=True, min_length=1, max_length=50)
    lastName = text(required=True, min_length=1, max_length=50)
    mobilePhone = text(allow_none=True, max_length=100)
    secondEmail = fields.String(allow_none=True, validate=validate.Email())
    countryCode = text(allow_none=True, max_length=2)
    city = text(allow_none=True, max_length=128)


class PartialProfile(Profile):
    """``POST /users/{id}``: only what is sent changes, so nothing is required."""

    login = text(min_length=5, max_length=100)
    email = fields.String(validate=[validate.Length(min=5, max=100), validate.Email()])
    firstName = text(allow_none=True, min_length=1, max_length=50)
    lastName = text(allow_none=True, min_length=1, max_length=50)


class Password(OktaSchema):
    """``{}`` is what Okta answers for a set password, and what SDKs echo back: it changes nothing."""

    value = text(min_length=1)


class RecoveryQuestion(OktaSchema):
    """An echoed question without its (never answered) answer changes nothing."""

    question = text(required=True, min_length=1)
    answer = text(min_length=1)


class Credentials(OktaSchema):
    password = fields.Nested(Password)
    recovery_question = fields.Nested(RecoveryQuestion)


class UserTypeRef(OktaSchema):
    id = text(required=True)


class CreateUser(OktaSchema):
    profile = fields.Nested(Profile, required=True)
    credentials = fields.Nested(Credentials)
    groupIds = strings()
    type = fields.Nested(UserTypeRef)
    realmId = text()


class ReplaceUser(OktaSchema):
    """``UpdateUserRequest``: profile, credentials or both; ``type`` changes only through PUT."""

    profile = fields.Nested(Profile)
    credentials = fields.Nested(Credentials)
    type = fields.Nested(UserTypeRef)
    realmId = text()


class UpdateUser(OktaSchema):
    profile = fields.Nested(PartialProfile)
    credentials = fields.Nested(Credentials)
    realmId = text()
