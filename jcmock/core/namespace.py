"""One service's part of the shared store, so services never see each other's tenants."""
from __future__ import annotations

from collections.abc import Callable

from .store import Page


class Namespace:
    """The Store's per-document methods for one service: its tenant ``t`` is the store's org ``"{name}:{t}"``.

    Backends are written against this view and never learn that other services share the store.
    """

    def __init__(self, store, name: str):
        self.store = store
        self.name = name
        self.prefix = f"{name}:"

    @property
    def lock(self):
        return self.store.lock

    def get(self, tenant: str, kind: str, obj_id: str) -> dict | None:
        return self.store.get(self.prefix + tenant, kind, obj_id)

    def contains(self, tenant: str, kind: str, obj_id: str) -> bool:
        return self.store.contains(self.prefix + tenant, kind, obj_id)

    def all(self, tenant: str, kind: str) -> list[dict]:
        return self.store.all(self.prefix + tenant, kind)

    def scan(self, tenant: str, kind: str, **query) -> Page:
        """``Store.scan`` in this service's tenant: one page, filtered and ordered in the store."""
        return self.store.scan(self.prefix + tenant, kind, **query)

    def count(self, tenant: str, kind: str) -> int:
        return self.store.count(self.prefix + tenant, kind)

    def put(self, tenant: str, kind: str, obj_id: str, doc: dict) -> None:
        self.store.put(self.prefix + tenant, kind, obj_id, doc)

    def update(self, tenant: str, kind: str, obj_id: str, fn: Callable[[dict], dict]) -> dict | None:
        return self.store.update(self.prefix + tenant, kind, obj_id, fn)

    def delete(self, tenant: str, kind: str, obj_id: str) -> dict | None:
        return self.store.delete(self.prefix + tenant, kind, obj_id)

    def tenants(self) -> list[str]:
        """The tenants holding at least one document, sorted."""
        return [org[len(self.prefix):] for org in self.store.orgs() if org.startswith(self.prefix)]

    def clear(self) -> None:
        """Drop every document of this service, leaving other services' alone."""
        self.store.clear(prefix=self.prefix)
