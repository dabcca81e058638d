"""Body of ``/api/v1/idps`` (endpoint 22): ``IdentityProvider``; ``protocol`` must suit ``type``."""
from .common import OktaSchema, enum, obj, text

IDP_TYPES = ("AMAZON", "APPLE", "DISCORD", "FACEBOOK", "GITHUB", "GITLAB", "GOOGLE", "IDV_CLEAR", "IDV_INCODE",
             "IDV_PERSONA", "IDV_STANDARD", "LINKEDIN", "LOGINGOV", "LOGINGOV_SANDBOX", "MICROSOFT", "OIDC",
             "OKTA_INTEGRATION", "PAYPAL", "PAYPAL_SANDBOX", "SALESFORCE", "SAML2", "SPOTIFY", "X509", "XERO",
             "YAHOO", "YAHOOJP")


class IdentityProvider(OktaSchema):
    type = enum(IDP_TYPES, required=True)
    name = text(required=True, min_length=1, max_length=100)
    issuerMode = enum(("ORG_URL", "CUSTOM_URL", "DYNAMIC"), load_default="DYNAMIC")
    protocol = obj(required=True)
    policy = obj()
    properties = obj(allow_none=True)
