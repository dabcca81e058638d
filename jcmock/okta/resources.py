"""The declarative table behind Okta's uniform objects: one ``Resource`` row per object type.

Most PUT families share one shape (collection with create and list, item with get, replace and
delete, optional ``lifecycle/activate|deactivate``) and differ only in data: their URL, id prefix,
internal type name, page sizes, statuses and delete precondition. A row states that data;
``backend.OktaBackend`` applies it and ``api/views.register`` turns it into routes.
"""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import invalid
from .paging import Paging

# Answers of ``lifecycle/activate`` and ``lifecycle/deactivate`` (reference quirk 10).
OBJECT = "object"      # 200 with the object (hooks, zones, IdPs, trusted origins, authenticators)
EMPTY = "empty"        # 204 (policies, authorization servers and their parts, group rules)
OK = "ok"              # 200 {} (apps)

# Kept through every replace: what the server owns, whether or not the body repeats it.
SERVER_FIELDS = frozenset({"id", "created", "lastUpdated", "status", "system", "createdBy", "lastUpdatedBy"})


@dataclass(frozen=True)
class SeedTarget:
    """Where the objects a view answers with are stored: replay's ``--fallback mock`` seeds the mock
    from recorded answers of views that carry one (``view.seed_target(view_args)``)."""

    kind: str
    id_field: str = "id"
    hidden: frozenset = frozenset()


@dataclass(frozen=True)
class Resource:
    """One object type of the table.

    - ``path``: the collection URL under ``/api/v1`` in Flask syntax, parent ids included
      (``/authorizationServers/<authServerId>/claims``); ``parents`` names, for each such
      variable, the row its id must exist in (None: not an object, e.g. an email template name).
    - ``create``, ``replace``, ``update``: body schemas (a Schema or a ``OneOf``) of POST on the
      collection, PUT on the item and POST on the item (partial update); None: no such call.
    - ``keep``: writable fields that survive a replace that omits them (authenticator ``settings``);
      ``fixed``: writable fields a replace ignores (an app's catalog ``name``).
    - ``paging``: None lists everything in one answer (Okta's unpaged lists).
    - ``initial_status``: status of a created object (``activate=false`` gives INACTIVE).
    - ``before_replace`` / ``before_delete``: ``fn(backend, tenant, stored[, fields])`` raising an
      OktaError to refuse; ``on_create``: ``fn(backend, tenant, doc)`` filling server fields.
    - ``write_only``: dotted paths stored but never answered (hook secrets).
    - ``links``: ``fn(doc, base_url, self_url) -> dict`` of extra ``_links`` relations.
    - ``answer``: the schema of an answered object, for the OpenAPI document (None: undocumented).
    """

    kind: str
    type_name: str
    path: str
    id_param: str
    parents: tuple = ()
    id_prefix: str | None = None
    create: Any = None
    replace: Any = None
    update: Any = None
    create_status: int = 200
    get: bool = True
    listing: bool = True
    delete: bool = True
    delete_status: int = 204
    paging: Paging | None = None
    q_fields: tuple = ()
    filter_grammar: Any = None
    lifecycle: str | None = None
    initial_status: str | None = "ACTIVE"
    keep: frozenset = frozenset()
    fixed: frozenset = frozenset()
    before_replace: Callable | None = None
    before_delete: Callable | None = None
    on_create: Callable | None = None
    write_only: tuple = ()
    links: Callable | None = None
    answer: Any = None

    @property
    def item_path(self):
        return f"{self.path}/<{self.id_param}>"

    @property
    def parent_params(self):
        return tuple(param for param, _ in self.parents)


# --- rules several rows share (the ``before_*`` and ``on_create`` hooks) --------------------------

def unchanged(name, type_name="object"):
    """A ``before_replace`` refusing a body whose ``name`` differs from the stored one (zones' ``type``)."""
    def check(backend, tenant, stored, fields):
        if name in fields and fields[name] != stored.get(name):
            raise invalid(name, f"The {name} of a {type_name} cannot change (it is {stored.get(name)!r})")
    return check


def inactive_first(message):
    """A ``before_delete`` refusing ACTIVE objects (hooks, zones): 400 E0000001 naming ``status``."""
    def check(backend, tenant, stored):
        if stored.get("status") == "ACTIVE":
            raise invalid("status", message)
    return check


def clamped_priority(kind):
    """A hook keeping priorities 1-based and never beyond the last sibling: Okta clamps larger ones (quirk 5).

    As ``on_create`` (``fn(backend, tenant, doc)``) an omitted priority means last; as ``before_replace``
    (``fn(backend, tenant, stored, fields)``) an omitted one keeps the stored value.
    """
    def clamp(backend, tenant, doc, fields=None):
        target = doc if fields is None else fields
        siblings = len(backend.all(tenant, kind, doc.get("__parent"))) + (1 if fields is None else 0)
        if target.get("priority") is None:
            target["priority"] = siblings if fields is None else doc.get("priority")
        else:
            target["priority"] = max(1, min(target["priority"], siblings))
    return clamp


def chain(*hooks):
    """Several hooks run in order as one."""
    def run(*args):
        for hook in hooks:
            hook(*args)
    return run
