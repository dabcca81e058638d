"""Bodies of ``/api/v1/brands``: brands (endpoint 11), themes (13), email customizations (12)."""
import re

from marshmallow import ValidationError, fields, validate, validates_schema

from .common import OktaSchema, StrictBoolean, enum, text

HEX_COLOR = validate.Regexp(re.compile(r"^#[0-9a-fA-F]{6}$"), error="Must be a #rrggbb colour.")


class CreateBrand(OktaSchema):
    name = text(required=True, min_length=1)


class DefaultApp(OktaSchema):
    appInstanceId = text(allow_none=True)
    appLinkName = text(allow_none=True)
    classicApplicationUri = text(allow_none=True)


class Brand(OktaSchema):
    """``BrandRequest``: a custom privacy policy URL needs ``agreeToCustomPrivacyPolicy: true``."""

    name = text(required=True, min_length=1)
    agreeToCustomPrivacyPolicy = StrictBoolean()
    customPrivacyPolicyUrl = text(allow_none=True, load_default=None)
    defaultApp = fields.Nested(DefaultApp, load_default=lambda: {"appInstanceId": None, "appLinkName": None,
                                                                 "classicApplicationUri": None})
    emailDomainId = text(allow_none=True, load_default=None)
    locale = text(allow_none=True, load_default="en")
    removePoweredByOkta = StrictBoolean(load_default=False)

    @validates_schema
    def privacy_policy(self, data, **kwargs):
        if data.get("customPrivacyPolicyUrl") and data.get("agreeToCustomPrivacyPolicy") is not True:
            raise ValidationError("Set agreeToCustomPrivacyPolicy to true to use a custom privacy policy URL.",
                                  "agreeToCustomPrivacyPolicy")


class Theme(OktaSchema):
    """``UpdateThemeRequest``: colours and touch-point variants; images keep their own endpoints."""

    primaryColorHex = text(required=True, validate=HEX_COLOR)
    primaryColorContrastHex = text(validate=HEX_COLOR)
    secondaryColorHex = text(required=True, validate=HEX_COLOR)
    secondaryColorContrastHex = text(validate=HEX_COLOR)
    signInPageTouchPointVariant = enum(("OKTA_DEFAULT", "BACKGROUND_SECONDARY_COLOR", "BACKGROUND_IMAGE"),
                                       required=True)
    endUserDashboardTouchPointVariant = enum(("OKTA_DEFAULT", "WHITE_LOGO_BACKGROUND", "FULL_THEME",
                                              "LOGO_ON_FULL_WHITE_BACKGROUND"), required=True)
    errorPageTouchPointVariant = enum(("OKTA_DEFAULT", "BACKGROUND_SECONDARY_COLOR", "BACKGROUND_IMAGE"),
                                      required=True)
    emailTemplateTouchPointVariant = enum(("OKTA_DEFAULT", "FULL_THEME"), required=True)
    loadingPageTouchPointVariant = enum(("OKTA_DEFAULT", "NONE"), load_default="OKTA_DEFAULT")


class EmailCustomization(OktaSchema):
    language = text(required=True, min_length=2, max_length=35)
    subject = text(required=True, min_length=1)
    body = text(required=True, min_length=1)
    isDefault = StrictBoolean()
