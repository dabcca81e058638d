"""v1 /api/search/systemusers: jcapiv1's SearchApi, the documented way to search system users.

The body's ``filter`` and ``searchFilter`` and the query's ``filter`` all narrow the same
v1 list (``users.v1_list``); ``fields`` from the body and the query are both kept.
"""
from flask import Blueprint, request

from ...core.http import body
from ...core.openapi import documented
from ..openapi import V1_LIST_PARAMS
from ..query import ListQuery, v1_fields
from ..schemas.search import SystemUserSearch
from ..schemas.users import SystemUserList
from .users import v1_list

bp = Blueprint("search_v1", __name__, url_prefix="/api")

SEARCH = SystemUserSearch()


@bp.post("/search/systemusers")
@documented(request=SEARCH, response=SystemUserList, query=("limit", "skip", "filter", "fields"),
            params=V1_LIST_PARAMS)
def search_system_users():
    """v1: search system users by filter and searchFilter."""
    query = ListQuery.from_v1_args(request.args, allowed=("limit", "skip", "filter", "fields"))
    # jcapiv1 marks the body optional: none is a search without conditions.
    search = body(SEARCH) if request.get_data(cache=True) else {}
    query.filters += [search[key] for key in ("filter", "searchFilter") if key in search]
    query.fields += v1_fields(search.get("projection", ""))
    return v1_list(query)
