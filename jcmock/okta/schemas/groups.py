"""Bodies of ``/api/v1/groups``: ``{profile: {name, description, <custom attributes>}}`` (endpoint 17)."""
from marshmallow import fields

from .common import OktaSchema, OpenSchema, obj, text


class GroupProfile(OpenSchema):
    name = text(required=True, min_length=1, max_length=255)
    description = text(allow_none=True, max_length=1024)


class Group(OktaSchema):
    """Create and replace share the body; other top-level fields are read-only and ignored."""

    profile = fields.Nested(GroupProfile, required=True)


class GroupRuleExpression(OktaSchema):
    type = text(required=True)
    value = text(required=True, min_length=1)


class GroupRuleConditions(OktaSchema):
    expression = fields.Nested(GroupRuleExpression, required=True)
    people = obj()


class GroupRuleAssignment(OktaSchema):
    groupIds = fields.List(fields.String(), required=True)


class GroupRuleActions(OktaSchema):
    assignUserToGroups = fields.Nested(GroupRuleAssignment, required=True)


class GroupRule(OktaSchema):
    """``GroupRule`` (endpoint 16): names are 1-50 characters and unique among rules."""

    type = text(required=True)
    name = text(required=True, min_length=1, max_length=50)
    conditions = fields.Nested(GroupRuleConditions, required=True)
    actions = fields.Nested(GroupRuleActions, required=True)
