"""The seven resource types StackSpot IAM serves over SCIM, one declaration each.

Every characteristic comes from ``shared/reference/scim-stackspot.md`` §3 (RFC 7643 §4 for User and
Group). Routes, validation, filters, PATCH, rendering and discovery all read these tables, so the
types differ in data only. Custom schema URNs are the reference's inferred ones (§0).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

# Attribute types of RFC 7643 §2.3, plus ANY for the keys of a free-form complex attribute
# (``properties``, ``claim_mapper``), which discovery never lists.
STRING, BOOLEAN, DECIMAL, INTEGER = "string", "boolean", "decimal", "integer"
DATETIME, BINARY, REFERENCE, COMPLEX, ANY = "dateTime", "binary", "reference", "complex", "any"

READ_ONLY, READ_WRITE, IMMUTABLE, WRITE_ONLY = "readOnly", "readWrite", "immutable", "writeOnly"
ALWAYS, NEVER, DEFAULT = "always", "never", "default"

# How a reference is rendered (reference §3.3-3.7): the bare id, the target's attributes
# ("flat"), the Go library's wrapper {attributes, externalID, id, meta, schemas}, or a group
# member {value, type, display, $ref}.
FLAT, WRAPPED, MEMBER = "flat", "wrapped", "member"

CREATED = object()  # as a default: the resource's creation time (custom types' ``created_at``)

PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse"


@dataclass(frozen=True)
class Attribute:
    """One attribute definition (RFC 7643 §7), plus how jcmock stores and renders it."""

    name: str
    type: str = STRING
    multi_valued: bool = False
    required: bool = False
    mutability: str = READ_WRITE
    returned: str = DEFAULT
    uniqueness: str = "none"
    case_exact: bool = False
    canonical_values: tuple[str, ...] = ()
    reference_types: tuple[str, ...] = ()
    sub_attributes: tuple[Attribute, ...] = ()
    description: str = ""
    required_on_create: bool = False    # required by POST only (Resource-Type ``actions``)
    default: Any = None                 # set on create when the client sends nothing
    ref: tuple[str, ...] = ()           # resource types whose ids the value holds
    shape: str | None = None            # how those references render (FLAT, WRAPPED, MEMBER)
    backref: tuple[str, str] | None = None  # computed: (type, attribute) of resources pointing here
    folds_into: str | None = None       # a request-only alias appended to this sibling attribute

    @property
    def is_complex(self) -> bool:
        return self.type == COMPLEX

    @property
    def is_open(self) -> bool:
        """A complex attribute with no declared sub-attributes holds any JSON object."""
        return self.type == COMPLEX and not self.sub_attributes

    def sub(self, name: str) -> Attribute | None:
        """The sub-attribute called ``name`` (case-insensitive, RFC 7643 §2.1)."""
        if self.is_open:
            return Attribute(name=name, type=ANY)
        return _find(self.sub_attributes, name)

    def discovery(self) -> dict:
        """This attribute as ``/Schemas`` describes it (RFC 7643 §7)."""
        body = {
            "name": self.name, "type": self.type, "multiValued": self.multi_valued,
            "description": self.description or self.name, "required": self.required,
            "caseExact": self.case_exact, "mutability": self.mutability, "returned": self.returned,
            "uniqueness": self.uniqueness,
        }
        if self.canonical_values:
            body["canonicalValues"] = list(self.canonical_values)
        if self.type == REFERENCE:
            body["referenceTypes"] = list(self.reference_types or self.ref or ("external",))
        if self.is_complex:
            body["subAttributes"] = [sub.discovery() for sub in self.sub_attributes]
        return body


@dataclass(frozen=True)
class Schema:
    """A schema (core or extension): its URN and attributes."""

    id: str
    name: str
    description: str
    attributes: tuple[Attribute, ...]

    def attribute(self, name: str) -> Attribute | None:
        return _find(self.attributes, name)

    def as_attribute(self) -> Attribute:
        """An extension seen as one complex attribute keyed by its URN (RFC 7644 §3.5.2 path ``urn:...:User``)."""
        return Attribute(name=self.id, type=COMPLEX, sub_attributes=self.attributes)


@dataclass(frozen=True)
class ResourceType:
    """One SCIM resource type: its endpoint, schema, extensions and store kind."""

    name: str
    endpoint: str
    description: str
    schema: Schema
    extensions: tuple[Schema, ...] = ()
    aliases: tuple[str, ...] = ()   # other endpoint spellings StackSpot's docs print

    @property
    def kind(self) -> str:
        return self.name

    @property
    def schema_ids(self) -> list[str]:
        return [self.schema.id, *(ext.id for ext in self.extensions)]

    def extension(self, urn: str) -> Schema | None:
        return next((ext for ext in self.extensions if ext.id.lower() == urn.lower()), None)

    def attribute(self, name: str) -> Attribute | None:
        """A top-level attribute: a common one, one of the core schema, or an extension container."""
        found = _find(COMMON, name) or self.schema.attribute(name)
        if found is None and (ext := self.extension(name)) is not None:
            found = ext.as_attribute()
        return found

    def stored_attributes(self):
        """Yield ``(container URN or None, attribute)`` for every attribute but the computed ones."""
        for attribute in (EXTERNAL_ID, *self.schema.attributes):
            if attribute.backref is None:
                yield None, attribute
        for ext in self.extensions:
            for attribute in ext.attributes:
                yield ext.id, attribute


def _find(attributes, name):
    lowered = name.lower()
    return next((attr for attr in attributes if attr.name.lower() == lowered), None)


def _a(name, type=STRING, **characteristics) -> Attribute:
    return Attribute(name=name, type=type, **characteristics)


def _multi(name, type=STRING, **characteristics) -> Attribute:
    return Attribute(name=name, type=type, multi_valued=True, **characteristics)


def _value_list(name, canonical=(), **characteristics) -> Attribute:
    """RFC 7643's multi-valued {value, display, type, primary} shape (emails, phoneNumbers, ...)."""
    subs = (_a("value", **characteristics), _a("display"), _a("type", canonical_values=canonical),
            _a("primary", BOOLEAN))
    return _multi(name, COMPLEX, sub_attributes=subs)


