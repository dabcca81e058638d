"""``/api/v1/zones`` (endpoint 24): network zones; the ``type`` is fixed, delete needs INACTIVE."""

from ..expressions import Grammar
from ..paging import Paging
from ..resources import OBJECT, Resource, inactive_first, unchanged
from ..schemas.zones import ZONE
from . import OktaBlueprint
from .views import register

bp = OktaBlueprint("okta_zones", __name__)

ZONES = Resource(
    kind="zones", type_name="NetworkZone", path="/zones", id_param="zoneId", create=ZONE, replace=ZONE,
    lifecycle=OBJECT, paging=Paging(default=None, maximum=None),
    filter_grammar=Grammar(frozenset({"id", "usage", "system"}), operators=frozenset({"eq"})),
    before_replace=unchanged("type", "network zone"),
    before_delete=inactive_first("Deactivate the network zone before deleting it."),
    on_create=lambda backend, tenant, doc: doc.setdefault("system", False),
)
register(bp, ZONES)
