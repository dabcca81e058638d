"""Domain logic of the mock: plain Python over the Store, no HTTP.

Every object lives in a Store table per (organization, kind). Fields whose names start
with ``__`` are jcmock's own bookkeeping (an integration's mappings, a user's push
endpoints) and never leave the backend; ``public()`` strips them.
"""
import copy
from datetime import datetime, timezone

from .errors import Conflict, NotFound
from .ids import IdFactory

PRIVATE_PREFIX = "__"
VENDORS = ("autotask", "connectwise", "syncro")


def utcnow() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def public(doc, hidden=()):
    """The object as the API shows it: no bookkeeping fields, no write-only secrets."""
    return {k: v for k, v in doc.items() if not k.startswith(PRIVATE_PREFIX) and k not in hidden}


def merge_fields(current, changes):
    """PATCH semantics: the fields sent replace the stored ones, the others stay."""
    return {**current, **changes}


def merge_directory(current, changes):
    """As merge_fields, but ``defaultDomain: {}`` unsets the default domain and a new id drops a stale name."""
    merged = merge_fields(current, changes)
    if "defaultDomain" in changes:
        wanted = changes["defaultDomain"] or {}
        if not wanted.get("id"):
            merged.pop("defaultDomain", None)
        else:
            old = current.get("defaultDomain") or {}
            domain = {"id": wanted["id"]}
            if old.get("id") == wanted["id"] and "domain" in old:
                domain["domain"] = old["domain"]
            merged["defaultDomain"] = domain
    return merged


USER_SECRETS = frozenset({"password"})


def merge_user(current, changes):
    """A system user's ``suspended`` flag follows its ``state``, as JumpCloud keeps them in step."""
    merged = merge_fields(current, changes)
    if "state" in changes:
        merged["suspended"] = changes["state"] == "SUSPENDED"
    return merged


