"""``/api/v1/groups``: groups (PUT, endpoint 17), members (PUT, endpoint 21), a group's apps.

Group rules (``/groups/rules``, endpoint 16) are in ``group_rules.py``; group role targets in ``roles.py``.
"""
from jcmock.core.openapi import documented

from ..expressions import Grammar
from ..paging import Paging
from ..resources import SeedTarget
from ..schemas.answers import ApplicationAnswer, GroupAnswer, UserAnswer
from ..schemas.groups import Group
from . import OktaBlueprint, backend, body, group_json, no_content, render, tenant, user_json
from .apps import app_json
from .listing import PARAMS, Stored, answer_list

bp = OktaBlueprint("okta_groups", __name__)

GROUP = Group()
PAGING = Paging(default=10000, maximum=10000)
MEMBERS_PAGING = Paging(default=1000, maximum=None)
APPS_PAGING = Paging(default=20, maximum=200)
FILTER = Grammar(frozenset({"id", "type", "lastUpdated", "lastMembershipUpdated"}),
                 operators=frozenset({"eq", "gt", "ge", "lt", "le"}))
SEARCH = Grammar(frozenset({"id", "created", "lastUpdated", "lastMembershipUpdated", "type", "source.id"}),
                 operators=frozenset({"eq", "sw", "co", "gt", "ge", "lt", "le"}), any_profile=True)


@bp.post("/groups")
@documented(request=GROUP, response=GroupAnswer)
def create_group():
    fields, _ = body(GROUP)
    return render(group_json(backend().create_group(tenant(), fields)))


@bp.get("/groups")
@documented(response=GroupAnswer, response_many=True, query=("limit", "after", "q", "filter", "search"),
            params=PARAMS)
def list_groups():
    return answer_list(Stored("groups"), group_json, paging=PAGING,
                       q_fields=("profile.name",), filter_grammar=FILTER, search_grammar=SEARCH)


@bp.get("/groups/<group_id>")
@documented(response=GroupAnswer)
def get_group(group_id):
    return render(group_json(backend().group(tenant(), group_id)))


@bp.put("/groups/<group_id>")
@documented(request=GROUP, response=GroupAnswer)
def replace_group(group_id):
    backend().group(tenant(), group_id)
    fields, _ = body(GROUP)
    return render(group_json(backend().replace_group(tenant(), group_id, fields)))


@bp.delete("/groups/<group_id>")
@documented(status=204)
def delete_group(group_id):
    backend().delete_group(tenant(), group_id)
    return no_content()


@bp.get("/groups/<group_id>/users")
@documented(response=UserAnswer, response_many=True, query=("limit", "after"), params=PARAMS)
def list_group_users(group_id):
    ids = backend().member_ids(tenant(), group_id)
    return answer_list(Stored("users", None if ids is None else lambda u: u["id"] in ids), user_json,
                       paging=MEMBERS_PAGING)


@bp.put("/groups/<group_id>/users/<user_id>")
@documented(status=204)
def assign_user_to_group(group_id, user_id):
    backend().add_member(tenant(), group_id, user_id)
    return no_content()


@bp.delete("/groups/<group_id>/users/<user_id>")
@documented(status=204)
def unassign_user_from_group(group_id, user_id):
    backend().remove_member(tenant(), group_id, user_id)
    return no_content()


@bp.get("/groups/<group_id>/apps")
@documented(response=ApplicationAnswer, response_many=True, query=("limit", "after"), params=PARAMS)
def list_group_apps(group_id):
    ids = backend().app_ids_of_group(tenant(), group_id)
    return answer_list(Stored("apps", lambda a: a["id"] in ids), app_json, paging=APPS_PAGING)


list_groups.seed_target = get_group.seed_target = lambda view_args: SeedTarget("groups")
