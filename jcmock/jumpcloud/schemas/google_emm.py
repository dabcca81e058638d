"""Bodies of /api/v2/google-emm/enterprises."""

from marshmallow import fields

from ...core.fields import (
    Base64String,
    DateTimeString,
    StrictBoolean,
    StrictInteger,
    StrictSchema,
)


class Enterprise(StrictSchema):
    """``jumpcloud.google_emm.Enterprise``."""

    objectId = Base64String()
    organizationObjectId = Base64String()
    deviceGroupId = Base64String()
    name = fields.String()
    displayName = fields.String()
    contactEmail = fields.String()
    allowDeviceEnrollment = StrictBoolean()
    createdAt = DateTimeString()



class EnterpriseList(StrictSchema):
    """``jumpcloud.google_emm.ListEnterprisesResponse``."""

    enterprises = fields.List(fields.Nested(Enterprise))
    count = StrictInteger(metadata={"format": "int64"})



class EnterprisePatch(StrictSchema):
    """Body of ``PATCH /google-emm/enterprises/{enterpriseId}``."""

    allowDeviceEnrollment = StrictBoolean()
    deviceGroupId = Base64String()



class EnterpriseCreate(StrictSchema):
    """Body of ``POST /google-emm/enterprises`` (the spec declares no required field)."""

    enrollmentToken = fields.String()
    signupUrlName = fields.String()



class EnterpriseConnectionStatus(StrictSchema):
    """``jumpcloud.google_emm.ConnectionStatus``."""

    enterpriseId = Base64String()
    organizationObjectId = Base64String()
    isConnected = StrictBoolean()
