"""JumpCloud's domain logic: plain Python over its part of the store, per organization, no HTTP.

Push endpoints live inside their user, an integration's settings and mappings inside it
(``__`` fields, which ``public()`` strips).
"""
import copy

from ..core.backend import Backend, merge_fields, public, utcnow
from ..core.bodies import load
from ..core.errors import BadRequest, Conflict, NotFound
from .schemas.common import NEW_ORGANIZATION, OBJECT_ID_RE

VENDORS = ("autotask", "connectwise", "syncro")
# Stored once, in the default organization's tables: they belong to the MSP provider, not to an org.
PROVIDER_WIDE_KINDS = frozenset({"providers", *VENDORS})


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
# JumpCloud keeps these unique among an organization's users, ignoring case.
UNIQUE_USER_FIELDS = ("username", "email")
NEW_USER = {"state": "ACTIVATED", "suspended": False}
ORG_NOT_FOUND = "Organization ID Not Found"


def merge_user(current, changes):
    """A system user's ``state`` and ``suspended`` stay in step, whichever of them a write sets.

    When both are sent, ``state`` wins: JumpCloud deprecated ``suspended`` in favour of
    ``state`` (its PowerShell module maps ``-suspended`` onto ``state``). Un-suspending
    activates a suspended user and leaves a staged one staged.
    """
    merged = merge_fields(current, changes)
    if "state" in changes:
        merged["suspended"] = changes["state"] == "SUSPENDED"
    elif "suspended" in changes:
        if changes["suspended"]:
            merged["state"] = "SUSPENDED"
        elif current.get("state") == "SUSPENDED":
            merged["state"] = "ACTIVATED"
    return merged


def persisted_fields(changes, user):
    """What a bulk result reports: the fields sent, plus the state or flag that moved with them, as stored."""
    keys = list(changes)
    if "state" in changes or "suspended" in changes:
        keys += [k for k in ("state", "suspended") if k not in changes]
    return public({k: user[k] for k in keys}, USER_SECRETS)


class UserIndex:
    """Who holds each username and email (case-folded): built once per bulk job, kept current as its items land."""

    def __init__(self, users):
        self.owners = {field: {} for field in UNIQUE_USER_FIELDS}
        for user in users:
            self.claim(user["id"], {}, user)

    @staticmethod
    def _key(value):
        return value.casefold() if isinstance(value, str) and value else None

    def conflicts(self, user_id, changes):
        """A message naming each sent username or email another user holds; empty if none."""
        clashes = []
        for field, owners in self.owners.items():
            owner = owners.get(self._key(changes.get(field)))
            if owner is not None and owner != user_id:
                clashes.append(f"{field} {changes[field]!r} is already in use by user {owner}")
        return "; ".join(clashes)

    def claim(self, user_id, old, new):
        for field, owners in self.owners.items():
            if owners.get(self._key(old.get(field))) == user_id:
                del owners[self._key(old[field])]
            if self._key(new.get(field)) is not None:
                owners[self._key(new[field])] = user_id


