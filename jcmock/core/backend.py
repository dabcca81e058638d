"""The base of every service's domain logic: plain Python over its part of the store, no HTTP.

Fields whose names start with ``__`` are a backend's own bookkeeping (a JumpCloud user's push
endpoints, an integration's mappings) and never leave it; ``public()`` strips them.
"""
from datetime import UTC, datetime

from .errors import NotFound

PRIVATE_PREFIX = "__"


def utcnow() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


def public(doc, hidden=()):
    """The object as the API shows it: no bookkeeping fields, no write-only secrets."""
    return {k: v for k, v in doc.items() if not k.startswith(PRIVATE_PREFIX) and k not in hidden}


def merge_fields(current, changes):
    """PATCH semantics: the fields sent replace the stored ones, the others stay."""
    return {**current, **changes}


class Backend:
    """Generic object operations per tenant and kind; a service's backend adds its own domain."""

    def __init__(self, store, fixtures, ids):
        self.store = store
        self.fixtures = fixtures
        self.ids = ids

    def get(self, tenant, kind, obj_id, *, label=None):
        doc = self.store.get(tenant, kind, obj_id)
        if doc is None:
            raise NotFound(f"{label or kind} {obj_id} not found")
        return doc

    def list(self, tenant, kind):
        return self.store.all(tenant, kind)

    def page(self, tenant, kind, **query):
        """One page of a kind, filtered, ordered and paged in the store (``Store.scan``'s arguments)."""
        return self.store.scan(tenant, kind, **query)

    def create(self, tenant, kind, fields, *, id_field="id", id_kind="objectid", read_only=()):
        obj_id = self.ids.uuid() if id_kind == "uuid" else self.ids.object_id()
        doc = {id_field: obj_id, **{k: v for k, v in fields.items() if k not in read_only}}
        self.store.put(tenant, kind, obj_id, doc)
        return doc

    def update(self, tenant, kind, obj_id, fn, *, label=None):
        """``store.update`` that answers 404 for an unknown id."""
        doc = self.store.update(tenant, kind, obj_id, fn)
        if doc is None:
            raise NotFound(f"{label or kind} {obj_id} not found")
        return doc

    def patch(self, tenant, kind, obj_id, changes, *, read_only=(), merge=merge_fields, label=None):
        writable = {k: v for k, v in changes.items() if k not in read_only}
        return self.update(tenant, kind, obj_id, lambda current: merge(current, writable), label=label)

    def replace(self, tenant, kind, obj_id, fields, *, id_field="id", read_only=(), label=None):
        def rebuild(current):
            kept = {k: v for k, v in current.items() if k in read_only or k.startswith(PRIVATE_PREFIX)}
            return {**kept, **{k: v for k, v in fields.items() if k not in read_only}, id_field: obj_id}

        return self.update(tenant, kind, obj_id, rebuild, label=label)

    def delete(self, tenant, kind, obj_id, *, label=None):
        doc = self.store.delete(tenant, kind, obj_id)
        if doc is None:
            raise NotFound(f"{label or kind} {obj_id} not found")
        return doc
