"""/api/v2/iplists: named lists of addresses, ranges and CIDR blocks."""
from flask import Blueprint

from ..resources import Resource, register_resource
from ..schemas import iplists as schemas

bp = Blueprint("iplists", __name__, url_prefix="/api/v2")

register_resource(bp, Resource(
    kind="iplists", path="/iplists", label="IP list", response=schemas.IPList,
    patch=schemas.IPListPatch(), create=schemas.IPListCreate(), replace=schemas.IPListCreate(),
    listing=True, list_params=("filter", "sort"), delete=True,
))
