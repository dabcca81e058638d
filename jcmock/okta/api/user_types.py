"""``/api/v1/meta/types/user`` (endpoint 37): user types; the default one and those in use cannot be deleted."""

from ..errors import OktaError
from ..resources import Resource, unchanged
from ..schemas.user_types import UserType, UserTypeUpdate
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_user_types", __name__)


def _deletable(backend, tenant, stored):
    in_use = any((u.get("type") or {}).get("id") == stored["id"] for u in backend.all(tenant, "users"))
    if stored.get("default") or in_use:
        raise OktaError("E0000142")


def _schema_link(doc, base, self_url):
    return {"schema": {"rel": "schema", "href": f"{base}/api/v1/meta/schemas/user/osc{doc['id'][3:]}",
                       "method": "GET"}}


USER_TYPES = Resource(
    kind="userTypes", type_name="CVDType", path="/meta/types/user", id_param="typeId", create=UserType(),
    replace=UserType(), update=UserTypeUpdate(), initial_status=None,
    on_create=lambda backend, tenant, doc: doc.setdefault("default", False),
    before_replace=unchanged("name", "user type"), before_delete=_deletable, links=_schema_link,
)
register(bp, USER_TYPES)
