"""The SCIM provider's state and operations: plain Python over the store, no Flask.

Documents are stored in the stored form (``schema``): references as ids, no computed attributes,
``meta`` without ``location``. ``render`` turns one into its wire form for a base URL, expanding
references the way StackSpot answers them (reference §3.3-3.7).
"""
from __future__ import annotations

import copy
from datetime import UTC, datetime

from .errors import InvalidValue, NotFound, Uniqueness
from .filters import ResourceScope, compile_filter, parse_filter, values_at
from .patch import apply_patch, read_operations
from .resource_types import (
    BY_NAME,
    CREATED,
    FLAT,
    LIST_RESPONSE,
    MEMBER,
    NEVER,
    RESOURCE_TYPES,
    WRAPPED,
    Attribute,
    ResourceType,
)
from .schema import check_immutable, check_required, get_value, read_resource, set_value

MAX_RESULTS = 100   # the page cap, advertised as filter.maxResults (reference §2.10)
_TENANT = "_tenant"  # marker kind: a tenant exists once it holds its marker document


def utcnow() -> str:
    """Now as SCIM timestamps are written: RFC 3339, UTC, whole seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class ScimBackend:
    """Users, groups and StackSpot's IAM objects per tenant, seeded from the fixtures on first use."""

    default_tenant = "default"

    def __init__(self, store, fixtures, ids, clock=utcnow):
        self.store = store
        self.fixtures = fixtures
        self.ids = ids
        self.clock = clock

    # -- tenants ---------------------------------------------------------------------------

    def adopt_tenant(self, tenant):
        """Replay's fallback seeding: a tenant a cassette names exists, as any named one does."""
        self.ensure_tenant(tenant)

    def tenants(self):
        """The tenants holding state, as records (``{"id": ...}``)."""
        return [{"id": tenant} for tenant in self.store.tenants()]

    def ensure_tenant(self, tenant: str) -> None:
        """Give ``tenant`` its own copy of the fixtures the first time it is named."""
        with self.store.lock:
            if self.store.get(tenant, _TENANT, tenant) is None:
                for rtype in RESOURCE_TYPES:
                    for doc in self.fixtures.resources[rtype.name]:
                        self.store.put(tenant, rtype.kind, doc["id"], doc)
                self.store.put(tenant, _TENANT, tenant, {"id": tenant})

    def reset(self) -> None:
        """Forget every tenant's changes: each is seeded afresh when next named."""
        with self.store.lock:
            for tenant in self.store.tenants():
                for kind in (*(rtype.kind for rtype in RESOURCE_TYPES), _TENANT):
                    for doc in self.store.all(tenant, kind):
                        self.store.delete(tenant, kind, doc["id"])

    # -- operations ------------------------------------------------------------------------

    def create(self, tenant: str, rtype: ResourceType, body, base: str) -> dict:
        """POST: a new resource from ``body``; readOnly values are ignored, defaults filled."""
        doc = {}
        for (urn, name), value in read_resource(rtype, body).items():
            set_value(doc, urn, name, value)
        now = self.clock()
        for urn, attr in rtype.stored_attributes():
            if attr.default is not None and get_value(doc, urn, attr.name) is None:
                set_value(doc, urn, attr.name, now if attr.default is CREATED else attr.default)
        check_required(rtype, doc, creating=True)
        with self.store.lock:
            self._check_references(tenant, rtype, doc)
            self._check_unique(tenant, rtype, doc)
            doc["id"] = self.ids.uuid()
            doc["meta"] = {"resourceType": rtype.name, "created": now, "lastModified": now, "version": 'W/"1"'}
            self.store.put(tenant, rtype.kind, doc["id"], doc)
            return self.render(tenant, rtype, doc, base)

    def get(self, tenant: str, rtype: ResourceType, obj_id: str, base: str) -> dict:
        return self.render(tenant, rtype, self._load(tenant, rtype, obj_id), base)

    def list(self, tenant: str, rtype: ResourceType, base: str, *, filter: str | None = None,
             start_index: int = 1, count: int | None = None) -> dict:
        """A ListResponse (RFC 7644 §3.4.2): matches in insertion order, ``startIndex`` 1-based, ``count`` clamped.

        The filter runs over the live stored documents (``Store.scan``): only the page is copied and
        rendered, and ``totalResults`` counts every match without copying one."""
        predicate = compile_filter(parse_filter(filter), ResourceScope(rtype)) if filter else None
        start = max(start_index, 1)
        size = MAX_RESULTS if count is None else min(max(count, 0), MAX_RESULTS)
        with self.store.lock:
            found = self.store.scan(tenant, rtype.kind, where=predicate, skip=start - 1, limit=size, total=True)
            page = [self.render(tenant, rtype, doc, base) for doc in found.docs]
        return {"schemas": [LIST_RESPONSE], "totalResults": found.total, "itemsPerPage": len(page),
                "startIndex": start, "Resources": page}

    def replace(self, tenant: str, rtype: ResourceType, obj_id: str, body, base: str) -> dict:
        """PUT: the attributes in ``body`` replace the stored ones, null unassigns, absent ones stay
        (StackSpot's handlers read only their DTO's fields, reference §3); PUT never creates."""
        values = read_resource(rtype, body)
        with self.store.lock:
            stored = self._load(tenant, rtype, obj_id)
            doc = copy.deepcopy(stored)
            for (urn, name), value in values.items():
                set_value(doc, urn, name, value)
            check_immutable(rtype, stored, doc)
            check_required(rtype, doc, creating=False)
            return self._commit(tenant, rtype, stored, doc, base)

    def patch(self, tenant: str, rtype: ResourceType, obj_id: str, body, base: str) -> dict:
        """PATCH: every operation applied to a copy, stored only if all succeed."""
        operations = read_operations(body)
        with self.store.lock:
            stored = self._load(tenant, rtype, obj_id)
            doc = apply_patch(rtype, stored, operations)
            check_required(rtype, doc, creating=False)
            return self._commit(tenant, rtype, stored, doc, base)

    def delete(self, tenant: str, rtype: ResourceType, obj_id: str) -> None:
        """DELETE; the resource also leaves every list that held it (a user its groups' ``members``),
        so it neither lingers in the store nor matches a filter (RFC 7644 §3.6)."""
        with self.store.lock:
            if self.store.delete(tenant, rtype.kind, obj_id) is None:
                raise NotFound(f"Resource {obj_id} not found.")
            for other in RESOURCE_TYPES:
                for doc in self.store.all(tenant, other.kind):
                    pruned = _without(other.schema.attributes, doc, rtype.kind, obj_id)
                    if pruned != doc:
                        self._store_change(tenant, other, doc, pruned)

    # -- internals -------------------------------------------------------------------------

    def _load(self, tenant: str, rtype: ResourceType, obj_id: str) -> dict:
        doc = self.store.get(tenant, rtype.kind, obj_id)
        if doc is None:
            raise NotFound(f"Resource {obj_id} not found.")
        return doc

    def _commit(self, tenant: str, rtype: ResourceType, stored: dict, doc: dict, base: str) -> dict:
        """Store ``doc`` over ``stored``; ``lastModified`` and ``version`` move only on a real change."""
        self._check_references(tenant, rtype, doc)
        self._check_unique(tenant, rtype, doc)
        if doc != stored:
            self._store_change(tenant, rtype, stored, doc)
        return self.render(tenant, rtype, doc, base)

    def _store_change(self, tenant: str, rtype: ResourceType, stored: dict, doc: dict) -> None:
        version = int(stored["meta"]["version"].strip('W/"')) + 1
        doc["meta"] = {**stored["meta"], "lastModified": self.clock(), "version": f'W/"{version}"'}
        self.store.put(tenant, rtype.kind, doc["id"], doc)

    def _check_unique(self, tenant: str, rtype: ResourceType, doc: dict) -> None:
        """``uniqueness: server`` attributes (userName, slug) clash case-insensitively unless caseExact."""
        for urn, attr in rtype.stored_attributes():
            value = get_value(doc, urn, attr.name)
            if attr.uniqueness != "server" or not isinstance(value, str):
                continue
            key = _fold(attr, value)
            for other in self.store.all(tenant, rtype.kind):
                theirs = get_value(other, urn, attr.name)
                if other["id"] != doc.get("id") and isinstance(theirs, str) and _fold(attr, theirs) == key:
                    raise Uniqueness(f"{attr.name} {value!r} is already taken")

    def _check_references(self, tenant: str, rtype: ResourceType, doc: dict) -> None:
        """Every id a reference holds names a resource of this tenant (a name or slug is accepted
        and turned into the id); group members are stored as ``{value, type}``."""
        for urn, attr in rtype.stored_attributes():
            value = get_value(doc, urn, attr.name)
            if value is not None:
                set_value(doc, urn, attr.name, self._resolve(tenant, attr, value))

    def _resolve(self, tenant: str, attr: Attribute, value):
        if attr.multi_valued:
            return [self._resolve_one(tenant, attr, item) for item in value]
        return self._resolve_one(tenant, attr, value)

    def _resolve_one(self, tenant: str, attr: Attribute, value):
        if attr.shape == MEMBER:
            member_id = value.get("value")
            kinds = [value["type"]] if value.get("type") in attr.ref else attr.ref
            for kind in kinds:
                if isinstance(member_id, str) and self.store.get(tenant, kind, member_id) is not None:
                    # A display the client chose (Okta sends one) wins over the member's own name.
                    return {key: item for key, item in (("value", member_id), ("type", kind),
                                                        ("display", value.get("display"))) if item is not None}
            raise InvalidValue(f"{attr.name}: no {' or '.join(kinds)} {member_id!r}")
        if attr.ref:
            return self._find_ref(tenant, attr, value)["id"]
        if attr.is_complex and not attr.is_open:
            return {key: self._resolve(tenant, attr.sub(key), item) for key, item in value.items()}
        return value

    def _find_ref(self, tenant: str, attr: Attribute, ref: str) -> dict:
        (kind,) = attr.ref
        # A reference is a URI (RFC 7643 §2.3.7): ``.../Actions/<id>`` names the same Action as ``<id>``.
        doc = self.store.get(tenant, kind, ref.rstrip("/").rpartition("/")[2])
        if doc is None:
            doc = next((other for other in self.store.all(tenant, kind)
                        if ref in (other.get("slug"), other.get("name"))), None)
        if doc is None:
            raise InvalidValue(f"{attr.name}: no {kind} {ref!r}")
        return doc

    # -- rendering -------------------------------------------------------------------------

    def render(self, tenant: str, rtype: ResourceType, doc: dict, base: str) -> dict:
        """The wire form of a stored resource (RFC 7643 §3): references expanded, ``password`` and
        other ``returned: never`` values left out, ``meta.location`` under ``base``."""
        body = {"schemas": rtype.schema_ids, "id": doc["id"]}
        if "externalId" in doc:
            body["externalId"] = doc["externalId"]
        body.update(self._attributes(tenant, rtype.schema.attributes, doc, base, with_backrefs=True))
        for ext in rtype.extensions:
            if ext.id in doc:
                body[ext.id] = self._attributes(tenant, ext.attributes, doc[ext.id], base)
        body["meta"] = {**doc["meta"], "location": f"{base}{rtype.endpoint}/{doc['id']}"}
        return body

    def _attributes(self, tenant, attributes, values: dict, base: str, with_backrefs=False) -> dict:
        """``values`` rendered attribute by attribute; computed ones only for the top-level resource,
        which keeps expanded references from expanding what points back at them."""
        body = {}
        for attr in attributes:
            if attr.returned == NEVER:
                continue
            if attr.backref is not None:
                if with_backrefs and (found := self._backrefs(tenant, attr, values["id"], base)):
                    body[attr.name] = found
            elif attr.name in values:
                body[attr.name] = self._value(tenant, attr, values[attr.name], base)
        return body

    def _value(self, tenant, attr: Attribute, value, base: str):
        if attr.multi_valued:
            rendered = [self._one(tenant, attr, item, base) for item in value]
            return [item for item in rendered if item is not None]  # a deleted target drops out
        return self._one(tenant, attr, value, base)

    def _one(self, tenant, attr: Attribute, value, base: str):
        if attr.shape == MEMBER:
            target = self.store.get(tenant, value["type"], value["value"])
            if target is None:
                return None
            member = self._member(BY_NAME[value["type"]], target, base, value["type"])
            return {**member, "display": value.get("display", member["display"])}
        if attr.shape in (FLAT, WRAPPED):
            (kind,) = attr.ref
            target = self.store.get(tenant, kind, value)
            if target is None:
                return None
            return (self._flat if attr.shape == FLAT else self._wrapped)(tenant, BY_NAME[kind], target, base)
        if attr.is_complex and not attr.is_open:
            return self._attributes(tenant, attr.sub_attributes, value, base)
        return value

    def _backrefs(self, tenant, attr: Attribute, obj_id: str, base: str) -> list:
        """A computed attribute: the resources of ``attr.backref``'s type that point at ``obj_id``."""
        source_name, source_attr = attr.backref
        source = BY_NAME[source_name]
        # Read over the live documents: only those pointing here are copied.
        pointing = self.store.scan(tenant, source.kind, where=lambda doc: obj_id in (
            item.get("value") if isinstance(item, dict) else item for item in values_at(doc, (source_attr,)))).docs
        if attr.shape == MEMBER:
            return [self._member(source, doc, base, "direct") for doc in pointing]
        names = {sub.name for sub in attr.sub_attributes}
        return [{key: item for key, item in self._flat(tenant, source, doc, base).items() if key in names}
                for doc in pointing]

    @staticmethod
    def _member(rtype: ResourceType, target: dict, base: str, kind: str) -> dict:
        return {"value": target["id"], "type": kind, "display": target.get("displayName", target.get("userName")),
                "$ref": f"{base}{rtype.endpoint}/{target['id']}"}

    def _flat(self, tenant, rtype: ResourceType, doc: dict, base: str) -> dict:
        """A referenced resource's attributes, keys sorted as Go marshals a map (reference §1.2).

        References only point at types declared earlier (``RESOURCE_TYPES``), so this ends."""
        body = {"id": doc["id"], **self._attributes(tenant, rtype.schema.attributes, doc, base)}
        return dict(sorted(body.items()))

    def _wrapped(self, tenant, rtype: ResourceType, doc: dict, base: str) -> dict:
        """The Go library's ``Resource`` struct, as Permission statements carry it (reference §3.4)."""
        meta = doc["meta"]
        return {"attributes": self._flat(tenant, rtype, doc, base), "externalID": {}, "id": doc["id"],
                "meta": {"created": meta["created"], "lastModified": meta["lastModified"],
                         "location": f"{rtype.endpoint.lstrip('/')}/{doc['id']}", "resourceType": rtype.name,
                         "version": meta["version"]},
                "schemas": [rtype.schema.id]}


def _without(attributes, values: dict, kind: str, obj_id: str) -> dict:
    """``values`` with ``obj_id`` (a ``kind``) gone from every multi-valued reference, at any depth;
    an emptied list is unassigned. A single-valued reference keeps the id, and renders as null."""
    result = dict(values)
    for attr in attributes:
        value = values.get(attr.name)
        if value is None:
            continue
        if attr.multi_valued and kind in attr.ref:
            kept = [item for item in value if (item.get("value"), item.get("type")) != (obj_id, kind)] \
                if attr.shape == MEMBER else [item for item in value if item != obj_id]
            if kept:
                result[attr.name] = kept
            else:
                result.pop(attr.name)
        elif attr.is_complex and not attr.is_open and attr.sub_attributes:
            if attr.multi_valued:
                result[attr.name] = [_without(attr.sub_attributes, item, kind, obj_id) for item in value]
            else:
                result[attr.name] = _without(attr.sub_attributes, value, kind, obj_id)
    return result


def _fold(attr: Attribute, value: str) -> str:
    return value if attr.case_exact else value.casefold()
