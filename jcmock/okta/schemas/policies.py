"""Bodies of ``/api/v1/policies`` (endpoint 27) and their rules (28).

The spec's request ``oneOf`` variants share these fields and differ in ``conditions`` and
``settings``, which are kept as sent; ``type`` picks the variant and cannot change.
"""
from .common import LIFECYCLE_STATUS, OktaSchema, StrictInteger, enum, obj, text

POLICY_TYPES = ("ACCESS_POLICY", "MFA_ENROLL", "OKTA_SIGN_ON", "PASSWORD", "PROFILE_ENROLLMENT",
                "DEVICE_SIGNAL_COLLECTION")
RULE_TYPES = ("ACCESS_POLICY", "DEVICE_SIGNAL_COLLECTION", "ENTITY_RISK", "IDP_DISCOVERY", "MFA_ENROLL",
              "PASSWORD", "POST_AUTH_SESSION", "PROFILE_ENROLLMENT", "SIGN_ON", "SESSION_VIOLATION_DETECTION",
              "CLIENT_UPDATE", "IDENTITY_CLAIM_SOURCING")


class Policy(OktaSchema):
    type = enum(POLICY_TYPES, required=True)
    name = text(required=True, min_length=1, max_length=255)
    description = text(allow_none=True, load_default=None)
    priority = StrictInteger(allow_none=True)
    status = enum(LIFECYCLE_STATUS)
    conditions = obj(allow_none=True, load_default=None)
    settings = obj(allow_none=True)


class PolicyRule(OktaSchema):
    type = enum(RULE_TYPES, required=True)
    name = text(required=True, min_length=1, max_length=255)
    priority = StrictInteger(allow_none=True)
    status = enum(LIFECYCLE_STATUS)
    conditions = obj(allow_none=True, load_default=None)
    actions = obj(allow_none=True, load_default=None)
