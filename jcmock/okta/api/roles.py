"""``/api/v1/users/{id}/roles`` and ``/api/v1/groups/{id}/roles``: admin role assignments and their targets
(endpoints 18-20 and 33-36).

Users and groups share every view; they differ in the URL and in two statuses: the group's
catalog-app target PUT answers an empty 200 where the user's answers 204 (2026 spec, quirk 3).
"""

from ..errors import not_found
from ..paging import Paging
from ..schemas.roles import RoleAssignment
from . import OktaBlueprint, backend, body, group_json, no_content, render, shown, tenant
from .listing import answer_list

bp = OktaBlueprint("okta_roles", __name__)

ROLE = RoleAssignment()
TARGETS_PAGING = Paging(default=20, maximum=200)
GROUP_SCOPED = ("USER_ADMIN", "HELP_DESK_ADMIN", "GROUP_MEMBERSHIP_ADMIN")
APP_SCOPED = ("APP_ADMIN",)
SIDES = {"users": "user", "groups": "group"}
CATALOG_APP_STATUS = {"user": 204, "group": 200}


def role_json(side):
    return lambda doc: shown(doc, lambda d, base: {"assignee": {
        "href": f"{base}/api/v1/{side}s/{d['__assignee'][f'{side}Id']}"}})


def _catalog_app(name):
    """A catalog app target as Okta lists it; instances carry the app's ``id``."""
    return {"name": name, "displayName": name, "status": "ACTIVE", "_links": {}}


def _instance(tenant_name, target):
    app = backend().app(tenant_name, target["appId"])
    return {**_catalog_app(target["appName"]), "id": app["id"], "displayName": app["label"]}


def _app_instance(appName, appId):
    """404 unless ``appId`` is an app of catalog app ``appName`` (``AppInstance``)."""
    app = backend().app(tenant(), appId)
    if app["name"] != appName:
        raise not_found(appId, "AppInstance")


def _views(prefix, side):
    base = f"/{prefix}/<assigneeId>/roles"
    target = f"{base}/<roleAssignmentId>/targets"

    def assign_role(assigneeId):
        fields, _ = body(ROLE)
        return render(role_json(side)(backend().assign_role(tenant(), side, assigneeId, fields["type"])), 201)

    def list_roles(assigneeId):
        return answer_list(backend().roles(tenant(), side, assigneeId), role_json(side))

    def get_role(assigneeId, roleAssignmentId):
        return render(role_json(side)(backend().role(tenant(), side, assigneeId, roleAssignmentId)))

    def unassign_role(assigneeId, roleAssignmentId):
        backend().unassign_role(tenant(), side, assigneeId, roleAssignmentId)
        return no_content()

    def list_group_targets(assigneeId, roleAssignmentId):
        role = backend().role(tenant(), side, assigneeId, roleAssignmentId)
        groups = [backend().group(tenant(), g) for g in role["__targets"]["groups"]]
        return answer_list(groups, group_json, paging=TARGETS_PAGING)

    def assign_group_target(assigneeId, roleAssignmentId, groupId):
        backend().group(tenant(), groupId)
        backend().change_targets(tenant(), side, assigneeId, roleAssignmentId, GROUP_SCOPED, lambda t: {
            **t, "groups": [*[g for g in t["groups"] if g != groupId], groupId]})
        return no_content()

    def unassign_group_target(assigneeId, roleAssignmentId, groupId):
        backend().change_targets(tenant(), side, assigneeId, roleAssignmentId, GROUP_SCOPED, lambda t: {
            **t, "groups": [g for g in t["groups"] if g != groupId]})
        return no_content()

    def list_app_targets(assigneeId, roleAssignmentId):
        role = backend().role(tenant(), side, assigneeId, roleAssignmentId)
        targets = role["__targets"]
        items = [{"id": name, **_catalog_app(name)} for name in targets["catalogApps"]]
        items += [_instance(tenant(), t) for t in targets["appInstances"]]
        return answer_list(items, lambda item: item if item["id"] != item["name"] else
                           {k: v for k, v in item.items() if k != "id"}, paging=TARGETS_PAGING)

    def assign_all_apps(assigneeId, roleAssignmentId):
        backend().change_targets(tenant(), side, assigneeId, roleAssignmentId, APP_SCOPED,
                                 lambda t: {**t, "catalogApps": [], "appInstances": []})
        return no_content(200)

    def assign_catalog_app(assigneeId, roleAssignmentId, appName):
        """A catalog-app target replaces the instance targets of the same app."""
        backend().change_targets(tenant(), side, assigneeId, roleAssignmentId, APP_SCOPED, lambda t: {
            **t, "catalogApps": [*[n for n in t["catalogApps"] if n != appName], appName],
            "appInstances": [i for i in t["appInstances"] if i["appName"] != appName]})
        return no_content(CATALOG_APP_STATUS[side])

    def unassign_catalog_app(assigneeId, roleAssignmentId, appName):
        backend().change_targets(tenant(), side, assigneeId, roleAssignmentId, APP_SCOPED, lambda t: {
            **t, "catalogApps": [n for n in t["catalogApps"] if n != appName]})
        return no_content()

    def assign_app_instance(assigneeId, roleAssignmentId, appName, appId):
        """An instance target cannot sit beside the whole catalog app: it narrows that target."""
        _app_instance(appName, appId)
        instance = {"appName": appName, "appId": appId}
        backend().change_targets(tenant(), side, assigneeId, roleAssignmentId, APP_SCOPED, lambda t: {
            **t, "catalogApps": [n for n in t["catalogApps"] if n != appName],
            "appInstances": [*[i for i in t["appInstances"] if i != instance], instance]})
        return no_content()

    def unassign_app_instance(assigneeId, roleAssignmentId, appName, appId):
        instance = {"appName": appName, "appId": appId}
        backend().change_targets(tenant(), side, assigneeId, roleAssignmentId, APP_SCOPED, lambda t: {
            **t, "appInstances": [i for i in t["appInstances"] if i != instance]})
        return no_content()

    rules = [
        (base, "POST", assign_role), (base, "GET", list_roles),
        (f"{base}/<roleAssignmentId>", "GET", get_role), (f"{base}/<roleAssignmentId>", "DELETE", unassign_role),
        (f"{target}/groups", "GET", list_group_targets),
        (f"{target}/groups/<groupId>", "PUT", assign_group_target),
        (f"{target}/groups/<groupId>", "DELETE", unassign_group_target),
        (f"{target}/catalog/apps", "GET", list_app_targets),
        (f"{target}/catalog/apps/<appName>", "PUT", assign_catalog_app),
        (f"{target}/catalog/apps/<appName>", "DELETE", unassign_catalog_app),
        (f"{target}/catalog/apps/<appName>/<appId>", "PUT", assign_app_instance),
        (f"{target}/catalog/apps/<appName>/<appId>", "DELETE", unassign_app_instance),
    ]
    if side == "user":
        rules.append((f"{target}/catalog/apps", "PUT", assign_all_apps))
    for rule, method, view in rules:
        bp.add_url_rule(rule, f"{side}_{view.__name__}", view, methods=[method])


for url_prefix, assignee in SIDES.items():
    _views(url_prefix, assignee)
