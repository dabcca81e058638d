"""Okta's domain over the store, with no Flask: tenants, replace semantics, lifecycles, memberships.

Stored documents are Okta objects without ``_links`` (those are built per answer from the request's
host); keys starting with ``__`` are private (parent ids, passwords, assignees) and never answered.
"""
import datetime

from .errors import OktaError, invalid, not_found
from .resources import SERVER_FIELDS, Resource

TENANT_KIND = "_tenant"

# Every store kind, in the order the fixtures are seeded; also the manifest's keys.
KINDS = (
    "org", "orgContacts", "userTypes", "users", "groups", "groupMemberships", "groupRules", "apps",
    "appGroupAssignments", "appFeatures", "authenticators", "authorizationServers",
    "authorizationServerClaims", "authorizationServerScopes", "authorizationServerPolicies",
    "authorizationServerPolicyRules", "brands", "themes", "emailCustomizations", "domains", "eventHooks",
    "inlineHooks", "zones", "idps", "trustedOrigins", "smsTemplates", "policies", "policyRules",
    "roleAssignments", "linkedObjectDefinitions", "linkedObjects",
)

# How each link-like kind keys its documents in the store; every other kind uses ``id``.
STORE_KEYS = {
    "org": lambda doc: "org",
    "orgContacts": lambda doc: doc["contactType"],
    "groupMemberships": lambda doc: f"{doc['groupId']}:{doc['userId']}",
    "appGroupAssignments": lambda doc: f"{doc['__parent']['appId']}:{doc['id']}",
    "appFeatures": lambda doc: f"{doc['__parent']['appId']}:{doc['name']}",
    "linkedObjectDefinitions": lambda doc: doc["primary"]["name"],
    "linkedObjects": lambda doc: f"{doc['associatedUserId']}:{doc['relationship']}",
}


def store_key(kind, doc):
    return STORE_KEYS.get(kind, lambda d: d["id"])(doc)


