"""Strict marshmallow fields: a value of the wrong JSON type is an error, never coerced.

No ``"true"`` for a boolean, no ``1.0`` for an integer, and unknown keys are errors, so a typo
comes back as a 400 naming the field. Every field is a stock marshmallow field or a subclass of
one, so apispec can turn the schemas that use them into an OpenAPI document.
"""
import datetime
import math
import numbers
import re

from marshmallow import (
    RAISE,
    Schema,
    ValidationError,
    fields,
    validate,
)

OBJECT_ID_RE = re.compile(r"^[0-9a-fA-F]{24}$")
BASE64_RE = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")


BASE64_RE = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
_DATETIME_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))?"
)



class FullMatch(validate.Regexp):
    """``validate.Regexp`` that must match the whole string (apispec still sees a Regexp).

    ``{input}`` in the error message is the offending value's ``repr``.
    """

    def _format_error(self, value):
        return self.error.format(input=repr(value), regex=self.regex.pattern)

    def __call__(self, value):
        if self.regex.fullmatch(value) is None:
            raise ValidationError(self._format_error(value))
        return value


validate_object_id = FullMatch(OBJECT_ID_RE, error="{input} is not a valid ObjectId (24 hex characters).")
validate_base64 = FullMatch(BASE64_RE, error="{input} is not a valid base64 string.")



def _validate_datetime(value):
    match = _DATETIME_RE.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day, hour, minute, second, off_hour, off_minute = (int(part or 0) for part in match.groups())
        datetime.datetime(year, month, day, hour, minute, min(second, 59))  # :60 is a leap second
        if off_hour > 23 or off_minute > 59:
            raise ValueError(value)
    except ValueError:
        raise ValidationError(f"{value!r} is not a valid date-time (RFC 3339).") from None
    return value



class StrictBoolean(fields.Boolean):
    """A JSON boolean and nothing else: ``"true"``, ``1`` and ``"yes"`` are rejected."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value is True or value is False:
            return value
        raise self.make_error("invalid", input=value)



INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1



class StrictInteger(fields.Integer):
    """A JSON integer that fits in 64 bits: booleans, floats (even ``1.0``) and numeric strings are rejected."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise self.make_error("invalid", input=value)
        if not INT64_MIN <= value <= INT64_MAX:
            raise self.make_error("too_large", input=value)
        return super()._validated(value)



class StrictNumber(fields.Float):
    """A finite JSON number, kept as sent (``99`` stays an int): booleans and strings are rejected."""

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise self.make_error("invalid", input=value)
        if not math.isfinite(value):
            raise self.make_error("special", input=value)
        return value



class Base64String(fields.String):
    """A ``format: byte`` id (Google EMM); a 24-hex ObjectId also matches the base64 alphabet."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"format": "byte", **kwargs.get("metadata", {})}
        super().__init__(**kwargs)
        self.validators.insert(0, validate_base64)



class DateTimeString(fields.String):
    """An RFC 3339 date-time kept as the string that was sent."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"format": "date-time", **kwargs.get("metadata", {})}
        super().__init__(**kwargs)
        self.validators.insert(0, _validate_datetime)



def text(max_length=None, **kwargs):
    if max_length is not None:
        kwargs["validate"] = validate.Length(max=max_length)
    return fields.String(**kwargs)



def read_only(field):
    field.metadata = {**field.metadata, "readOnly": True}
    return field



class StrictSchema(Schema):
    """Base of every jcmock schema: unknown keys are an error, not silently dropped."""

    class Meta:
        unknown = RAISE
