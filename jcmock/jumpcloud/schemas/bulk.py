"""Bodies of /api/v2/bulk/users and its job results."""

from marshmallow import fields, validate

from ...core.fields import DateTimeString, StrictBoolean, StrictSchema, text
from .common import ObjectIdString
from .users import SystemUserAttributes, UserRecoveryEmail


class BulkUserUpdate(SystemUserAttributes):
    """One item of ``PATCH /bulk/users``: the user's ``id`` plus any v1 attribute to change."""

    id = ObjectIdString(required=True)
    organization = fields.String()
    external_password_expiration_date = fields.String()
    state = fields.String(validate=validate.OneOf(("ACTIVATED", "SUSPENDED")))



class BulkUserCreate(SystemUserAttributes):
    """One item of ``POST /bulk/users``: a new v1 system user (``username`` and ``email`` required)."""

    email = text(1024, required=True)
    username = text(1024, required=True)
    activated = StrictBoolean()
    external_password_expiration_date = DateTimeString()
    recoveryEmail = fields.Nested(UserRecoveryEmail)
    state = fields.String(validate=validate.OneOf(("STAGED", "ACTIVATED", "SUSPENDED")))



class JobId(StrictSchema):
    """``job-id``: the answer to ``POST``/``PATCH /bulk/users``."""

    jobId = fields.String()



class JobWorkResult(StrictSchema):
    """``job-workresult``: one item of ``GET /bulk/users/{job_id}/results``."""

    id = fields.String()
    status = fields.String()
    statusMsg = fields.String()
    createdAt = fields.String()
    updatedAt = fields.String()
    meta = fields.Dict()
    persistedFields = fields.Dict()