class Backend:
    """All state changes of the mock, per organization."""

    def __init__(self, store, fixtures, *, seed=None):
        self.store = store
        self.fixtures = fixtures
        self.ids = IdFactory(seed)

    # -- organizations -------------------------------------------------------------------

    def ensure_org(self, org):
        """Give an organization its own copy of the fixtures the first time it is used."""
        if self.store.get(org, "organizations", org) is not None:
            return
        with self.store.lock:
            if self.store.get(org, "organizations", org) is None:
                self.fixtures.seed(self.store, org)

    def reset(self):
        """Back to the fixtures, for every organization the fixtures name."""
        with self.store.lock:
            self.store.clear()
            for org in self.fixtures.organization_ids:
                self.fixtures.seed(self.store, org)

    # -- generic objects -----------------------------------------------------------------

    def get(self, org, kind, obj_id, *, label=None):
        doc = self.store.get(org, kind, obj_id)
        if doc is None:
            raise NotFound(f"{label or kind} {obj_id} not found")
        return doc

    def list(self, org, kind):
        return self.store.all(org, kind)

    def create(self, org, kind, fields, *, id_field="id", id_kind="objectid", read_only=()):
        obj_id = self.ids.uuid() if id_kind == "uuid" else self.ids.object_id()
        doc = {id_field: obj_id, **{k: v for k, v in fields.items() if k not in read_only}}
        self.store.put(org, kind, obj_id, doc)
        return doc

    def update(self, org, kind, obj_id, fn, *, label=None):
        """``store.update`` that answers 404 for an unknown id."""
        doc = self.store.update(org, kind, obj_id, fn)
        if doc is None:
            raise NotFound(f"{label or kind} {obj_id} not found")
        return doc

    def patch(self, org, kind, obj_id, changes, *, read_only=(), merge=merge_fields, label=None):
        writable = {k: v for k, v in changes.items() if k not in read_only}
        return self.update(org, kind, obj_id, lambda current: merge(current, writable), label=label)

    def replace(self, org, kind, obj_id, fields, *, id_field="id", read_only=(), label=None):
        def rebuild(current):
            kept = {k: v for k, v in current.items() if k in read_only or k.startswith(PRIVATE_PREFIX)}
            return {**kept, **{k: v for k, v in fields.items() if k not in read_only}, id_field: obj_id}

        return self.update(org, kind, obj_id, rebuild, label=label)

    def delete(self, org, kind, obj_id, *, label=None):
        doc = self.store.delete(org, kind, obj_id)
        if doc is None:
            raise NotFound(f"{label or kind} {obj_id} not found")
        return doc

    # -- push endpoints live inside their user ------------------------------------------

    def push_endpoints(self, org, user_id):
        user = self.get(org, "users", user_id, label="user")
        return list(user.get("__pushEndpoints", {}).values())

    def push_endpoint(self, org, user_id, endpoint_id):
        user = self.get(org, "users", user_id, label="user")
        endpoint = user.get("__pushEndpoints", {}).get(endpoint_id)
        if endpoint is None:
            raise NotFound(f"push endpoint {endpoint_id} of user {user_id} not found")
        return endpoint

    def patch_push_endpoint(self, org, user_id, endpoint_id, changes):
        return self._change_push_endpoint(org, user_id, endpoint_id, lambda ep: {**ep, **changes})

    def delete_push_endpoint(self, org, user_id, endpoint_id):
        return self._change_push_endpoint(org, user_id, endpoint_id, None)

    def _change_push_endpoint(self, org, user_id, endpoint_id, change):
        result = {}

        def apply(user):
            endpoints = dict(user.get("__pushEndpoints", {}))
            if endpoint_id not in endpoints:
                raise NotFound(f"push endpoint {endpoint_id} of user {user_id} not found")
            result["endpoint"] = endpoints[endpoint_id]
            if change is None:
                del endpoints[endpoint_id]
            else:
                endpoints[endpoint_id] = result["endpoint"] = change(endpoints[endpoint_id])
            return {**user, "__pushEndpoints": endpoints}

        self.update(org, "users", user_id, apply, label="user")
        return result["endpoint"]

    # -- bulk user jobs ------------------------------------------------------------------

    def bulk_update_users(self, org, items):
        """Apply each update to its user now; an unknown user is a failed result, not a failed job."""
        job_id = self.ids.object_id()
        results = []
        for item in items:
            user_id = item["id"]
            changes = {k: v for k, v in item.items() if k != "id"}
            now = utcnow()
            updated = self.store.update(org, "users", user_id, lambda user: merge_user(user, changes))
            results.append({
                "id": self.ids.object_id(),
                "status": "finished" if updated else "failed",
                "statusMsg": "" if updated else f"user {user_id} not found",
                "createdAt": now,
                "updatedAt": utcnow(),
                "meta": {"jobId": job_id, "systemUserId": user_id},
                "persistedFields": public(changes, USER_SECRETS) if updated else {},
            })
        self.store.put(org, "bulkjobs", job_id, {"id": job_id, "createdAt": utcnow(), "results": results})
        return job_id

    def bulk_create_users(self, org, items):
        job_id = self.ids.object_id()
        results = []
        for item in items:
            state = item.get("state", "ACTIVATED")
            user = self.create(org, "users", {**item, "state": state, "suspended": state == "SUSPENDED",
                                              "created": utcnow()})
            results.append({
                "id": self.ids.object_id(), "status": "finished", "statusMsg": "",
                "createdAt": user["created"], "updatedAt": utcnow(),
                "meta": {"jobId": job_id, "systemUserId": user["id"]},
                "persistedFields": public(item, USER_SECRETS),
            })
        self.store.put(org, "bulkjobs", job_id, {"id": job_id, "createdAt": utcnow(), "results": results})
        return job_id

    def bulk_results(self, org, job_id):
        return self.get(org, "bulkjobs", job_id, label="bulk job")["results"]

    # -- integrations: config, settings and mappings share one shape per vendor --------

    def integration(self, org, vendor, uuid):
        return self.get(org, vendor, uuid, label=f"{vendor} integration")

    def patch_integration(self, org, vendor, uuid, changes):
        # JumpCloud checks the credentials with the vendor on every config PATCH (422 if they
        # fail); the mock accepts them, so a successful PATCH leaves the integration configured.
        def apply(doc):
            merged = merge_fields(doc, changes)
            merged["isMspAuthConfigured"] = True
            return merged

        return self.update(org, vendor, uuid, apply, label=f"{vendor} integration")

    def settings(self, org, vendor, uuid):
        return self.integration(org, vendor, uuid).get("__settings", {})

    def patch_settings(self, org, vendor, uuid, changes):
        def apply(doc):
            return {**doc, "__settings": merge_fields(doc.get("__settings", {}), changes)}

        return self.update(org, vendor, uuid, apply, label=f"{vendor} integration")["__settings"]

    def mappings(self, org, vendor, uuid):
        return list(self.integration(org, vendor, uuid).get("__mappings", {}).values())

    def patch_mappings(self, org, vendor, uuid, items):
        """Upsert by organization id; items with ``delete: true`` remove that organization's mapping."""

        def apply(doc):
            mappings = dict(doc.get("__mappings", {}))
            for item in items:
                key = item["organization"]["id"]
                if item.get("delete"):
                    mappings.pop(key, None)
                    continue
                fields = {k: v for k, v in item.items() if k != "delete"}
                mappings[key] = {**mappings.get(key, {}), **fields}
            return {**doc, "__mappings": mappings}

        self.update(org, vendor, uuid, apply, label=f"{vendor} integration")

    def delete_integration(self, org, vendor, uuid):
        doc = self.delete(org, vendor, uuid, label=f"{vendor} integration")
        provider_id = doc.get("__providerId")
        if provider_id:
            self.store.update(org, "providers", provider_id, lambda p: {
                **p, "__integrations": {k: v for k, v in p.get("__integrations", {}).items() if k != uuid}
            })
        return doc

    def provider_integrations(self, org, provider_id):
        provider = self.get(org, "providers", provider_id, label="provider")
        return [{"integrationId": k, "type": v} for k, v in provider.get("__integrations", {}).items()]

    def create_integration(self, org, provider_id, vendor, fields):
        """One integration of each vendor per provider, as JumpCloud enforces (409 otherwise)."""
        with self.store.lock:
            provider = self.get(org, "providers", provider_id, label="provider")
            if vendor in provider.get("__integrations", {}).values():
                raise Conflict(f"provider {provider_id} already has an integration of type {vendor}")
            uuid = self.ids.uuid()
            self.store.put(org, vendor, uuid, {
                "id": uuid, **fields, "isMspAuthConfigured": True,
                "__providerId": provider_id, "__settings": {}, "__mappings": {},
            })
            self.store.update(org, "providers", provider_id, lambda p: {
                **p, "__integrations": {**p.get("__integrations", {}), uuid: vendor}
            })
        return uuid

    # -- directories: the four directory kinds in one list -------------------------------

    DIRECTORY_TYPES = (
        ("activedirectories", "active_directory"),
        ("gsuites", "g_suite"),
        ("ldapservers", "ldap_server"),
        ("office365s", "office_365"),
    )

    def directories(self, org):
        listed = []
        for kind, type_name in self.DIRECTORY_TYPES:
            for doc in self.store.all(org, kind):
                entry = {"id": doc["id"], "name": doc.get("name") or doc.get("domain", ""), "type": type_name}
                if "defaultDomain" in doc:
                    entry["defaultDomain"] = copy.deepcopy(doc["defaultDomain"])
                listed.append(entry)
        return listed
