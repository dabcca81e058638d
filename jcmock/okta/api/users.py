"""``/api/v1/users``: create, read, list, replace (PUT, endpoint 32), partial update, lifecycle, two-step delete."""
from flask import request

from jcmock.core.openapi import documented

from ..expressions import Grammar
from ..paging import Paging
from ..resources import SeedTarget
from ..schemas.answers import GroupAnswer, UserAnswer
from ..schemas.users import CreateUser, ReplaceUser, UpdateUser
from . import OktaBlueprint, backend, base_url, body, flag, group_json, no_content, render, tenant, user_json
from .listing import PARAMS, Stored, answer_list

bp = OktaBlueprint("okta_users", __name__)

CREATE, REPLACE, UPDATE = CreateUser(), ReplaceUser(), UpdateUser()
PAGING = Paging(default=200, maximum=200)
FILTER = Grammar(frozenset({"status", "lastUpdated", "id", "profile.login", "profile.email",
                            "profile.firstName", "profile.lastName"}),
                 operators=frozenset({"eq", "gt", "ge", "lt", "le"}))
SEARCH = Grammar(frozenset({"id", "status", "created", "activated", "statusChanged", "lastUpdated", "type.id"}),
                 operators=frozenset({"eq", "sw", "co", "gt", "ge", "lt", "le"}), any_profile=True, ignore_case=True)
LIFECYCLE = ("activate", "reactivate", "deactivate", "suspend", "unsuspend", "unlock", "expire_password",
             "reset_password")


@bp.post("/users")
@documented(request=CREATE, response=UserAnswer, query=("activate",), params=PARAMS)
def create_user():
    fields, _ = body(CREATE)
    return render(user_json(backend().create_user(tenant(), fields, activate=flag("activate", True))))


@bp.get("/users")
@documented(response=UserAnswer, response_many=True, query=("limit", "after", "q", "filter", "search"), params=PARAMS)
def list_users():
    users = Stored("users")
    if request.args.get("q") is not None:
        # Okta's q never shows DEPROVISIONED users and answers one page of 10 by default.
        users = Stored("users", lambda u: u["status"] != "DEPROVISIONED")
    paging = Paging(default=10, maximum=200) if request.args.get("q") is not None else PAGING
    return answer_list(users, user_json, paging=paging,
                       q_fields=("profile.firstName", "profile.lastName", "profile.email"),
                       filter_grammar=FILTER, search_grammar=SEARCH)


@bp.get("/users/<user_id>")
@documented(response=UserAnswer)
def get_user(user_id):
    return render(user_json(backend().user(tenant(), user_id)))


@bp.put("/users/<user_id>")
@documented(request=REPLACE, response=UserAnswer)
def replace_user(user_id):
    backend().user(tenant(), user_id)
    fields, _ = body(REPLACE)
    return render(user_json(backend().replace_user(tenant(), user_id, fields)))


@bp.post("/users/<user_id>")
@documented(request=UPDATE, response=UserAnswer)
def update_user(user_id):
    backend().user(tenant(), user_id)
    fields, _ = body(UPDATE)
    return render(user_json(backend().update_user(tenant(), user_id, fields)))


@bp.delete("/users/<user_id>")
@documented(status=204)
def delete_user(user_id):
    backend().delete_user(tenant(), user_id)
    return no_content()


@bp.post("/users/<user_id>/lifecycle/<any(" + ", ".join(LIFECYCLE) + "):operation>")
def user_lifecycle(user_id, operation):
    """200 ``{}`` as recent Okta answers; ``activate?sendEmail=false`` answers the activation link instead."""
    backend().user_lifecycle(tenant(), user_id, operation)
    if operation == "activate" and not flag("sendEmail", True):
        token = backend().ids.token()
        return render({"activationUrl": f"{base_url()}/welcome/{token}", "activationToken": token})
    return render({})


@bp.get("/users/<user_id>/groups")
@documented(response=GroupAnswer, response_many=True)
def list_user_groups(user_id):
    ids = backend().group_ids_of(tenant(), user_id)
    return answer_list(Stored("groups", lambda g: g["id"] in ids or g["type"] == "BUILT_IN"), group_json)


list_users.seed_target = get_user.seed_target = lambda view_args: SeedTarget("users")
