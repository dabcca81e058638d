"""``/ServiceProviderConfig``, ``/ResourceTypes`` and ``/Schemas`` (RFC 7644 §4), built from the
declarations so they describe exactly what the service does: PATCH and filters yes; bulk, sort,
ETag preconditions and password change no (reference §2.10).

A reference StackSpot answers expanded (Role ``permissions``, Permission statements, Resource
``type``, Resource-Type ``actions``) is described as the object it is served as, so a client that
builds its models from ``/Schemas`` (scim2-client) reads what it gets back; ``id`` is the one
writable sub-attribute, and requests may send the bare id instead (reference §3).
"""
from __future__ import annotations

from dataclasses import replace

from .backend import MAX_RESULTS
from .errors import NotFound
from .resource_types import (
    BY_NAME,
    COMPLEX,
    FLAT,
    LIST_RESPONSE,
    META,
    NEVER,
    READ_ONLY,
    REFERENCE,
    RESOURCE_TYPES,
    SCHEMAS,
    STRING,
    WRAPPED,
    Attribute,
    ResourceType,
    Schema,
)

MAX_DEPTH = 2  # levels of complex values a schema describes (scim2-models' limit)

DOCS = "https://docs.stackspot.com/en/home/account/organization/access-management/scim/scim-overview"


def service_provider_config(base: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "documentationUri": "https://docs.stackspot.com/en/home/account/access-management/scim/scim-api-spec",
        "patch": {"supported": True},
        "bulk": {"supported": False, "maxOperations": 1000, "maxPayloadSize": 1048576},
        "filter": {"supported": True, "maxResults": MAX_RESULTS},
        "changePassword": {"supported": False},
        "sort": {"supported": False},
        "etag": {"supported": False},
        "authenticationSchemes": [{
            "type": "oauthbearertoken", "name": "OAuth Bearer Token",
            "description": "Bearer JWT from the StackSpot IdM client_credentials token endpoint",
            "specUri": "https://www.rfc-editor.org/info/rfc6750", "documentationUri": DOCS, "primary": True,
        }],
        "meta": {"resourceType": "ServiceProviderConfig", "location": f"{base}/ServiceProviderConfig"},
    }


def resource_type(rtype: ResourceType, base: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": rtype.name, "name": rtype.name, "description": rtype.description,
        "endpoint": rtype.endpoint, "schema": rtype.schema.id,
        "schemaExtensions": [{"schema": ext.id, "required": False} for ext in rtype.extensions],
        "meta": {"resourceType": "ResourceType", "location": f"{base}/ResourceTypes/{rtype.name}"},
    }


def schema(definition: Schema, base: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": definition.id, "name": definition.name, "description": definition.description,
        "attributes": [served(attr).discovery() for attr in definition.attributes],
        "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{definition.id}"},
    }


def served(attr: Attribute, depth: int = 1) -> Attribute:
    """``attr`` as the wire carries it: expanded references become the complex value they render as.

    Complex values nested deeper than ``MAX_DEPTH`` (the ``attributes`` and ``meta`` of a
    Permission statement's wrapped actions) are served but not described: scim2-models, and so
    scim2-client, refuses a schema that nests further, and RFC 7643 §2.3.8 allows one level only."""
    if attr.ref and attr.shape in (FLAT, WRAPPED):
        (kind,) = attr.ref
        subs = _flat_attributes(attr, BY_NAME[kind], depth)
        if attr.shape == WRAPPED:
            subs = (subs[0], Attribute("attributes", COMPLEX, mutability=READ_ONLY, sub_attributes=subs[1:]),
                    Attribute("externalID", COMPLEX, mutability=READ_ONLY,
                              description="Always {}: the Go library's optional.String, as marshalled"),
                    replace(META, description="The referenced resource's meta"),
                    Attribute("schemas", STRING, multi_valued=True, mutability=READ_ONLY, case_exact=True))
        attr = replace(attr, type=COMPLEX, shape=None, ref=(), sub_attributes=subs,
                       description=attr.description or f"{kind} objects; requests may send their ids")
    if attr.is_complex and attr.sub_attributes:
        subs = (served(sub, depth + 1) for sub in attr.sub_attributes)
        attr = replace(attr, sub_attributes=tuple(sub for sub in subs if depth < MAX_DEPTH or not sub.is_complex))
    return attr


def _flat_attributes(attr: Attribute, target: ResourceType, depth: int) -> tuple[Attribute, ...]:
    """``id`` (the reference a client writes), then the target's returned attributes, read-only."""
    reference = Attribute("id", REFERENCE, mutability=attr.mutability, case_exact=True, reference_types=(target.name,),
                          description=f"The {target.name}'s id")
    shown = (replace(sub, mutability=READ_ONLY, required=False, required_on_create=False)
             for sub in target.schema.attributes if sub.returned != NEVER and sub.backref is None)
    return (reference, *shown)


def resource_types(base: str) -> dict:
    return _list([resource_type(rtype, base) for rtype in RESOURCE_TYPES])


def schemas(base: str) -> dict:
    return _list([schema(definition, base) for definition in SCHEMAS])


def find_resource_type(name: str, base: str) -> dict:
    """One resource type by name (``/ResourceTypes/User``), as the Go library looks it up."""
    for rtype in RESOURCE_TYPES:
        if rtype.name == name:
            return resource_type(rtype, base)
    raise NotFound(f"Resource type {name} not found.")


def find_schema(urn: str, base: str) -> dict:
    for definition in SCHEMAS:
        if definition.id.lower() == urn.lower():
            return schema(definition, base)
    raise NotFound(f"Schema {urn} not found.")


def _list(resources: list) -> dict:
    """Discovery lists ignore query parameters (RFC 7644 §4), so they are always whole."""
    return {"schemas": [LIST_RESPONSE], "totalResults": len(resources), "itemsPerPage": len(resources),
            "startIndex": 1, "Resources": resources}
