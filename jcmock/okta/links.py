"""``_links`` of answered objects: absolute hrefs built from the request's host, never stored.

Okta's styles differ by resource (reference quirk 12): most relations are ``{href, hints: {allow}}``,
users' lifecycle relations are ``{href, method: "POST"}``.
"""

# A user's lifecycle relations per status: relation name -> URL suffix.
_USER_OPERATIONS = {
    "STAGED": {"activate": "lifecycle/activate", "deactivate": "lifecycle/deactivate"},
    "PROVISIONED": {"reactivate": "lifecycle/reactivate", "deactivate": "lifecycle/deactivate"},
    "ACTIVE": {"suspend": "lifecycle/suspend", "resetPassword": "lifecycle/reset_password",
               "expirePassword": "lifecycle/expire_password", "deactivate": "lifecycle/deactivate"},
    "SUSPENDED": {"unsuspend": "lifecycle/unsuspend", "deactivate": "lifecycle/deactivate"},
    "DEPROVISIONED": {"activate": "lifecycle/activate"},
    "LOCKED_OUT": {"unlock": "lifecycle/unlock", "deactivate": "lifecycle/deactivate"},
    "PASSWORD_EXPIRED": {"resetPassword": "lifecycle/reset_password", "deactivate": "lifecycle/deactivate"},
    "RECOVERY": {"deactivate": "lifecycle/deactivate"},
}


def link(href, *allow):
    return {"href": href, "hints": {"allow": list(allow)}} if allow else {"href": href}


def lifecycle(self_url, status):
    """``activate`` on an INACTIVE object, ``deactivate`` on an ACTIVE one."""
    if status == "ACTIVE":
        return {"deactivate": link(f"{self_url}/lifecycle/deactivate", "POST")}
    if status == "INACTIVE":
        return {"activate": link(f"{self_url}/lifecycle/activate", "POST")}
    return {}


def user(doc, base):
    self_url = f"{base}/api/v1/users/{doc['id']}"
    links = {"self": {"href": self_url}}
    if doc.get("type"):
        links["type"] = {"href": f"{base}/api/v1/meta/types/user/{doc['type']['id']}"}
    for name, suffix in _USER_OPERATIONS.get(doc["status"], {}).items():
        links[name] = {"href": f"{self_url}/{suffix}", "method": "POST"}
    return links


def group(doc, base):
    self_url = f"{base}/api/v1/groups/{doc['id']}"
    return {"logo": [], "users": {"href": f"{self_url}/users"}, "apps": {"href": f"{self_url}/apps"}}


def app(doc, base):
    """An app's relations besides ``self`` and its lifecycle (the table's renderer adds those)."""
    self_url = f"{base}/api/v1/apps/{doc['id']}"
    extra = {"users": {"href": f"{self_url}/users"}, "groups": {"href": f"{self_url}/groups"}}
    if doc.get("__accessPolicy"):
        extra["accessPolicy"] = {"href": f"{base}/api/v1/policies/{doc['__accessPolicy']}"}
    return extra


def app_group_assignment(doc, base):
    app_url = f"{base}/api/v1/apps/{doc['__parent']['appId']}"
    return {"app": {"href": app_url}, "self": {"href": f"{app_url}/groups/{doc['id']}"},
            "group": {"href": f"{base}/api/v1/groups/{doc['id']}"}}
