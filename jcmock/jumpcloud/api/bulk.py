"""/api/v2/bulk/users: bulk user jobs and their results."""
from flask import Blueprint, request

from ...core.errors import BadRequest
from ...core.http import backend, body, render
from ...core.http import tenant as org
from ...core.openapi import documented
from ..query import ListQuery
from ..schemas import bulk as schemas

bp = Blueprint("bulk", __name__, url_prefix="/api/v2")

UPDATE = schemas.BulkUserUpdate()
CREATE = schemas.BulkUserCreate()


def _items(schema):
    items = body(schema, many=True)
    if not items:
        raise BadRequest("request body must hold at least one user")
    return items


# JumpCloud's spec declares 201 for both, but the live API answers 200 (its own SDK
# rewrites the status): jcmock follows the live API.
@bp.patch("/bulk/users")
@documented(request=UPDATE, request_many=True, response=schemas.JobId)
def update_users():
    """Update many system users in one job (answers its id)."""
    return render({"jobId": backend().bulk_update_users(org(), _items(UPDATE))})


@bp.post("/bulk/users")
@documented(request=CREATE, request_many=True, response=schemas.JobId)
def create_users():
    """Create many system users in one job (answers its id)."""
    return render({"jobId": backend().bulk_create_users(org(), _items(CREATE))})


@bp.get("/bulk/users/<job_id>/results")
@documented(response=schemas.JobWorkResult, response_many=True, query=("limit", "skip"))
def job_results(job_id):
    """The result of each user of a bulk job."""
    query = ListQuery.from_args(request.args, allowed=())
    page, _ = query.apply(backend().bulk_results(org(), job_id))
    return render(page)
