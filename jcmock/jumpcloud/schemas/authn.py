"""Bodies of /api/v2/authn/policies."""

from marshmallow import fields, validate

from ...core.fields import StrictBoolean, StrictSchema, read_only

AUTHN_POLICY_TYPES = ("user_portal", "application", "ldap", "admin_portal")



class AuthnPolicyMfa(StrictSchema):
    """``effect.obligations.mfa``."""

    required = StrictBoolean()



class AuthnPolicyUserVerification(StrictSchema):
    """``effect.obligations.userVerification``."""

    requirement = fields.String(validate=validate.OneOf(("none", "optional", "required")))



class AuthnPolicyMfaFactor(StrictSchema):
    """An item of ``effect.obligations.mfaFactors``."""

    type = fields.String(validate=validate.OneOf(("DURT", "WEBAUTHN", "PUSH", "DUO", "TOTP")))



class AuthnPolicyObligations(StrictSchema):
    """``effect.obligations``."""

    mfa = fields.Nested(AuthnPolicyMfa)
    userVerification = fields.Nested(AuthnPolicyUserVerification)
    mfaFactors = fields.List(fields.Nested(AuthnPolicyMfaFactor))



class AuthnPolicyHelpLink(StrictSchema):
    """``primary_help`` / ``secondary_help`` of a custom error message."""

    text = fields.String()
    url = fields.String()



class AuthnPolicyCustomErrorMessage(StrictSchema):
    """``effect.custom_error_message``."""

    enabled = StrictBoolean(required=True)
    message = fields.String(required=True)
    primary_help = fields.Nested(AuthnPolicyHelpLink)
    secondary_help = fields.Nested(AuthnPolicyHelpLink)



class AuthnPolicyEffect(StrictSchema):
    """``effect``: what the policy does when it applies."""

    action = fields.String(required=True, validate=validate.OneOf(("allow", "deny", "unknown")))
    obligations = fields.Nested(AuthnPolicyObligations)
    custom_error_message = fields.Nested(AuthnPolicyCustomErrorMessage)



class AuthnPolicyUserTarget(StrictSchema):
    """``targets.users``: user ids, or ``"ALL"``."""

    inclusions = fields.List(fields.String())



class AuthnPolicyUserGroupTarget(StrictSchema):
    """``targets.userGroups``: user group ids."""

    inclusions = fields.List(fields.String())
    exclusions = fields.List(fields.String())



class AuthnPolicyResourceTarget(StrictSchema):
    """An item of ``targets.resources``; no ``id`` targets every resource of the type."""

    id = fields.String()
    type = fields.String(required=True, validate=validate.OneOf(AUTHN_POLICY_TYPES))



class AuthnPolicyUserAttributeFilter(StrictSchema):
    """A user attribute filter (LDAP policies; only ``ldap_binding_user`` is supported)."""

    field = fields.String()
    operator = fields.String(validate=validate.OneOf(("EQ",)))
    value = fields.Raw(allow_none=True)



class AuthnPolicyUserAttributeTarget(StrictSchema):
    """``targets.userAttributes``."""

    inclusions = fields.List(fields.Nested(AuthnPolicyUserAttributeFilter))
    exclusions = fields.List(fields.Nested(AuthnPolicyUserAttributeFilter))



class AuthnPolicyTargets(StrictSchema):
    """``targets``: who and what the policy applies to."""

    users = fields.Nested(AuthnPolicyUserTarget)
    userGroups = fields.Nested(AuthnPolicyUserGroupTarget)
    resources = fields.List(fields.Nested(AuthnPolicyResourceTarget))
    userAttributes = fields.Nested(AuthnPolicyUserAttributeTarget)



class AuthnPolicy(StrictSchema):
    """``AuthnPolicy``: a conditional access policy."""

    id = read_only(fields.String())
    name = fields.String()
    description = fields.String()
    type = fields.String(validate=validate.OneOf(AUTHN_POLICY_TYPES), metadata={"default": "user_portal"})
    disabled = StrictBoolean()
    effect = fields.Nested(AuthnPolicyEffect)
    targets = fields.Nested(AuthnPolicyTargets)
    # A small expression language ({"not": {"ipAddressIn": [...]}}, {"all": [...]}...)
    # that JumpCloud itself declares as a free object.
    conditions = fields.Dict()



class AuthnPolicyPatch(AuthnPolicy):
    """Body of ``PATCH /authn/policies/{id}``."""



class AuthnPolicyCreate(AuthnPolicy):
    """Body of ``POST /authn/policies`` (the spec declares no required top-level field).

    A policy created without ``type`` is a ``user_portal`` one, the reference's default.
    """

    type = fields.String(validate=validate.OneOf(AUTHN_POLICY_TYPES), load_default="user_portal")
