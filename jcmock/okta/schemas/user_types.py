"""Bodies of ``/api/v1/meta/types/user`` (endpoint 37): a PUT must repeat the type's ``name``."""
from .common import OktaSchema, text


class UserType(OktaSchema):
    name = text(required=True, min_length=1, max_length=50)
    displayName = text(required=True, min_length=1)
    description = text(required=True)


class UserTypeUpdate(OktaSchema):
    displayName = text(min_length=1)
    description = text()
