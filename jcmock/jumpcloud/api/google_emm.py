"""/api/v2/google-emm/enterprises: Android EMM enterprises (a gRPC-gateway service upstream).

It differs from the other resources: there is no single-item GET, the list is wrapped
in ``{"enterprises": [...], "count": N}`` with a default limit of 100, create answers
200 and delete answers an empty object.
"""
from functools import partial

from flask import Blueprint, request

from ...core.backend import utcnow
from ...core.http import backend, body, render
from ...core.http import tenant as org
from ...core.openapi import documented
from ..query import ListQuery
from ..resources import Resource, register_resource
from ..schemas import google_emm as schemas

bp = Blueprint("google_emm", __name__, url_prefix="/api/v2")

ENTERPRISES = Resource(
    kind="google_emm_enterprises", path="/google-emm/enterprises", label="enterprise",
    id_param="enterpriseId", id_field="objectId", item_get=False, response=schemas.Enterprise,
    patch=schemas.EnterprisePatch(),
    read_only=frozenset({"objectId", "organizationObjectId", "createdAt", "name"}),
)
register_resource(bp, ENTERPRISES)
CREATE = schemas.EnterpriseCreate()


@bp.get("/google-emm/enterprises")
@documented(response=schemas.EnterpriseList, query=("limit", "skip"))
def list_enterprises():
    """List the enterprises (default limit 100)."""
    query = ListQuery.from_args(request.args, default_limit=100, allowed=())
    page, total = query.run(partial(backend().page, org(), ENTERPRISES.kind), view=ENTERPRISES.render,
                            field_of=ENTERPRISES.stored_field, id_field="objectId", total=True)
    return render({"enterprises": page, "count": total})


@bp.post("/google-emm/enterprises")
@documented(request=CREATE, response=schemas.Enterprise)
def create_enterprise():
    """Create an enterprise (answers 200, as JumpCloud does)."""
    fields = body(CREATE)
    name = fields.get("signupUrlName", "")
    doc = backend().create(org(), ENTERPRISES.kind, {
        "name": f"enterprises/{name.rsplit('/', 1)[-1] or 'LC00000000'}",
        "displayName": "",
        "allowDeviceEnrollment": True,
        "organizationObjectId": org(),
        "createdAt": utcnow(),
    }, id_field="objectId")
    return render(doc)


@bp.delete("/google-emm/enterprises/<enterpriseId>")
@documented()
def delete_enterprise(enterpriseId):
    """Delete an enterprise (answers an empty object)."""
    backend().delete(org(), ENTERPRISES.kind, enterpriseId, label="enterprise")
    return render({})


@bp.get("/google-emm/enterprises/<enterpriseId>/connection-status")
@documented(response=schemas.EnterpriseConnectionStatus)
def connection_status(enterpriseId):
    """Whether an enterprise is connected."""
    doc = backend().get(org(), ENTERPRISES.kind, enterpriseId, label="enterprise")
    return render({
        "enterpriseId": doc["objectId"],
        "organizationObjectId": doc.get("organizationObjectId", org()),
        "isConnected": True,
    })
