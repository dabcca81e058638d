"""Bodies of /api/v2/activedirectories, /gsuites, /office365s, /ldapservers and /directories."""

from marshmallow import fields, validate

from ...core.fields import (
    Base64String,
    DateTimeString,
    StrictBoolean,
    StrictSchema,
    read_only,
)

AD_USE_CASES = ("UNSET", "TWOWAYSYNC", "JCASAUTHORITY", "ADASAUTHORITY")


AD_USE_CASES = ("UNSET", "TWOWAYSYNC", "JCASAUTHORITY", "ADASAUTHORITY")
LDAP_ACTIONS = ("disable", "remove")



class DefaultDomain(StrictSchema):
    """``defaultDomain`` of G Suite and Office 365: ``{id}`` sets it, ``{}`` clears it."""

    id = fields.String()
    domain = read_only(fields.String())



class ActiveDirectory(StrictSchema):
    """``active-directory``: one Active Directory domain connection."""

    id = read_only(fields.String())
    domain = fields.String()
    useCase = fields.String(validate=validate.OneOf(AD_USE_CASES))
    primaryAgent = read_only(fields.String())
    delegationState = fields.String(validate=validate.OneOf(("ENABLED", "PENDING", "DISABLED")))
    groupsEnabled = StrictBoolean()
    permission = read_only(
        fields.String(validate=validate.OneOf(("PERMISSION_UNSPECIFIED", "PERMISSION_OWNER", "PERMISSION_READ_ONLY")))
    )
    primaryImportAgent = read_only(fields.String())
    updatedAt = DateTimeString()



class ActiveDirectoryPatch(ActiveDirectory):
    """Body of ``PATCH /activedirectories/{id}``."""



class ActiveDirectoryCreate(ActiveDirectory):
    """Body of ``POST /activedirectories`` (the spec declares no required field)."""



class GSuite(StrictSchema):
    """``gsuite``: a Google Workspace directory connection."""

    id = read_only(fields.String())
    name = fields.String()
    defaultDomain = fields.Nested(DefaultDomain)
    groupsEnabled = StrictBoolean()
    userLockoutAction = fields.String(validate=validate.OneOf(("suspend", "maintain")))
    userPasswordExpirationAction = fields.String(validate=validate.OneOf(("suspend", "maintain", "remove_access")))
    importFilter = fields.String()
    organizationObjectId = Base64String()



class GSuitePatch(GSuite):
    """Body of ``PATCH /gsuites/{id}``."""



class Office365(StrictSchema):
    """``office365``: a Microsoft 365 directory connection."""

    id = read_only(fields.String())
    name = fields.String()
    defaultDomain = fields.Nested(DefaultDomain)
    groupsEnabled = StrictBoolean()
    # Published as readOnly, yet JumpCloud's own sample request PATCHes both.
    userLockoutAction = fields.String(validate=validate.OneOf(("suspend", "maintain")))
    userPasswordExpirationAction = fields.String(validate=validate.OneOf(("suspend", "maintain")))



class Office365Patch(Office365):
    """Body of ``PATCH /office365s/{office365_id}``."""



class LdapServer(StrictSchema):
    """``ldap-server``: the organization's JumpCloud LDAP server."""

    id = read_only(fields.String())
    name = fields.String()
    userLockoutAction = fields.String(validate=validate.OneOf(LDAP_ACTIONS))
    userPasswordExpirationAction = fields.String(validate=validate.OneOf(LDAP_ACTIONS))



class LdapServerPatch(StrictSchema):
    """Body of ``PATCH /ldapservers/{id}`` (``LdapserversPatchRequest``: no ``name``)."""

    id = fields.String()
    userLockoutAction = fields.String(validate=validate.OneOf(LDAP_ACTIONS))
    userPasswordExpirationAction = fields.String(validate=validate.OneOf(LDAP_ACTIONS))



class DirectoryDefaultDomain(StrictSchema):
    """``defaultDomain`` as listed by ``GET /directories``."""

    id = fields.String()
    domain = fields.String()



class Directory(StrictSchema):
    """An item of ``GET /directories``."""

    id = fields.String(required=True)
    name = fields.String(required=True)
    type = fields.String(
        required=True, validate=validate.OneOf(("active_directory", "g_suite", "ldap_server", "office_365", "workday"))
    )
    defaultDomain = fields.Nested(DirectoryDefaultDomain)
    oAuthStatus = fields.Dict()