# Common attributes (RFC 7643 §3.1): on every resource, listed in no schema.
ID = _a("id", mutability=READ_ONLY, returned=ALWAYS, uniqueness="server", case_exact=True)
EXTERNAL_ID = _a("externalId", case_exact=True)
META = _a("meta", COMPLEX, mutability=READ_ONLY, sub_attributes=tuple(
    _a(name, kind, mutability=READ_ONLY, case_exact=True) for name, kind in (
        ("resourceType", STRING), ("created", DATETIME), ("lastModified", DATETIME),
        ("location", REFERENCE), ("version", STRING))))
COMMON = (ID, EXTERNAL_ID, META)

# Custom types' own common attributes (reference §3, "conventions that hold for all seven types").
_DESCRIPTION = _a("description")
_CLIENT_ID = _a("client_id", case_exact=True, description="The OAuth client that owns the object.")
_CREATED_AT = _a("created_at", mutability=READ_ONLY, default=CREATED)
_SLUG = _a("slug", uniqueness="server", case_exact=True)


def _name(**characteristics):
    return _a("name", required=True, **characteristics)


USER_EXTENSION = Schema(
    id="urn:ietf:params:scim:schemas:extension:custom:2.0:User",
    name="StackSpotUser",
    description="StackSpot IAM's custom User attributes",
    attributes=(
        _a("blocked", BOOLEAN),
        _a("company"),
        _a("ddd", description="Brazilian area code (DDD)"),
        _a("ddi", description="International calling code (DDI)"),
        _a("gender"),
        _a("generatePassword", BOOLEAN, mutability=WRITE_ONLY, returned=NEVER),
        _a("hireDate"),
        _a("human", BOOLEAN, mutability=IMMUTABLE),
        _a("is_email_verified", BOOLEAN),
        _a("machineName", mutability=IMMUTABLE),
        _a("preferredLoginName"),
        _a("properties", COMPLEX, description="Free-form JSON object"),
        _a("resourceOwner", mutability=IMMUTABLE, case_exact=True),
    ),
)

USER = ResourceType(
    name="User", endpoint="/Users", description="User Account",
    schema=Schema(
        id="urn:ietf:params:scim:schemas:core:2.0:User", name="User", description="User Account",
        attributes=(
            _a("userName", required=True, uniqueness="server"),
            _a("name", COMPLEX, sub_attributes=tuple(_a(sub) for sub in (
                "formatted", "familyName", "givenName", "middleName", "honorificPrefix", "honorificSuffix"))),
            _a("displayName"),
            _a("nickName"),
            _a("profileUrl", REFERENCE, reference_types=("external",)),
            _a("title"),
            _a("userType"),
            _a("preferredLanguage"),
            _a("locale"),
            _a("timezone"),
            _a("active", BOOLEAN),
            _a("password", mutability=WRITE_ONLY, returned=NEVER),
            _value_list("emails", ("work", "home", "other")),
            _value_list("phoneNumbers", ("work", "home", "mobile", "fax", "pager", "other")),
            _value_list("ims", ("aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo")),
            _value_list("photos", ("photo", "thumbnail"), type=REFERENCE, reference_types=("external",)),
            _multi("addresses", COMPLEX, sub_attributes=(
                *(_a(sub) for sub in ("formatted", "streetAddress", "locality", "region", "postalCode", "country")),
                _a("type", canonical_values=("work", "home", "other")), _a("primary", BOOLEAN))),
            _multi("groups", COMPLEX, mutability=READ_ONLY, backref=("Group", "members"), shape=MEMBER,
                   sub_attributes=tuple(
                _a(sub, mutability=READ_ONLY) for sub in ("value", "display", "type")) + (
                _a("$ref", REFERENCE, mutability=READ_ONLY, reference_types=("Group",)),)),
            _value_list("entitlements"),
            _value_list("roles"),
            _value_list("x509Certificates", type=BINARY),
        ),
    ),
    extensions=(USER_EXTENSION,),
)

