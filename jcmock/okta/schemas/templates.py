"""Body of ``/api/v1/templates/sms`` (endpoint 29): the text must carry Okta's ``${code}`` macro."""
from marshmallow import fields, validate

from .common import OktaSchema, enum, text

SMS_TEXT = [
    validate.Length(min=1, max=161),
    validate.Regexp(r".*\$\{code\}.*", error="The template must contain ${{code}}."),
]


class SmsTemplate(OktaSchema):
    """PUT replaces ``translations`` whole; POST on the item merges them (``SmsTemplateUpdate``)."""

    name = text(required=True, min_length=1, max_length=50)
    type = enum(("SMS_VERIFY_CODE",), required=True)
    template = fields.String(required=True, validate=SMS_TEXT)
    translations = fields.Dict(keys=fields.String(), values=fields.String(validate=SMS_TEXT), load_default=dict)


class SmsTemplateUpdate(SmsTemplate):
    """Loaded with ``partial=True``: only what is sent changes."""

    translations = fields.Dict(keys=fields.String(), values=fields.String(validate=SMS_TEXT))
