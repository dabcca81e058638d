"""What every Okta body schema shares: unknown and read-only keys are ignored, as Okta ignores them.

Clients routinely echo whole objects back on PUT (``id``, ``created``, ``_links``, ``status``), so a
schema declares exactly the writable fields and drops the rest; what it declares is also what a
replace clears when omitted. Nested free-form objects (profiles) keep every key.
"""
from marshmallow import EXCLUDE, INCLUDE, Schema, ValidationError, fields, validate

# The strict scalar fields are neutral; they move to jcmock.core.fields with the restructure.
from jcmock.core.fields import StrictBoolean, StrictInteger  # noqa: F401  (re-exported for the area schemas)

LIFECYCLE_STATUS = ("ACTIVE", "INACTIVE")


class OktaSchema(Schema):
    """Base of every Okta body: undeclared keys (read-only or unknown) are dropped, never an error."""

    class Meta:
        unknown = EXCLUDE


class OpenSchema(Schema):
    """A nested object whose undeclared keys are kept (user and group profiles, custom attributes)."""

    class Meta:
        unknown = INCLUDE


def text(*, required=False, allow_none=False, min_length=None, max_length=None, **kwargs):
    """A JSON string, optionally bounded in length."""
    if min_length is not None or max_length is not None:
        kwargs["validate"] = validate.Length(min=min_length, max=max_length)
    return fields.String(required=required, allow_none=allow_none, **kwargs)


def enum(values, *, required=False, allow_none=False, **kwargs):
    """A string out of ``values``."""
    return fields.String(required=required, allow_none=allow_none, validate=validate.OneOf(values), **kwargs)


def obj(**kwargs):
    """A free-form JSON object, kept as sent."""
    return fields.Dict(keys=fields.String(), **kwargs)


def strings(**kwargs):
    return fields.List(fields.String(), **kwargs)


class OneOf:
    """A body whose schema depends on a discriminator field (apps by ``signOnMode``, zones by ``type``)."""

    def __init__(self, discriminator, variants, default=None):
        self.discriminator = discriminator
        self.variants = variants
        self.default = default

    def pick(self, data):
        """The variant schema for ``data``; a ValidationError naming the discriminator otherwise."""
        value = data.get(self.discriminator, self.default) if isinstance(data, dict) else None
        if value is None:
            raise ValidationError({self.discriminator: ["Missing data for required field."]})
        if not isinstance(value, str) or value not in self.variants:
            raise ValidationError(
                {self.discriminator: [f"Must be one of: {', '.join(self.variants)}."]})
        return self.variants[value]
