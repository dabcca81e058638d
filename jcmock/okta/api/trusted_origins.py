"""``/api/v1/trustedOrigins`` (endpoint 30): CORS, redirect and iframe origins."""

from ..errors import invalid
from ..expressions import Grammar
from ..paging import Paging
from ..resources import OBJECT, Resource
from ..schemas.trusted_origins import TrustedOrigin
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_trusted_origins", __name__)


def _unique_origin(backend, tenant, doc, fields=None):
    origin = (fields or doc)["origin"]
    if any(o["origin"] == origin and o["id"] != doc["id"] for o in backend.all(tenant, "trustedOrigins")):
        raise invalid("origin", "An object with this field already exists in the current organization")


TRUSTED_ORIGINS = Resource(
    kind="trustedOrigins", type_name="TrustedOrigin", path="/trustedOrigins", id_param="trustedOriginId",
    create=TrustedOrigin(), replace=TrustedOrigin(), lifecycle=OBJECT, paging=Paging(default=20, maximum=200),
    q_fields=("name", "origin"),
    filter_grammar=Grammar(frozenset({"name", "origin", "status", "type"}), operators=frozenset({"eq"})),
    on_create=_unique_origin, before_replace=_unique_origin,
)
register(bp, TRUSTED_ORIGINS)
