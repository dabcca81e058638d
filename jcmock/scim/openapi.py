"""The bodies of the SCIM routes, for the service's OpenAPI document (``/__jcmock__/openapi/scim.json``).

Validation is driven by ``resource_types``, not by these: they only describe the wire shapes
RFC 7644 gives every resource type (a resource, a ListResponse, a PatchOp, a SearchRequest).
"""
from marshmallow import INCLUDE, Schema, fields


class ResourceMeta(Schema):
    resourceType = fields.String()
    created = fields.String(metadata={"format": "date-time"})
    lastModified = fields.String(metadata={"format": "date-time"})
    location = fields.String()
    version = fields.String(metadata={"example": 'W/"1"'})


class Resource(Schema):
    """Any resource: its type's own attributes (``/Schemas`` lists them) sit beside these."""

    class Meta:
        unknown = INCLUDE

    schemas = fields.List(fields.String())
    id = fields.String(dump_only=True)
    externalId = fields.String()
    meta = fields.Nested(ResourceMeta, dump_only=True)


class ListResponse(Schema):
    schemas = fields.List(fields.String(), required=True)
    totalResults = fields.Integer(required=True)
    itemsPerPage = fields.Integer()
    startIndex = fields.Integer()
    Resources = fields.List(fields.Nested(Resource), required=True)


class PatchOperation(Schema):
    op = fields.String(required=True, metadata={"enum": ["add", "replace", "remove"]})
    path = fields.String(metadata={"example": 'emails[type eq "work"].value'})
    value = fields.Raw()


class PatchOp(Schema):
    schemas = fields.List(fields.String(), required=True,
                          metadata={"example": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]})
    Operations = fields.List(fields.Nested(PatchOperation), required=True)


class SearchRequest(Schema):
    schemas = fields.List(fields.String())
    filter = fields.String()
    startIndex = fields.Integer()
    count = fields.Integer()
    attributes = fields.List(fields.String())
    excludedAttributes = fields.List(fields.String())


PARAMETERS = {
    "filter": {"type": "string", "example": 'userName eq "maria.silva@example.com"'},
    "startIndex": {"type": "integer", "minimum": 1, "default": 1},
    "count": {"type": "integer", "minimum": 0, "maximum": 100},
    "attributes": {"type": "string", "description": "Comma-separated attribute paths"},
    "excludedAttributes": {"type": "string", "description": "Comma-separated attribute paths"},
}
LIST_QUERY = ("filter", "startIndex", "count", "attributes", "excludedAttributes")
RESOURCE_QUERY = ("attributes", "excludedAttributes")