GROUP = ResourceType(
    name="Group", endpoint="/Groups", description="Group",
    schema=Schema(
        id="urn:ietf:params:scim:schemas:core:2.0:Group", name="Group", description="Group",
        attributes=(
            _a("displayName", required=True),
            _multi("members", COMPLEX, ref=("User", "Group"), shape=MEMBER, sub_attributes=(
                _a("value", mutability=IMMUTABLE),
                _a("$ref", REFERENCE, mutability=IMMUTABLE, case_exact=True, reference_types=("User", "Group")),
                _a("type", mutability=IMMUTABLE, canonical_values=("User", "Group")),
                _a("display", mutability=IMMUTABLE),
            )),
        ),
    ),
)

ACTION = ResourceType(
    name="Action", endpoint="/Actions", description="An operation a permission grants",
    schema=Schema(
        id="urn:ietf:params:scim:schemas:custom:2.0:Action", name="Action",
        description="An operation a permission grants",
        attributes=(_name(), _DESCRIPTION, _CLIENT_ID, _a("active", BOOLEAN, mutability=READ_ONLY, default=False),
                    _CREATED_AT),
    ),
)

RESOURCE_TYPE = ResourceType(
    name="ResourceType", endpoint="/Resource-Types", description="A kind of IAM resource",
    aliases=("/Resources-Types",),
    schema=Schema(
        id="urn:ietf:params:scim:schemas:custom:2.0:ResourceType", name="ResourceType",
        description="A kind of IAM resource and the actions it supports",
        attributes=(
            _name(), _DESCRIPTION, _CLIENT_ID, _SLUG,
            _multi("actions", REFERENCE, required_on_create=True, ref=("Action",), shape=FLAT),
            _multi("resources", COMPLEX, mutability=READ_ONLY, backref=("Resource", "type"), shape=FLAT,
                   sub_attributes=tuple(_a(sub, mutability=READ_ONLY)
                                        for sub in ("client_id", "created_at", "description", "id", "name", "slug"))),
        ),
    ),
)

RESOURCE = ResourceType(
    name="Resource", endpoint="/Resources", description="An IAM resource (a workspace, a studio)",
    schema=Schema(
        id="urn:ietf:params:scim:schemas:custom:2.0:Resource", name="Resource",
        description="An IAM resource permissions apply to",
        attributes=(_name(), _DESCRIPTION, _CLIENT_ID, _SLUG,
                    _a("type", REFERENCE, required=True, ref=("ResourceType",), shape=FLAT)),
    ),
)

_STATEMENT_ACTIONS = _multi("actions", REFERENCE, ref=("Action",), shape=WRAPPED)
_STATEMENT_RESOURCE = _a("resource", REFERENCE, ref=("Resource",), shape=WRAPPED)

PERMISSION = ResourceType(
    name="Permission", endpoint="/Permissions", description="Actions allowed on resources",
    schema=Schema(
        id="urn:ietf:params:scim:schemas:custom:2.0:Permission", name="Permission",
        description="Actions allowed on resources",
        attributes=(
            _name(), _DESCRIPTION, _CLIENT_ID,
            _multi("statements", COMPLEX, required=True, sub_attributes=(
                _STATEMENT_ACTIONS,
                # The seed's update samples send one ``action``; it is folded into ``actions``.
                _a("action", REFERENCE, mutability=WRITE_ONLY, returned=NEVER, ref=("Action",), folds_into="actions"),
                _STATEMENT_RESOURCE,
            )),
            _CREATED_AT,
        ),
    ),
)

ROLE = ResourceType(
    name="Role", endpoint="/Roles", description="A set of permissions granted to users",
    schema=Schema(
        id="urn:ietf:params:scim:schemas:custom:2.0:Role", name="Role",
        description="A set of permissions granted to users",
        attributes=(
            _name(), _DESCRIPTION, _CLIENT_ID,
            _a("claim_mapper", COMPLEX, description="Free-form map of claim names to values"),
            _multi("permissions", REFERENCE, ref=("Permission",), shape=FLAT),
            _multi("statements", COMPLEX, mutability=WRITE_ONLY, returned=NEVER, sub_attributes=(
                replace(_STATEMENT_ACTIONS, shape=None), replace(_STATEMENT_RESOURCE, shape=None))),
            _a("member_count", INTEGER, mutability=READ_ONLY, default=0),
            _CREATED_AT,
        ),
    ),
)

# Load order: every type after the types it references (fixtures are checked in this order).
RESOURCE_TYPES = (ACTION, RESOURCE_TYPE, RESOURCE, PERMISSION, ROLE, USER, GROUP)
BY_NAME = {rtype.name: rtype for rtype in RESOURCE_TYPES}
BY_ENDPOINT = {endpoint.strip("/"): rtype for rtype in RESOURCE_TYPES for endpoint in (rtype.endpoint, *rtype.aliases)}
SCHEMAS = tuple({schema.id: schema
                 for rtype in RESOURCE_TYPES for schema in (rtype.schema, *rtype.extensions)}.values())
