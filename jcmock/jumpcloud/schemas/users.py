"""Bodies of /api/v2/users/{id}/pushendpoints and of v1 system users (/api/systemusers)."""

from marshmallow import fields, pre_dump, validate

from ...core.fields import (
    DateTimeString,
    StrictBoolean,
    StrictInteger,
    StrictSchema,
    text,
)


class PushEndpointDevice(StrictSchema):
    """``device`` of a push endpoint."""

    make = fields.String()
    model = fields.String()
    os = fields.String()
    osVersion = fields.String()
    appVersion = fields.String()
    uvEnabled = StrictBoolean()



class PushEndpoint(StrictSchema):
    """``PushEndpointResponse``: a JumpCloud Protect device registered to a user."""

    id = fields.String()
    name = fields.String()
    state = fields.String()
    enrollmentDate = DateTimeString()
    lastUsedDate = DateTimeString()
    device = fields.Nested(PushEndpointDevice)



class PushEndpointPatch(StrictSchema):
    """Body of ``PATCH /users/{user_id}/pushendpoints/{push_endpoint_id}``."""

    name = fields.String()
    state = fields.String(validate=validate.OneOf(("active", "inactive")))



_RESTRICTABLE_USER_FIELDS = (
    "addresses", "company", "costCenter", "department", "description", "displayname", "email",
    "employeeIdentifier", "employeeType", "firstname", "jobTitle", "lastname", "location",
    "middlename", "password", "phoneNumbers", "sudo", "username",
)



class UserAddress(StrictSchema):
    """An item of a system user's ``addresses``."""

    type = text(1024)
    poBox = text(1024)
    extendedAddress = text(1024)
    streetAddress = text(1024)
    locality = text(1024)
    region = text(1024)
    postalCode = text(1024)
    country = text(1024)



class UserPhoneNumber(StrictSchema):
    """An item of a system user's ``phoneNumbers``."""

    type = text(1024)
    number = text(1024)



class UserAttribute(StrictSchema):
    """An item of a system user's custom ``attributes``."""

    name = fields.String()
    value = text(1024)



class UserRelationship(StrictSchema):
    """An item of a system user's ``relationships``."""

    type = fields.String()
    value = fields.String()



class UserDelegatedAuthority(StrictSchema):
    """``delegatedAuthority``: who decides the user's password."""

    id = fields.String()
    name = fields.String(validate=validate.OneOf(("ActiveDirectory",)))



class UserMfa(StrictSchema):
    """A system user's ``mfa`` settings."""

    configured = StrictBoolean()
    exclusion = StrictBoolean()
    exclusionDays = StrictInteger(validate=validate.Range(min=1))
    exclusionUntil = DateTimeString()



class UserRestrictedField(StrictSchema):
    """``restrictedFields``: a field owned by an external source."""

    field = fields.String(validate=[validate.Length(max=32), validate.OneOf(_RESTRICTABLE_USER_FIELDS)])
    id = text(24)
    type = fields.String(
        validate=[validate.Length(max=128), validate.OneOf(("active_directory", "federated_identity_provider", "scim"))]
    )



class UserSshKey(StrictSchema):
    """An item of ``ssh_keys`` in a user update."""

    name = fields.String(required=True)
    public_key = fields.String(required=True)



class UserRecoveryEmail(StrictSchema):
    """``recoveryEmail`` of a new user."""

    address = fields.String()



class SystemUserAttributes(StrictSchema):
    """The v1 system-user attributes shared by bulk create and bulk update items.

    Every attribute of jcapiv1's ``Systemuserput`` (``tags`` among them), with the limits of
    the spec's ``bulk-user-create``/``bulk-user-update``; ``state`` differs per item kind below.
    ``state`` and ``suspended`` may both be sent: ``state`` wins (``backend.merge_user``).
    """

    account_locked = StrictBoolean()
    addresses = fields.List(fields.Nested(UserAddress))
    allow_public_key = StrictBoolean()
    alternateEmail = fields.String()
    attributes = fields.List(fields.Nested(UserAttribute))
    company = text(1024)
    costCenter = text(1024)
    delegatedAuthority = fields.Nested(UserDelegatedAuthority, allow_none=True)
    department = text(1024)
    description = text(1024)
    disableDeviceMaxLoginAttempts = StrictBoolean()
    displayname = text(1024)
    email = text(1024)
    employeeIdentifier = text(256)
    employeeType = text(1024)
    enable_managed_uid = StrictBoolean()
    enable_user_portal_multifactor = StrictBoolean()
    external_dn = fields.String()
    external_source_type = fields.String()
    externally_managed = StrictBoolean()
    firstname = text(1024)
    jobTitle = text(1024)
    lastname = text(1024)
    ldap_binding_user = StrictBoolean()
    location = text(1024)
    managedAppleId = text(1024)
    manager = fields.String(metadata={"description": "Id of the system user who manages this one."})
    mfa = fields.Nested(UserMfa)
    middlename = text(1024)
    password = fields.String(metadata={"writeOnly": True})
    password_never_expires = StrictBoolean()
    passwordless_sudo = StrictBoolean()
    phoneNumbers = fields.List(fields.Nested(UserPhoneNumber))
    public_key = fields.String()
    relationships = fields.List(fields.Nested(UserRelationship))
    restrictedFields = fields.Nested(UserRestrictedField)
    samba_service_user = StrictBoolean()
    ssh_keys = fields.List(fields.Nested(UserSshKey))
    sudo = StrictBoolean()
    suspended = StrictBoolean()
    tags = fields.List(fields.String())
    unix_guid = StrictInteger(validate=validate.Range(min=1))
    unix_uid = StrictInteger(validate=validate.Range(min=1))
    username = text(1024)



