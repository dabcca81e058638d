"""``/ServiceProviderConfig``, ``/ResourceTypes`` and ``/Schemas`` (RFC 7644 §4), built from the
declarations so they describe exactly what the service does: PATCH and filters yes; bulk, sort,
ETag preconditions and password change no (reference §2.10)."""
from __future__ import annotations

from .backend import MAX_RESULTS
from .errors import NotFound
from .resource_types import LIST_RESPONSE, RESOURCE_TYPES, SCHEMAS, ResourceType, Schema

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
        "attributes": [attr.discovery() for attr in definition.attributes],
        "meta": {"resourceType": "Schema", "location": f"{base}/Schemas/{definition.id}"},
    }


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