def utcnow():
    """Okta's timestamp form: UTC, milliseconds, ``Z``."""
    now = datetime.datetime.now(datetime.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def public(doc, write_only=()):
    """The answered form of a stored document (a copy): private keys and write-only secrets removed."""
    shown = {key: value for key, value in doc.items() if not key.startswith("__")}
    for path in write_only:
        *parents, leaf = path.split(".")
        node = shown
        for part in parents:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(leaf, None)
    return shown


class OktaBackend:
    """Okta's orgs in one store; each tenant (an org domain) is seeded from the fixtures on first use."""

    def __init__(self, store, fixtures, ids):
        self.store = store
        self.fixtures = fixtures
        self.ids = ids
        self.default_tenant = fixtures.default_tenant

    # --- tenants -------------------------------------------------------------------------

    def ensure_tenant(self, tenant):
        """Seed ``tenant`` from the fixtures unless it already holds state: every org domain exists."""
        with self.store.lock:
            if self.store.get(tenant, TENANT_KIND, "org") is None:
                self._seed(tenant)

    def adopt_tenant(self, tenant):
        """Replay's fallback seeding: a tenant a cassette names exists, as any named one does."""
        self.ensure_tenant(tenant)

    def tenants(self):
        """The tenants holding state, as records (``{"id": ...}``)."""
        return [{"id": tenant} for tenant in self.store.tenants()]

    def reset(self):
        """Drop every tenant's state and reseed the default one."""
        with self.store.lock:
            self.store.clear()
            self._seed(self.default_tenant)

    def _seed(self, tenant):
        for kind in KINDS:
            for doc in self.fixtures.objects.get(kind, ()):
                self.store.put(tenant, kind, store_key(kind, doc), doc)
        self.store.update(tenant, "org", "org", lambda org: {**org, "subdomain": tenant.split(".")[0]})
        self.store.put(tenant, TENANT_KIND, "org", {"domain": tenant})

    # --- generic documents ---------------------------------------------------------------

    def find(self, tenant, kind, key, type_name, parent=None):
        """The stored document, or 404 E0000007 naming ``key`` and Okta's type; also 404 under another parent."""
        doc = self.store.get(tenant, kind, key) if isinstance(key, str) else None
        if doc is None or (parent is not None and doc.get("__parent") != parent):
            raise not_found(key, type_name)
        return doc

    def all(self, tenant, kind, parent=None, where=None):
        """Documents of a kind, optionally only those under ``parent`` and matching ``where`` (both read
        the live stored documents: only the matches are copied)."""
        test = where
        if parent is not None:
            test = (lambda doc: doc.get("__parent") == parent) if where is None else (
                lambda doc: doc.get("__parent") == parent and where(doc))
        return self.store.scan(tenant, kind, where=test).docs

    def check_parents(self, tenant, res: Resource, parent):
        """404 for the first path id that names no object (``/authorizationServers/<bad>/claims/...``)."""
        ancestry = {}
        for param, row in res.parents:
            if row is not None:
                self.find(tenant, row.kind, parent[param], row.type_name, ancestry or None)
            ancestry = {**ancestry, param: parent[param]}

    def create(self, tenant, res: Resource, fields, parent=None, activate=True):
        """Store a new object of a table row: id, timestamps, status and the row's own server fields."""
        now = utcnow()
        doc = {"id": self.ids.new(res.id_prefix or res.kind), **fields, "created": now, "lastUpdated": now}
        if res.initial_status is not None:
            doc["status"] = res.initial_status if activate else "INACTIVE"
        if parent:
            doc["__parent"] = dict(parent)
        with self.store.lock:
            if res.on_create is not None:
                res.on_create(self, tenant, doc)
            self.store.put(tenant, res.kind, store_key(res.kind, doc), doc)
        return doc

    def replace(self, tenant, res: Resource, key, fields, writable, parent=None):
        """Okta's PUT: every writable field is replaced (cleared when omitted), server fields are kept.

        ``writable`` is what the body schema declares; the row's ``keep`` fields survive when
        omitted and its ``fixed`` ones are never taken from the body. PUT never creates (404).
        """
        with self.store.lock:
            stored = self.find(tenant, res.kind, key, res.type_name, parent)
            if res.before_replace is not None:
                res.before_replace(self, tenant, stored, fields)
            kept = {k: v for k, v in stored.items()
                    if k not in writable or k in res.fixed or (k in res.keep and k not in fields)}
            body = {k: v for k, v in fields.items() if k not in res.fixed and k not in SERVER_FIELDS}
            doc = {**kept, **body, "lastUpdated": utcnow()}
            self.store.put(tenant, res.kind, key, doc)
            return doc

    def update(self, tenant, res: Resource, key, fields, parent=None):
        """Okta's partial update (POST on an item): only the sent fields change."""
        with self.store.lock:
            stored = self.find(tenant, res.kind, key, res.type_name, parent)
            doc = {**stored, **{k: v for k, v in fields.items() if k not in SERVER_FIELDS},
                   "lastUpdated": utcnow()}
            self.store.put(tenant, res.kind, key, doc)
            return doc

    def set_status(self, tenant, res: Resource, key, status, parent=None):
        """``lifecycle/activate`` and ``lifecycle/deactivate``: idempotent status changes."""
        with self.store.lock:
            stored = self.find(tenant, res.kind, key, res.type_name, parent)
            if stored.get("status") == status:
                return stored
            doc = {**stored, "status": status, "lastUpdated": utcnow()}
            self.store.put(tenant, res.kind, key, doc)
            return doc

    def remove(self, tenant, res: Resource, key, parent=None):
        """Delete after the row's precondition; objects nested under it go with it."""
        with self.store.lock:
            stored = self.find(tenant, res.kind, key, res.type_name, parent)
            if res.before_delete is not None:
                res.before_delete(self, tenant, stored)
            self.store.delete(tenant, res.kind, key)
            self._drop_children(tenant, stored["id"])

    def _drop_children(self, tenant, parent_id):
        for kind in KINDS:
            for doc in self.store.all(tenant, kind):
                if parent_id in (doc.get("__parent") or {}).values():
                    self.store.delete(tenant, kind, store_key(kind, doc))

    # --- users ---------------------------------------------------------------------------

    def user(self, tenant, id_or_login):
        """A user by id, login, or unambiguous login short name (the part before ``@``), as Okta resolves."""
        doc = self.store.get(tenant, "users", id_or_login)
        if doc is not None:
            return doc
        wanted = id_or_login.lower()
        users = self.store.all(tenant, "users")
        for candidates in (
            [u for u in users if u["profile"].get("login", "").lower() == wanted],
            [u for u in users if u["profile"].get("login", "").lower().split("@")[0] == wanted],
        ):
            if len(candidates) == 1:
                return candidates[0]
        raise not_found(id_or_login, "User")

    def _check_login(self, tenant, login, user_id=None):
        lowered = login.lower()
        if any(u["profile"].get("login", "").lower() == lowered and u["id"] != user_id
               for u in self.store.all(tenant, "users")):
            raise invalid("login", "An object with this field already exists in the current organization")

    def _user_type(self, tenant, user_type):
        if user_type and user_type.get("id"):
            doc = self.store.get(tenant, "userTypes", user_type["id"])
            if doc is None:
                raise invalid("type", f"User type {user_type['id']} does not exist")
            return {"id": doc["id"]}
        default = next((t for t in self.store.all(tenant, "userTypes") if t.get("default")), None)
        return {"id": default["id"]} if default else None

    def create_user(self, tenant, fields, activate=True):
        """``POST /users``: STAGED, or with ``activate`` ACTIVE (a password set) or PROVISIONED (none)."""
        with self.store.lock:
            profile = _user_profile(fields["profile"])
            self._check_login(tenant, profile["login"])
            group_ids = fields.get("groupIds") or []
            for group_id in group_ids:
                self._okta_group(tenant, group_id)
            now = utcnow()
            credentials, secrets = _credentials(fields.get("credentials"), {})
            status = ("ACTIVE" if "__password" in secrets else "PROVISIONED") if activate else "STAGED"
            doc = {
                "id": self.ids.new("users"), "status": status, "created": now,
                "activated": now if activate else None, "statusChanged": now if activate else None,
                "lastLogin": None, "lastUpdated": now,
                "passwordChanged": now if "__password" in secrets else None,
                "type": self._user_type(tenant, fields.get("type")),
                "profile": profile, "credentials": credentials, **secrets,
            }
            self.store.put(tenant, "users", doc["id"], doc)
            for group_id in group_ids:
                self.add_member(tenant, group_id, doc["id"])
            return doc

    def replace_user(self, tenant, id_or_login, fields):
        """``PUT /users/{id}``: a sent ``profile`` replaces the whole profile; ``status`` never changes."""
        return self._change_user(tenant, id_or_login, fields, _user_profile)

    def update_user(self, tenant, id_or_login, fields):
        """``POST /users/{id}``: only the sent profile attributes change; an explicit null clears one."""
        return self._change_user(tenant, id_or_login, fields,
                                 lambda profile, stored: _user_profile({**stored, **profile}))

    def _change_user(self, tenant, id_or_login, fields, merge_profile):
        with self.store.lock:
            stored = self.user(tenant, id_or_login)
            doc = dict(stored)
            now = utcnow()
            if "profile" in fields:
                doc["profile"] = merge_profile(fields["profile"], stored["profile"])
                self._check_login(tenant, doc["profile"]["login"], stored["id"])
            if "credentials" in fields:
                secrets = {k: v for k, v in stored.items() if k.startswith("__")}
                doc["credentials"], changed = _credentials(fields["credentials"], stored["credentials"])
                doc.update(changed)
                if changed.get("__password") not in (None, secrets.get("__password")):
                    doc["passwordChanged"] = now
            if "type" in fields:
                doc["type"] = self._user_type(tenant, fields["type"])
            doc["lastUpdated"] = now
            self.store.put(tenant, "users", doc["id"], doc)
            return doc

    def user_lifecycle(self, tenant, id_or_login, operation):
        """One ``lifecycle/<operation>`` call, refused (Okta's code) from a status it does not start from."""
        sources, target, refusal = USER_LIFECYCLE[operation]
        with self.store.lock:
            stored = self.user(tenant, id_or_login)
            if sources is not None and stored["status"] not in sources:
                raise refusal(stored)
            if operation == "activate" and "__password" not in stored:
                target = "PROVISIONED"
            now = utcnow()
            doc = {**stored, "status": target, "statusChanged": now, "lastUpdated": now}
            if operation in ("activate", "reactivate") and not stored.get("activated"):
                doc["activated"] = now
            self.store.put(tenant, "users", doc["id"], doc)
            return doc

    def delete_user(self, tenant, id_or_login):
        """Okta's two-step delete: the first DELETE deactivates, the one on a DEPROVISIONED user removes."""
        with self.store.lock:
            stored = self.user(tenant, id_or_login)
            if stored["status"] != "DEPROVISIONED":
                self.user_lifecycle(tenant, stored["id"], "deactivate")
                return
            self.store.delete(tenant, "users", stored["id"])
            self._drop_links(tenant, "user", stored["id"])

    def _drop_links(self, tenant, side, obj_id):
        """What refers to a deleted user or group: memberships, assignments, role targets, links, contacts."""
        for membership in self.store.all(tenant, "groupMemberships"):
            if membership[f"{side}Id"] == obj_id:
                self.store.delete(tenant, "groupMemberships", store_key("groupMemberships", membership))
        for role in self.store.all(tenant, "roleAssignments"):
            if role["__assignee"].get(f"{side}Id") == obj_id:
                self.store.delete(tenant, "roleAssignments", role["id"])
            elif side == "group" and obj_id in role["__targets"]["groups"]:
                targets = {**role["__targets"], "groups": [g for g in role["__targets"]["groups"] if g != obj_id]}
                self.store.put(tenant, "roleAssignments", role["id"], {**role, "__targets": targets})
        if side == "group":
            for assignment in self.store.all(tenant, "appGroupAssignments"):
                if assignment["id"] == obj_id:
                    self.store.delete(tenant, "appGroupAssignments", store_key("appGroupAssignments", assignment))
        else:
            for link in self.store.all(tenant, "linkedObjects"):
                if obj_id in (link["associatedUserId"], link["primaryUserId"]):
                    self.store.delete(tenant, "linkedObjects", store_key("linkedObjects", link))

    # --- groups and memberships ---------------------------------------------------------

    def group(self, tenant, group_id):
        return self.find(tenant, "groups", group_id, "UserGroup")

    def _check_group_name(self, tenant, name, group_id=None):
        if any(g["type"] == "OKTA_GROUP" and g["profile"].get("name") == name and g["id"] != group_id
               for g in self.store.all(tenant, "groups")):
            raise invalid("name", "An object with this field already exists in the current organization")

    def create_group(self, tenant, fields):
        """``POST /groups``: an OKTA_GROUP with a unique name."""
        with self.store.lock:
            self._check_group_name(tenant, fields["profile"]["name"])
            now = utcnow()
            doc = {"id": self.ids.new("groups"), "created": now, "lastUpdated": now,
                   "lastMembershipUpdated": now, "objectClass": ["okta:user_group"], "type": "OKTA_GROUP",
                   "profile": {"description": None, **fields["profile"]}}
            self.store.put(tenant, "groups", doc["id"], doc)
            return doc

    def replace_group(self, tenant, group_id, fields):
        """``PUT /groups/{id}``: the profile is replaced whole (an omitted description becomes null)."""
        with self.store.lock:
            stored = self._okta_group(tenant, group_id)
            self._check_group_name(tenant, fields["profile"]["name"], group_id)
            doc = {**stored, "profile": {"description": None, **fields["profile"]}, "lastUpdated": utcnow()}
            self.store.put(tenant, "groups", group_id, doc)
            return doc

    def delete_group(self, tenant, group_id):
        with self.store.lock:
            stored = self.group(tenant, group_id)
            if stored["type"] == "BUILT_IN":
                raise OktaError("E0000006", causes=["The Everyone group cannot be deleted."])
            self.store.delete(tenant, "groups", group_id)
            self._drop_links(tenant, "group", group_id)

    def _okta_group(self, tenant, group_id):
        stored = self.group(tenant, group_id)
        if stored["type"] != "OKTA_GROUP":
            raise invalid("type", f"Only groups of type OKTA_GROUP can be changed; {group_id} is {stored['type']}")
        return stored

    def members(self, tenant, group_id):
        """The users of a group; the built-in Everyone group holds every user."""
        ids = self.member_ids(tenant, group_id)
        return self.store.scan(tenant, "users", where=None if ids is None else lambda u: u["id"] in ids).docs

    def member_ids(self, tenant, group_id):
        """The ids of a group's users, or None for the built-in Everyone group, which holds every user."""
        if self.group(tenant, group_id)["type"] == "BUILT_IN":
            return None
        return {m["userId"] for m in self.store.scan(tenant, "groupMemberships",
                                                     where=lambda m: m["groupId"] == group_id).docs}

    def groups_of(self, tenant, id_or_login):
        ids = self.group_ids_of(tenant, id_or_login)
        return self.store.scan(tenant, "groups", where=lambda g: g["id"] in ids or g["type"] == "BUILT_IN").docs

    def group_ids_of(self, tenant, id_or_login):
        """The ids of the groups a user was added to (the built-in Everyone group aside)."""
        user_id = self.user(tenant, id_or_login)["id"]
        return {m["groupId"] for m in self.store.scan(tenant, "groupMemberships",
                                                      where=lambda m: m["userId"] == user_id).docs}

    def add_member(self, tenant, group_id, user_id):
        """``PUT /groups/{g}/users/{u}``: idempotent; only OKTA_GROUP groups take members by hand."""
        with self.store.lock:
            self._okta_group(tenant, group_id)
            user = self.user(tenant, user_id)
            key = f"{group_id}:{user['id']}"
            if self.store.get(tenant, "groupMemberships", key) is None:
                self.store.put(tenant, "groupMemberships", key, {"groupId": group_id, "userId": user["id"]})
                self._membership_changed(tenant, group_id)

    def remove_member(self, tenant, group_id, user_id):
        with self.store.lock:
            self._okta_group(tenant, group_id)
            user = self.user(tenant, user_id)
            if self.store.delete(tenant, "groupMemberships", f"{group_id}:{user['id']}") is not None:
                self._membership_changed(tenant, group_id)

    def _membership_changed(self, tenant, group_id):
        self.store.update(tenant, "groups", group_id, lambda g: {**g, "lastMembershipUpdated": utcnow()})

    # --- apps and their group assignments ------------------------------------------------

    def app(self, tenant, app_id):
        return self.find(tenant, "apps", app_id, "AppInstance")

    def assign_group(self, tenant, app_id, group_id, fields):
        """``PUT /apps/{a}/groups/{g}``: creates or overwrites the assignment (200 with it)."""
        with self.store.lock:
            self.app(tenant, app_id)
            self.group(tenant, group_id)
            key = f"{app_id}:{group_id}"
            stored = self.store.get(tenant, "appGroupAssignments", key) or {"priority": 0, "profile": {}}
            doc = {"id": group_id, "lastUpdated": utcnow(),
                   "priority": fields.get("priority", stored["priority"]),
                   "profile": fields.get("profile", stored["profile"]), "__parent": {"appId": app_id}}
            self.store.put(tenant, "appGroupAssignments", key, doc)
            return doc

    def assignment(self, tenant, app_id, group_id):
        self.app(tenant, app_id)
        return self.find(tenant, "appGroupAssignments", f"{app_id}:{group_id}", "UserGroup")

    def unassign_group(self, tenant, app_id, group_id):
        with self.store.lock:
            self.assignment(tenant, app_id, group_id)
            self.store.delete(tenant, "appGroupAssignments", f"{app_id}:{group_id}")

    def apps_of_group(self, tenant, group_id):
        ids = self.app_ids_of_group(tenant, group_id)
        return self.store.scan(tenant, "apps", where=lambda a: a["id"] in ids).docs

    def app_ids_of_group(self, tenant, group_id):
        """The ids of the apps a group is assigned to."""
        self.group(tenant, group_id)
        return {a["__parent"]["appId"] for a in self.store.scan(tenant, "appGroupAssignments",
                                                                where=lambda a: a["id"] == group_id).docs}

    def assign_policy(self, tenant, app_id, policy_id):
        """``PUT /apps/{a}/policies/{p}``: an app has one ACCESS_POLICY; this replaces it."""
        with self.store.lock:
            self.app(tenant, app_id)
            policy = self.find(tenant, "policies", policy_id, "Policy")
            if policy["type"] != "ACCESS_POLICY":
                raise invalid("policy", f"Policy {policy_id} is a {policy['type']} policy, not an ACCESS_POLICY")
            self.store.update(tenant, "apps", app_id, lambda a: {**a, "__accessPolicy": policy_id})

    def update_feature(self, tenant, app_id, name, fields):
        """``PUT /apps/{a}/features/{name}``: a partial update, merged into the stored capabilities."""
        return self.store.update(tenant, "appFeatures", f"{app_id}:{name}",
                                 lambda f: {**f, "capabilities": _merged(f.get("capabilities") or {}, fields)})

    # --- admin roles and their targets ---------------------------------------------------

    def _assignee(self, tenant, side, assignee_id):
        return self.user(tenant, assignee_id)["id"] if side == "user" else self.group(tenant, assignee_id)["id"]

    def roles(self, tenant, side, assignee_id):
        assignee = self._assignee(tenant, side, assignee_id)
        return self.all(tenant, "roleAssignments", where=lambda r: r["__assignee"].get(f"{side}Id") == assignee)

    def assign_role(self, tenant, side, assignee_id, role_type):
        """``POST /users|groups/{id}/roles``: one assignment per role type (409 E0000090 for a second)."""
        with self.store.lock:
            assignee = self._assignee(tenant, side, assignee_id)
            if any(r["type"] == role_type for r in self.roles(tenant, side, assignee)):
                raise OktaError("E0000090")
            now = utcnow()
            doc = {"id": self.ids.role_assignment(), "label": ROLE_LABELS[role_type], "type": role_type,
                   "status": "ACTIVE", "created": now, "lastUpdated": now, "assignmentType": side.upper(),
                   "__assignee": {f"{side}Id": assignee},
                   "__targets": {"groups": [], "catalogApps": [], "appInstances": []}}
            self.store.put(tenant, "roleAssignments", doc["id"], doc)
            return doc

    def role(self, tenant, side, assignee_id, role_id):
        assignee = self._assignee(tenant, side, assignee_id)
        doc = self.store.get(tenant, "roleAssignments", role_id)
        if doc is None or doc["__assignee"].get(f"{side}Id") != assignee:
            raise not_found(role_id, "RoleAssignment")
        return doc

    def unassign_role(self, tenant, side, assignee_id, role_id):
        with self.store.lock:
            self.role(tenant, side, assignee_id, role_id)
            self.store.delete(tenant, "roleAssignments", role_id)

    def change_targets(self, tenant, side, assignee_id, role_id, role_types, change):
        """Apply ``change(targets) -> targets`` to a role assignment of one of ``role_types`` (else 400)."""
        with self.store.lock:
            role = self.role(tenant, side, assignee_id, role_id)
            if role["type"] not in role_types:
                raise invalid("type", f"A {role['type']} role assignment cannot take these targets; "
                                      f"only {' or '.join(role_types)}")
            targets = change({key: list(value) for key, value in role["__targets"].items()})
            self.store.put(tenant, "roleAssignments", role_id, {**role, "__targets": targets, "lastUpdated": utcnow()})

    # --- linked objects ------------------------------------------------------------------

    def link_users(self, tenant, associated_id, relationship, primary_id):
        """``PUT /users/{a}/linkedObjects/{primary}/{p}``: one primary per relationship, replacing the old."""
        with self.store.lock:
            associated = self.user(tenant, associated_id)["id"]
            self.find(tenant, "linkedObjectDefinitions", relationship, "LinkedObjectProperty")
            primary = self.user(tenant, primary_id)["id"]
            link = {"associatedUserId": associated, "relationship": relationship, "primaryUserId": primary}
            self.store.put(tenant, "linkedObjects", store_key("linkedObjects", link), link)

    def linked_users(self, tenant, user_id, name):
        """The users on the other side of relationship ``name`` (its primary or its associated name)."""
        user = self.user(tenant, user_id)["id"]
        definitions = self.store.all(tenant, "linkedObjectDefinitions")
        for definition in definitions:
            if definition["primary"]["name"] == name:
                return [link["primaryUserId"] for link in self.store.all(tenant, "linkedObjects")
                        if link["relationship"] == name and link["associatedUserId"] == user]
            if definition["associated"]["name"] == name:
                primary = definition["primary"]["name"]
                return [link["associatedUserId"] for link in self.store.all(tenant, "linkedObjects")
                        if link["relationship"] == primary and link["primaryUserId"] == user]
        raise not_found(name, "LinkedObjectProperty")

    def unlink_user(self, tenant, user_id, name):
        """204 even when there was no link, as Okta answers."""
        with self.store.lock:
            user = self.user(tenant, user_id)["id"]
            self.find(tenant, "linkedObjectDefinitions", name, "LinkedObjectProperty")
            self.store.delete(tenant, "linkedObjects", f"{user}:{name}")


ROLE_LABELS = {
    "SUPER_ADMIN": "Super Administrator", "ORG_ADMIN": "Organizational Administrator",
    "APP_ADMIN": "Application Administrator", "USER_ADMIN": "User Administrator",
    "HELP_DESK_ADMIN": "Help Desk Administrator", "GROUP_MEMBERSHIP_ADMIN": "Group Membership Administrator",
    "READ_ONLY_ADMIN": "Read-only Administrator", "MOBILE_ADMIN": "Mobile Administrator",
    "API_ACCESS_MANAGEMENT_ADMIN": "API Access Management Administrator", "REPORT_ADMIN": "Report Administrator",
}


def _merged(stored, sent):
    """``sent`` merged into ``stored`` key by key, objects recursively."""
    merged = dict(stored)
    for key, value in sent.items():
        merged[key] = _merged(stored[key], value) if isinstance(value, dict) and isinstance(
            stored.get(key), dict) else value
    return merged


def _user_profile(profile, _stored=None):
    """A stored profile: Okta always answers ``mobilePhone`` and ``secondEmail``, null when unset."""
    return {"mobilePhone": None, "secondEmail": None,
            **{k: v for k, v in profile.items() if v is not None or k in ("mobilePhone", "secondEmail")}}


def _credentials(sent, stored):
    """``(answered credentials, private secrets)``: passwords and recovery answers are never answered."""
    sent = sent or {}
    answered = {k: v for k, v in stored.items() if k not in ("password", "recovery_question")}
    answered.setdefault("provider", {"type": "OKTA", "name": "OKTA"})
    secrets = {}
    if "password" in stored:
        answered["password"] = {}
    if "recovery_question" in stored:
        answered["recovery_question"] = stored["recovery_question"]
    password = sent.get("password") or {}
    if "value" in password:
        answered["password"] = {}
        secrets["__password"] = password["value"]
    question = sent.get("recovery_question")
    if question and question.get("answer"):
        answered["recovery_question"] = {"question": question.get("question")}
        secrets["__recoveryAnswer"] = question.get("answer")
    return answered, secrets


def _not_allowed(code):
    def refusal(user):
        return OktaError(code, "status", [f"The user is {user['status']}."]) if code == "E0000001" else OktaError(code)
    return refusal


# operation -> (statuses it starts from or None for any, resulting status, refusal)  (reference §4)
USER_LIFECYCLE = {
    "activate": (("STAGED", "DEPROVISIONED"), "ACTIVE", _not_allowed("E0000038")),
    "reactivate": (("PROVISIONED",), "PROVISIONED", _not_allowed("E0000038")),
    "deactivate": (None, "DEPROVISIONED", _not_allowed("E0000038")),
    "suspend": (("ACTIVE",), "SUSPENDED", _not_allowed("E0000001")),
    "unsuspend": (("SUSPENDED",), "ACTIVE", _not_allowed("E0000001")),
    "unlock": (("LOCKED_OUT",), "ACTIVE", _not_allowed("E0000032")),
    "expire_password": (("ACTIVE", "PASSWORD_EXPIRED", "RECOVERY"), "PASSWORD_EXPIRED", _not_allowed("E0000038")),
    "reset_password": (("ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT"), "RECOVERY",
                       _not_allowed("E0000038")),
}
