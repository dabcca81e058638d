"""``/api/v1/brands``: brands (endpoint 11), their one theme (13) and email customizations (12)."""

from ..errors import OktaError
from ..paging import Paging
from ..resources import Resource
from ..schemas.brands import Brand, CreateBrand, EmailCustomization, Theme
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_brands", __name__)

DEFAULT_THEME = {
    "logo": None, "favicon": None, "backgroundImage": None,
    "primaryColorHex": "#1662dd", "primaryColorContrastHex": "#ffffff",
    "secondaryColorHex": "#ebebed", "secondaryColorContrastHex": "#000000",
    "signInPageTouchPointVariant": "OKTA_DEFAULT", "endUserDashboardTouchPointVariant": "OKTA_DEFAULT",
    "errorPageTouchPointVariant": "OKTA_DEFAULT", "emailTemplateTouchPointVariant": "OKTA_DEFAULT",
    "loadingPageTouchPointVariant": "OKTA_DEFAULT",
}


def _unique_name(backend, tenant, doc, fields=None):
    name = (fields or doc)["name"]
    if any(b["name"] == name and b["id"] != doc["id"] for b in backend.all(tenant, "brands")):
        raise OktaError("E0000202")


def _new_brand(backend, tenant, doc):
    """A new brand is not the default, and comes with its one theme."""
    _unique_name(backend, tenant, doc)
    doc.update({"isDefault": False, "agreeToCustomPrivacyPolicy": False, "customPrivacyPolicyUrl": None,
                "removePoweredByOkta": False, "locale": "en", "emailDomainId": None,
                "defaultApp": {"appInstanceId": None, "appLinkName": None, "classicApplicationUri": None}})
    backend.create(tenant, THEMES, dict(DEFAULT_THEME), {"brandId": doc["id"]})


def _deletable(backend, tenant, stored):
    if stored.get("isDefault"):
        raise OktaError("E0000200")
    if any(d.get("brandId") == stored["id"] for d in backend.all(tenant, "domains")):
        raise OktaError("E0000201")


def _contrast(hex_color):
    """Black or white, whichever reads better on ``hex_color`` (Okta fills omitted contrast colours)."""
    red, green, blue = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


def _theme_contrasts(backend, tenant, stored, fields):
    for color in ("primaryColor", "secondaryColor"):
        fields.setdefault(f"{color}ContrastHex", _contrast(fields[f"{color}Hex"]))


def _one_default(backend, tenant, stored, fields):
    """Email customizations: one default per template, one per language (409 E0000182-E0000185)."""
    siblings = [c for c in backend.all(tenant, "emailCustomizations", stored["__parent"]) if c["id"] != stored["id"]]
    if any(c["language"] == fields["language"] for c in siblings):
        raise OktaError("E0000183")
    if stored.get("isDefault") and fields.get("isDefault") is False:
        raise OktaError("E0000185")
    if fields.get("isDefault") and any(c.get("isDefault") for c in siblings):
        for other in siblings:
            backend.store.put(tenant, "emailCustomizations", other["id"], {**other, "isDefault": False})
    fields["isDefault"] = bool(fields.get("isDefault", stored.get("isDefault")))


def _first_is_default(backend, tenant, doc):
    siblings = backend.all(tenant, "emailCustomizations", doc["__parent"])
    if any(c["language"] == doc["language"] for c in siblings):
        raise OktaError("E0000183")
    if doc.get("isDefault") and any(c.get("isDefault") for c in siblings):
        raise OktaError("E0000182")
    doc["isDefault"] = doc.get("isDefault", False) or not siblings


def _not_default(backend, tenant, stored):
    if stored.get("isDefault"):
        raise OktaError("E0000184")


BRANDS = Resource(
    kind="brands", type_name="Brand", path="/brands", id_param="brandId", create=CreateBrand(),
    replace=Brand(), create_status=201, initial_status=None, paging=Paging(default=20, maximum=200),
    q_fields=("name",), on_create=_new_brand, before_replace=_unique_name, before_delete=_deletable,
    links=lambda doc, base, self_url: {"themes": {"href": f"{self_url}/themes", "hints": {"allow": ["GET"]}}},
)
THEMES = Resource(
    kind="themes", type_name="Theme", path="/brands/<brandId>/themes", id_param="themeId",
    parents=(("brandId", BRANDS),), replace=Theme(), delete=False, initial_status=None,
    before_replace=_theme_contrasts,
)
EMAIL_CUSTOMIZATIONS = Resource(
    kind="emailCustomizations", type_name="EmailTemplateCustomization",
    path="/brands/<brandId>/templates/email/<templateName>/customizations", id_param="customizationId",
    parents=(("brandId", BRANDS), ("templateName", None)), create=EmailCustomization(),
    replace=EmailCustomization(), create_status=201, initial_status=None, paging=Paging(default=20, maximum=200),
    on_create=_first_is_default, before_replace=_one_default, before_delete=_not_default,
)
for row in (BRANDS, THEMES, EMAIL_CUSTOMIZATIONS):
    register(bp, row)
