"""Bodies of ``/api/v1/apps``: one schema per ``signOnMode`` (endpoint 1), group assignments (3), features (2).

Every variant requires ``label`` and ``signOnMode``; the spec's variants add ``name``, ``settings``
and ``credentials`` as listed in ``_REQUIRED``. Deep objects (settings, credentials) are kept as sent.
"""
from marshmallow import fields

from .common import OktaSchema, OneOf, OpenSchema, StrictBoolean, StrictInteger, enum, obj, text

SIGN_ON_MODES = ("AUTO_LOGIN", "BASIC_AUTH", "BOOKMARK", "BROWSER_PLUGIN", "OPENID_CONNECT", "SAML_1_1",
                 "SAML_2_0", "SECURE_PASSWORD_STORE", "WS_FEDERATION")

# signOnMode -> fields its variant requires besides label and signOnMode (JSON ``schemas``).
_REQUIRED = {
    "AUTO_LOGIN": (),
    "BASIC_AUTH": ("name", "settings"),
    "BOOKMARK": ("name", "settings"),
    "BROWSER_PLUGIN": ("name", "settings"),
    "OPENID_CONNECT": ("name", "settings", "credentials"),
    "SAML_1_1": ("name",),
    "SAML_2_0": (),
    "SECURE_PASSWORD_STORE": ("name", "settings"),
    "WS_FEDERATION": ("name", "settings"),
}

# The catalog key Okta gives an app created without one.
DEFAULT_NAMES = {"BOOKMARK": "bookmark", "OPENID_CONNECT": "oidc_client", "BASIC_AUTH": "template_basic_auth",
                 "BROWSER_PLUGIN": "template_swa", "SECURE_PASSWORD_STORE": "template_sps",
                 "WS_FEDERATION": "template_wsfed", "AUTO_LOGIN": "template_auto_login",
                 "SAML_1_1": "template_saml_1_1", "SAML_2_0": "template_saml_2_0"}


class Accessibility(OktaSchema):
    errorRedirectUrl = text(allow_none=True)
    loginRedirectUrl = text(allow_none=True)
    selfService = StrictBoolean()


class Visibility(OktaSchema):
    appLinks = obj()
    autoLaunch = StrictBoolean()
    autoSubmitToolbar = StrictBoolean()
    hide = obj()


class Licensing(OktaSchema):
    seatCount = StrictInteger()


class BookmarkApp(OktaSchema):
    url = text(required=True, min_length=1)
    requestIntegration = StrictBoolean()


class BookmarkSettings(OpenSchema):
    app = fields.Nested(BookmarkApp, required=True)


def _application(mode):
    """The schema of one ``signOnMode`` variant; ``name`` names the catalog app and cannot change on PUT."""
    required = _REQUIRED[mode]
    settings = (fields.Nested(BookmarkSettings, required=True) if mode == "BOOKMARK"
                else obj(required="settings" in required))
    return OktaSchema.from_dict({
        "label": text(required=True, min_length=1, max_length=100),
        "signOnMode": enum(SIGN_ON_MODES, required=True),
        "name": text(required="name" in required, min_length=1),
        "accessibility": fields.Nested(Accessibility),
        "visibility": fields.Nested(Visibility),
        "licensing": fields.Nested(Licensing),
        "profile": obj(),
        "settings": settings,
        "credentials": obj(required="credentials" in required),
    }, name=f"{mode.title().replace('_', '')}Application")


APPLICATION = OneOf("signOnMode", {mode: _application(mode)() for mode in SIGN_ON_MODES})


class GroupAssignment(OktaSchema):
    """``ApplicationGroupAssignment``: optional, writable ``priority`` and ``profile``."""

    priority = StrictInteger()
    profile = obj()


class Status(OktaSchema):
    status = enum(("ENABLED", "DISABLED"))


class PasswordSetting(Status):
    seed = enum(("OKTA", "RANDOM"))
    change = enum(("CHANGE", "KEEP_EXISTING"))


class CapabilitiesCreate(OktaSchema):
    lifecycleCreate = fields.Nested(Status)


class CapabilitiesUpdate(OktaSchema):
    lifecycleDeactivate = fields.Nested(Status)
    profile = fields.Nested(Status)
    password = fields.Nested(PasswordSetting)


class UserProvisioning(OktaSchema):
    """``CapabilitiesObject``, the body of ``PUT .../features/USER_PROVISIONING`` (a partial update)."""

    create = fields.Nested(CapabilitiesCreate)
    update = fields.Nested(CapabilitiesUpdate)


class InboundProvisioning(OktaSchema):
    """``CapabilitiesInboundProvisioningObject``, for ``INBOUND_PROVISIONING``."""

    importSettings = obj(required=True)
    importRules = obj(required=True)


FEATURES = {"USER_PROVISIONING": UserProvisioning(), "INBOUND_PROVISIONING": InboundProvisioning()}