class UserAddressRecord(UserAddress):
    """An address as stored, with its id."""

    id = fields.String()



class UserPhoneNumberRecord(UserPhoneNumber):
    """A phone number as stored, with its id."""

    id = fields.String()



class UserSshKeyRecord(StrictSchema):
    """An SSH key as stored."""

    _id = fields.String()
    name = fields.String()
    public_key = fields.String()
    create_date = fields.String()



class UserRecoveryEmailRecord(StrictSchema):
    """``recoveryEmail`` as stored."""

    address = fields.String()
    verified = StrictBoolean()
    verifiedAt = DateTimeString()



class SystemUser(StrictSchema):
    """A v1 system user (``systemuserreturn``), without its password."""

    _id = fields.String()
    id = fields.String()
    account_locked = StrictBoolean()
    account_locked_date = fields.String(allow_none=True)
    activated = StrictBoolean()
    addresses = fields.List(fields.Nested(UserAddressRecord))
    allow_public_key = StrictBoolean()
    alternateEmail = fields.String()
    attributes = fields.List(fields.Nested(UserAttribute))
    badLoginAttempts = StrictInteger()
    company = fields.String()
    costCenter = fields.String()
    created = fields.String()
    creationSource = fields.String()
    delegatedAuthority = fields.Nested(UserDelegatedAuthority, allow_none=True)
    department = fields.String()
    description = fields.String()
    disableDeviceMaxLoginAttempts = StrictBoolean()
    displayname = fields.String()
    email = fields.String()
    employeeIdentifier = fields.String()
    employeeType = fields.String()
    enable_managed_uid = StrictBoolean()
    enable_user_portal_multifactor = StrictBoolean()
    external_dn = fields.String()
    external_password_expiration_date = fields.String()
    external_source_type = fields.String()
    externally_managed = StrictBoolean()
    firstname = fields.String()
    jobTitle = fields.String()
    lastname = fields.String()
    ldap_binding_user = StrictBoolean()
    location = fields.String()
    managedAppleId = fields.String()
    manager = fields.String()
    mfa = fields.Nested(UserMfa)
    middlename = fields.String()
    organization = fields.String()
    password_expiration_date = fields.String()
    password_expired = StrictBoolean()
    password_never_expires = StrictBoolean()
    passwordless_sudo = StrictBoolean()
    phoneNumbers = fields.List(fields.Nested(UserPhoneNumberRecord))
    public_key = fields.String()
    recoveryEmail = fields.Nested(UserRecoveryEmailRecord)
    relationships = fields.List(fields.Nested(UserRelationship))
    restrictedFields = fields.Nested(UserRestrictedField)
    samba_service_user = StrictBoolean()
    ssh_keys = fields.List(fields.Nested(UserSshKeyRecord))
    state = fields.String(validate=validate.OneOf(("STAGED", "ACTIVATED", "SUSPENDED")))
    sudo = StrictBoolean()
    suspended = StrictBoolean()
    tags = fields.List(fields.String())
    totp_enabled = StrictBoolean()
    unix_guid = StrictInteger()
    unix_uid = StrictInteger()
    username = fields.String()

    @pre_dump
    def _mirror_ids(self, user, **kwargs):
        # v1 answers carry the object id twice, as "_id" and as "id".
        if isinstance(user, dict) and ("_id" in user) != ("id" in user):
            user = {**user, "_id": user.get("_id", user.get("id")), "id": user.get("id", user.get("_id"))}
        return user



class SystemUserList(StrictSchema):
    """v1 ``GET /api/systemusers`` and ``POST /api/search/systemusers``: ``{totalCount, results}``."""

    totalCount = StrictInteger()
    results = fields.List(fields.Nested(SystemUser))
