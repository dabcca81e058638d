"""Body of ``PUT /api/v1/authenticators/{id}`` (endpoint 5): ``AuthenticatorBase``; ``settings`` survive omission."""
from .common import OktaSchema, enum, obj, text

KEYS = ("custom_app", "duo", "external_idp", "google_otp", "okta_email", "okta_password", "okta_verify",
        "onprem_mfa", "phone_number", "security_key", "security_question", "smart_card_idp", "symantec_vip",
        "webauthn", "yubikey_token", "tac")
TYPES = ("app", "email", "federated", "password", "phone", "security_key", "security_question", "tac")


class Authenticator(OktaSchema):
    key = enum(KEYS, required=True)
    name = text(required=True, min_length=1)
    type = enum(TYPES)
    description = text(allow_none=True)
    settings = obj()
    provider = obj()