class JumpCloudBackend(Backend):
    """All state changes of JumpCloud, per organization."""

    # -- organizations (the tenants) -----------------------------------------------------

    @property
    def default_tenant(self):
        return self.fixtures.default_org

    def tenants(self):
        """The organizations' records, ``{"id", "name"}``."""
        return self.organizations()

    def ensure_tenant(self, org):
        """Before a request: an organization the mock does not hold is JumpCloud's 404."""
        self.require_org(org)

    def adopt_tenant(self, org):
        """Replay's fallback seeding: the organizations a cassette names exist."""
        self.ensure_org(org)

    def add_tenant(self, fields):
        """``POST /__jcmock__/organizations``: ``{"id": optional ObjectId, "name": ...}``."""
        wanted = load(NEW_ORGANIZATION, fields)
        return self.add_org(wanted.get("id"), wanted["name"])

    # An organization exists when the store holds its record (``organizations/{org}``): the
    # fixtures' ones and those added since, kept in the store (and its file) like any state.

    def organizations(self):
        """Every organization the mock holds: the fixtures' first, in their order, then the added ones."""
        fixture_orgs = self.fixtures.organization_ids
        with self.store.lock:
            ordered = [*fixture_orgs, *(o for o in self.store.tenants() if o not in fixture_orgs)]
            return [doc for org in ordered if (doc := self.store.get(org, "organizations", org)) is not None]

    def require_org(self, org):
        """404 for an organization the mock does not hold, as JumpCloud answers an unknown x-org-id."""
        if not self.store.contains(org, "organizations", org):
            raise NotFound(ORG_NOT_FOUND)

    def add_org(self, org, name):
        """A new organization with its own copy of the fixtures (409 if it exists); answers its record.

        ``org`` None generates an id; any other must be an ObjectId, as x-org-id must.
        """
        if org is None:
            org = self.ids.object_id()
        elif not isinstance(org, str) or not OBJECT_ID_RE.fullmatch(org):
            raise BadRequest(f"an organization id is 24 hexadecimal characters, got {org!r}")
        org = org.lower()
        with self.store.lock:
            if self.store.get(org, "organizations", org) is not None:
                raise Conflict(f"organization {org} already exists")
            return self._seed_org(org, name)

    def ensure_org(self, org):
        """Hold ``org``, seeding it the first time: replay's fallback adds the organizations its cassettes name."""
        with self.store.lock:
            if self.store.get(org, "organizations", org) is None:
                self._seed_org(org)

    def _seed_org(self, org, name=None):
        self.fixtures.seed(self.store, org)
        if name is not None:
            self.store.put(org, "organizations", org, {"id": org, "name": name})
        return self.store.get(org, "organizations", org)

    def reset(self):
        """Every organization back to the fixtures; added organizations stay (reseeded), as configuration."""
        with self.store.lock:
            added = [doc for doc in self.organizations() if doc["id"] not in self.fixtures.organization_ids]
            self.store.clear()
            for org in self.fixtures.organization_ids:
                self._seed_org(org)
            for doc in added:
                self._seed_org(doc["id"], doc.get("name"))

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
        """Apply each update to its user now; an unknown user or a username/email in use is a failed result."""

        def update(item, index):
            user_id = item["id"]
            changes = {k: v for k, v in item.items() if k != "id"}
            current = self.store.get(org, "users", user_id)
            if current is None:
                return user_id, f"user {user_id} not found", {}
            conflict = index.conflicts(user_id, changes)
            if conflict:
                return user_id, conflict, {}
            user = merge_user(current, changes)
            self.store.put(org, "users", user_id, user)
            index.claim(user_id, current, user)
            return user_id, "", persisted_fields(changes, user)

        return self._bulk_job(org, items, update)

    def bulk_create_users(self, org, items):
        """Create each user now; a username or email already in use (earlier items included) is a failed result."""

        def create(item, index):
            conflict = index.conflicts(None, item)
            if conflict:
                return None, conflict, {}
            user = self.create(org, "users", {**item, **merge_user(NEW_USER, item), "created": utcnow()})
            index.claim(user["id"], {}, user)
            return user["id"], "", persisted_fields(item, user)

        return self._bulk_job(org, items, create)

    def _bulk_job(self, org, items, apply):
        """Run ``apply(item, index)`` -> ``(user id, error, persisted fields)`` per item, as one job.

        The whole job holds the store's lock, so uniqueness is checked against what is stored
        and each item lands whole or not at all.
        """
        job_id = self.ids.object_id()
        results = []
        with self.store.lock:
            index = UserIndex(self.store.all(org, "users"))
            for item in items:
                started = utcnow()
                user_id, error, persisted = apply(item, index)
                meta = {"jobId": job_id, **({"systemUserId": user_id} if user_id else {})}
                results.append({
                    "id": self.ids.object_id(), "status": "failed" if error else "finished", "statusMsg": error,
                    "createdAt": started, "updatedAt": utcnow(), "meta": meta, "persistedFields": persisted,
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
