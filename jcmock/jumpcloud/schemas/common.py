"""What every JumpCloud schema shares: ObjectIds and the error bodies."""
import re

from marshmallow import fields, validate

from ...core.fields import FullMatch, StrictInteger, StrictSchema

# Anchored for the OpenAPI ``pattern`` (JSON Schema patterns are searched, not
# matched); Python-side checks use ``fullmatch`` so a trailing newline cannot slip
# past ``$``.
OBJECT_ID_RE = re.compile(r"^[0-9a-fA-F]{24}$")



validate_object_id = FullMatch(OBJECT_ID_RE, error="{input} is not a valid ObjectId (24 hex characters).")



class ObjectIdString(fields.String):
    """A JumpCloud ObjectId: 24 hexadecimal characters.

    JumpCloud's spec types its ids as plain strings, and its own samples send
    placeholders such as ``{"defaultDomain": {"id": "{domainObjectID}"}}``, so only ids
    that must name an existing object to be processed at all (bulk user ids) use this.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, validate_object_id)



class Error(StrictSchema):
    """``Error``: the body of 401/403/404/409/410/500 answers."""

    code = StrictInteger(metadata={"format": "int32"})
    message = fields.String()
    status = fields.String()



class ErrorDetails(Error):
    """``ErrorDetails``: the body of a 400 answer (``details`` follow google.rpc shapes)."""

    details = fields.List(fields.Dict())


class NewOrganization(StrictSchema):
    """Body of ``POST /__jcmock__/organizations``; without an id, one is generated (the backend checks it)."""

    id = fields.String()
    name = fields.String(required=True, validate=validate.Length(min=1))


NEW_ORGANIZATION = NewOrganization()
