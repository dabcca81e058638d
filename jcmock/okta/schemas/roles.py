"""Body of ``POST /api/v1/users|groups/{id}/roles``: the standard role to assign."""
from ..backend import ROLE_LABELS
from .common import OktaSchema, enum


class RoleAssignment(OktaSchema):
    type = enum(tuple(ROLE_LABELS), required=True)
