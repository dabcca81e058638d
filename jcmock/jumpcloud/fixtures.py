"""JumpCloud's seed data: read once from ``fixtures/jumpcloud/``, copied into each organization."""
from pathlib import Path

from ..core.fixtures import BUNDLED, FixtureError, read_array
from .backend import PROVIDER_WIDE_KINDS, VENDORS

# Kind (file name without .json, store table and manifest key) -> the field holding its id.
# The manifest keys are part of the public admin API.
PLAIN_KINDS = {
    "activedirectories": "id",
    "authn_policies": "id",
    "gsuites": "id",
    "google_emm_enterprises": "objectId",
    "iplists": "id",
    "ldapservers": "id",
    "office365s": "id",
    "providers": "id",
    "users": "id",
}


class Fixtures:
    """Seed objects per kind, in the stored form the backend works with."""

    def __init__(self, objects: dict, organizations: list):
        if not organizations:
            raise FixtureError("fixtures need at least one organization")
        self.objects = objects
        self.organizations = organizations

    @classmethod
    def from_dir(cls, path=None):
        """Read ``organizations.json`` and one JSON array per kind; a missing kind is empty."""
        root = Path(path or BUNDLED / "jumpcloud")
        if not root.is_dir():
            raise FixtureError(f"fixtures directory {root} does not exist")
        raw = {name: read_array(root / f"{name}.json") for name in (*PLAIN_KINDS, *VENDORS, "organizations")}
        return cls.from_raw(raw)

    @classmethod
    def from_raw(cls, raw: dict):
        """Build from ``{kind: [objects as in the fixture files]}``."""
        objects = {kind: {} for kind in (*PLAIN_KINDS, *VENDORS)}
        for kind, id_field in PLAIN_KINDS.items():
            for doc in raw.get(kind, []):
                objects[kind][doc[id_field]] = dict(doc)
        for user in objects["users"].values():
            user["__pushEndpoints"] = {ep["id"]: ep for ep in user.pop("pushEndpoints", [])}
        for provider in objects["providers"].values():
            provider["__integrations"] = {}
        for vendor in VENDORS:
            for doc in raw.get(vendor, []):
                doc = dict(doc)
                provider_id = doc.pop("providerId", None)
                doc["__providerId"] = provider_id
                doc["__settings"] = doc.pop("settings", {})
                doc["__mappings"] = {m["organization"]["id"]: m for m in doc.pop("mappings", [])}
                objects[vendor][doc["id"]] = doc
                if provider_id in objects["providers"]:
                    objects["providers"][provider_id]["__integrations"][doc["id"]] = vendor
        return cls(objects, list(raw.get("organizations", [])))

    @property
    def organization_ids(self):
        return [org["id"] for org in self.organizations]

    @property
    def default_org(self):
        return self.organizations[0]["id"]

    def seed(self, store, org):
        """Copy every fixture object into ``org``; the organization record marks it as seeded.

        Providers and their integrations belong to the MSP provider, whose state lives in the
        default organization's tables only.
        """
        for kind, docs in self.objects.items():
            if kind in PROVIDER_WIDE_KINDS and org != self.default_org:
                continue
            for obj_id, doc in docs.items():
                store.put(org, kind, obj_id, doc)
        name = next((o.get("name") for o in self.organizations if o["id"] == org), None)
        store.put(org, "organizations", org, {"id": org, "name": name or org})

    def manifest(self):
        """The seeded ids, in the shape (and key order) of ``GET /__jcmock__/fixtures``."""
        order = ("activedirectories", "authn_policies", "gsuites", "google_emm_enterprises", "iplists",
                 "ldapservers", "office365s", *VENDORS, "providers", "users")
        manifest = {kind: list(self.objects[kind]) for kind in order}
        manifest["pushendpoints"] = [
            {"user_id": user_id, "id": ep_id}
            for user_id, user in self.objects["users"].items()
            for ep_id in user["__pushEndpoints"]
        ]
        manifest["organizations"] = self.organization_ids
        return manifest
