"""/api/v2/users/{user_id}/pushendpoints and the v1 /api/systemusers reads.

Push endpoints live inside their user, so a user's endpoints are one lookup away and
an endpoint id under the wrong user is a 404.
"""
from functools import partial

from flask import Blueprint, request

from ...core.backend import PRIVATE_PREFIX, public
from ...core.errors import NotFound
from ...core.http import backend, body, render
from ...core.http import tenant as org
from ...core.openapi import documented
from ..backend import USER_SECRETS
from ..openapi import V1_LIST_PARAMS
from ..query import ListQuery
from ..schemas import users as schemas
from ..schemas.search import SearchFilter

bp = Blueprint("users", __name__, url_prefix="/api/v2")
v1 = Blueprint("systemusers_v1", __name__, url_prefix="/api")

PUSH_PATCH = schemas.PushEndpointPatch()
SEARCH_FILTER = SearchFilter()


@bp.get("/users/<user_id>/pushendpoints")
@documented(response=schemas.PushEndpoint, response_many=True)
def list_push_endpoints(user_id):
    """List a user's push endpoints."""
    return render(backend().push_endpoints(org(), user_id))


@bp.get("/users/<user_id>/pushendpoints/<push_endpoint_id>")
@documented(response=schemas.PushEndpoint)
def get_push_endpoint(user_id, push_endpoint_id):
    return render(backend().push_endpoint(org(), user_id, push_endpoint_id))


@bp.patch("/users/<user_id>/pushendpoints/<push_endpoint_id>")
@documented(request=PUSH_PATCH, response=schemas.PushEndpoint)
def patch_push_endpoint(user_id, push_endpoint_id):
    changes = body(PUSH_PATCH)
    return render(backend().patch_push_endpoint(org(), user_id, push_endpoint_id, changes))


@bp.delete("/users/<user_id>/pushendpoints/<push_endpoint_id>")
@documented(response=schemas.PushEndpoint)
def delete_push_endpoint(user_id, push_endpoint_id):
    return render(backend().delete_push_endpoint(org(), user_id, push_endpoint_id))


def v1_user(doc):
    """v1 system users carry their id twice, as ``_id`` and ``id``."""
    user = public(doc, USER_SECRETS)
    return {"_id": user["id"], **user}


def v1_user_field(name):
    """The stored user field behind a v1 field: ``_id`` is the id, secrets and bookkeeping read as absent."""
    if name == "_id":
        return "id"
    return None if name.startswith(PRIVATE_PREFIX) or name in USER_SECRETS else name


def v1_list(query):
    """Run a v1 ``query`` over the organization's users: ``{totalCount, results}``, every result keeping both ids."""
    page, total = query.run(partial(backend().page, org(), "users"), view=v1_user, field_of=v1_user_field,
                            id_field="_id", always=("id",), total=True)
    return render({"totalCount": total, "results": page})


@v1.get("/systemusers")
@documented(response=schemas.SystemUserList, query=("limit", "skip", "sort", "fields", "filter", "search"),
            params=V1_LIST_PARAMS)
def list_system_users():
    """v1: list system users."""
    return v1_list(ListQuery.from_v1_args(request.args, search=SEARCH_FILTER))


@v1.get("/systemusers/<user_id>")
@documented(response=schemas.SystemUser, query=("fields", "filter"), params=V1_LIST_PARAMS)
def get_system_user(user_id):
    """v1: get a system user (one that does not match the filter is not found)."""
    query = ListQuery.from_v1_args(request.args, allowed=("fields", "filter"))
    user = v1_user(backend().get(org(), "users", user_id, label="system user"))
    if not query.matches(user):
        raise NotFound(f"system user {user_id} not found")
    return render(query.project(user, id_field="_id", always=("id",)))
