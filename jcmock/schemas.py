"""Marshmallow schemas for JumpCloud's v2 request and response bodies.

One schema per body shape, nested schemas for nested objects, ``validate.OneOf`` for
enums. Request schemas are strict: a value of the wrong JSON type is an error (no
``"true"`` for a boolean, no ``1.0`` for an integer) and an unknown key is an error,
so a typo comes back as a 400 naming the field. ``Schema().load(body)`` raises
``marshmallow.ValidationError`` whose ``messages`` is ``{field: [message, ...]}``,
nested the way the body is.

PATCH schemas have no required top-level fields. Read-only fields (``id``,
``primaryAgent``, ``defaultDomain.domain``...) are accepted, because JumpCloud's own
request tables list them as optional; the server ignores them.

Response schemas carry the fields JumpCloud documents for each object, never a
secret (``secret``, ``privateKey``, ``publicKey``, ``apiToken``, ``password``).
Every field is a stock marshmallow field or a subclass of one, so apispec can turn
these schemas into an OpenAPI document.
"""
import datetime
import ipaddress
import math
import numbers
import re

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, pre_dump, validate, validates_schema

from .errors import BadRequest
from .query import text_search, v1_body_filter

__all__ = [
    "OBJECT_ID_RE",
    "validate_object_id",
    "validate_ip_entry",
    "StrictBoolean",
    "StrictInteger",
    "StrictNumber",
    "ObjectIdString",
    "Base64String",
    "DateTimeString",
    "StrictSchema",
    # directories
    "ActiveDirectory",
    "ActiveDirectoryPatch",
    "ActiveDirectoryCreate",
    "GSuite",
    "GSuitePatch",
    "Office365",
    "Office365Patch",
    "LdapServer",
    "LdapServerPatch",
    "Directory",
    # authentication policies and IP lists
    "AuthnPolicy",
    "AuthnPolicyPatch",
    "AuthnPolicyCreate",
    "IPList",
    "IPListPatch",
    "IPListCreate",
    # Google EMM
    "Enterprise",
    "EnterpriseList",
    "EnterprisePatch",
    "EnterpriseCreate",
    "EnterpriseConnectionStatus",
    # push endpoints
    "PushEndpoint",
    "PushEndpointPatch",
    # bulk users
    "BulkUserUpdate",
    "BulkUserCreate",
    "SystemUser",
    "JobId",
    "JobWorkResult",
    # v1 search
    "SearchFilter",
    "SystemUserSearch",
    # integrations
    "AutotaskConfig",
    "AutotaskConfigPatch",
    "AutotaskConfigCreate",
    "AutotaskSettings",
    "AutotaskSettingsPatch",
    "AutotaskMapping",
    "AutotaskMappingList",
    "AutotaskMappingRequest",
    "ConnectwiseConfig",
    "ConnectwiseConfigPatch",
    "ConnectwiseConfigCreate",
    "ConnectwiseSettings",
    "ConnectwiseSettingsPatch",
    "ConnectwiseMapping",
    "ConnectwiseMappingList",
    "ConnectwiseMappingRequest",
    "SyncroConfig",
    "SyncroConfigPatch",
    "SyncroConfigCreate",
    "SyncroSettings",
    "SyncroSettingsPatch",
    "SyncroMapping",
    "SyncroMappingList",
    "SyncroMappingRequest",
    "IntegrationId",
    "ProviderIntegrationList",
    # errors
    "Error",
    "ErrorDetails",
]

# Anchored for the OpenAPI ``pattern`` (JSON Schema patterns are searched, not
# matched); Python-side checks use ``fullmatch`` so a trailing newline cannot slip
# past ``$``.
OBJECT_ID_RE = re.compile(r"^[0-9a-fA-F]{24}$")
BASE64_RE = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
_DATETIME_RE = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))?"
)


class FullMatch(validate.Regexp):
    """``validate.Regexp`` that must match the whole string (apispec still sees a Regexp).

    ``{input}`` in the error message is the offending value's ``repr``.
    """

    def _format_error(self, value):
        return self.error.format(input=repr(value), regex=self.regex.pattern)

    def __call__(self, value):
        if self.regex.fullmatch(value) is None:
            raise ValidationError(self._format_error(value))
        return value


validate_object_id = FullMatch(OBJECT_ID_RE, error="{input} is not a valid ObjectId (24 hex characters).")
validate_base64 = FullMatch(BASE64_RE, error="{input} is not a valid base64 string.")


def _validate_datetime(value):
    match = _DATETIME_RE.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month, day, hour, minute, second, off_hour, off_minute = (int(part or 0) for part in match.groups())
        datetime.datetime(year, month, day, hour, minute, min(second, 59))  # :60 is a leap second
        if off_hour > 23 or off_minute > 59:
            raise ValueError(value)
    except ValueError:
        raise ValidationError(f"{value!r} is not a valid date-time (RFC 3339).") from None
    return value


def _ip_error(entry, reason="is not an IP address, CIDR block or range"):
    return ValidationError(f"{entry!r} {reason}.")


def validate_ip_entry(entry):
    """Accept one IP list entry: an IPv4/IPv6 address, a CIDR block or an ``a - b`` range.

    Spaces around the dash of a range are optional; both ends must be addresses of the
    same family, start no greater than end. The error message quotes the entry.
    """
    if "/" in entry:
        try:
            # JumpCloud's own sample sends "123.225.10.0/32"; host bits are tolerated.
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise _ip_error(entry) from None
        return entry
    if "-" in entry:
        start_text, _, end_text = entry.partition("-")
        try:
            start = ipaddress.ip_address(start_text.strip())
            end = ipaddress.ip_address(end_text.strip())
        except ValueError:
            raise _ip_error(entry) from None
        if start.version != end.version:
            raise _ip_error(entry, "is not a valid range: both ends must be IPv4 or both IPv6")
        if start > end:
            raise _ip_error(entry, "is not a valid range: the start address is after the end address")
        return entry
    try:
        ipaddress.ip_address(entry)
    except ValueError:
        raise _ip_error(entry) from None
    return entry


# --- strict fields -----------------------------------------------------------------


class StrictBoolean(fields.Boolean):
    """A JSON boolean and nothing else: ``"true"``, ``1`` and ``"yes"`` are rejected."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value is True or value is False:
            return value
        raise self.make_error("invalid", input=value)


INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class StrictInteger(fields.Integer):
    """A JSON integer that fits in 64 bits: booleans, floats (even ``1.0``) and numeric strings are rejected."""

    def __init__(self, **kwargs):
        super().__init__(strict=True, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise self.make_error("invalid", input=value)
        if not INT64_MIN <= value <= INT64_MAX:
            raise self.make_error("too_large", input=value)
        return super()._validated(value)


class StrictNumber(fields.Float):
    """A finite JSON number, kept as sent (``99`` stays an int): booleans and strings are rejected."""

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise self.make_error("invalid", input=value)
        if not math.isfinite(value):
            raise self.make_error("special", input=value)
        return value


class ObjectIdString(fields.String):
    """A JumpCloud ObjectId: 24 hexadecimal characters.

    JumpCloud's spec types its ids as plain strings, and its own samples send
    placeholders such as ``{"defaultDomain": {"id": "{domainObjectID}"}}``, so only ids
    that must name an existing object to be processed at all (bulk user ids) use this.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, validate_object_id)


class Base64String(fields.String):
    """A ``format: byte`` id (Google EMM); a 24-hex ObjectId also matches the base64 alphabet."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"format": "byte", **kwargs.get("metadata", {})}
        super().__init__(**kwargs)
        self.validators.insert(0, validate_base64)


class DateTimeString(fields.String):
    """An RFC 3339 date-time kept as the string that was sent."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"format": "date-time", **kwargs.get("metadata", {})}
        super().__init__(**kwargs)
        self.validators.insert(0, _validate_datetime)


def _text(max_length=None, **kwargs):
    if max_length is not None:
        kwargs["validate"] = validate.Length(max=max_length)
    return fields.String(**kwargs)


def _read_only(field):
    field.metadata = {**field.metadata, "readOnly": True}
    return field


class StrictSchema(Schema):
    """Base of every jcmock schema: unknown keys are an error, not silently dropped."""

    class Meta:
        unknown = RAISE


# --- directories: Active Directory, G Suite, Office 365, LDAP ----------------------

AD_USE_CASES = ("UNSET", "TWOWAYSYNC", "JCASAUTHORITY", "ADASAUTHORITY")
LDAP_ACTIONS = ("disable", "remove")


class DefaultDomain(StrictSchema):
    """``defaultDomain`` of G Suite and Office 365: ``{id}`` sets it, ``{}`` clears it."""

    id = fields.String()
    domain = _read_only(fields.String())


class ActiveDirectory(StrictSchema):
    """``active-directory``: one Active Directory domain connection."""

    id = _read_only(fields.String())
    domain = fields.String()
    useCase = fields.String(validate=validate.OneOf(AD_USE_CASES))
    primaryAgent = _read_only(fields.String())
    delegationState = fields.String(validate=validate.OneOf(("ENABLED", "PENDING", "DISABLED")))
    groupsEnabled = StrictBoolean()
    permission = _read_only(
        fields.String(validate=validate.OneOf(("PERMISSION_UNSPECIFIED", "PERMISSION_OWNER", "PERMISSION_READ_ONLY")))
    )
    primaryImportAgent = _read_only(fields.String())
    updatedAt = DateTimeString()


class ActiveDirectoryPatch(ActiveDirectory):
    """Body of ``PATCH /activedirectories/{id}``."""


class ActiveDirectoryCreate(ActiveDirectory):
    """Body of ``POST /activedirectories`` (the spec declares no required field)."""


class GSuite(StrictSchema):
    """``gsuite``: a Google Workspace directory connection."""

    id = _read_only(fields.String())
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

    id = _read_only(fields.String())
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

    id = _read_only(fields.String())
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


# --- authentication policies ---------------------------------------------------------

AUTHN_POLICY_TYPES = ("user_portal", "application", "ldap", "admin_portal")


class AuthnPolicyMfa(StrictSchema):
    """``effect.obligations.mfa``."""

    required = StrictBoolean()


class AuthnPolicyUserVerification(StrictSchema):
    """``effect.obligations.userVerification``."""

    requirement = fields.String(validate=validate.OneOf(("none", "optional", "required")))


class AuthnPolicyMfaFactor(StrictSchema):
    """An item of ``effect.obligations.mfaFactors``."""

    type = fields.String(validate=validate.OneOf(("DURT", "WEBAUTHN", "PUSH", "DUO", "TOTP")))


class AuthnPolicyObligations(StrictSchema):
    """``effect.obligations``."""

    mfa = fields.Nested(AuthnPolicyMfa)
    userVerification = fields.Nested(AuthnPolicyUserVerification)
    mfaFactors = fields.List(fields.Nested(AuthnPolicyMfaFactor))


class AuthnPolicyHelpLink(StrictSchema):
    """``primary_help`` / ``secondary_help`` of a custom error message."""

    text = fields.String()
    url = fields.String()


class AuthnPolicyCustomErrorMessage(StrictSchema):
    """``effect.custom_error_message``."""

    enabled = StrictBoolean(required=True)
    message = fields.String(required=True)
    primary_help = fields.Nested(AuthnPolicyHelpLink)
    secondary_help = fields.Nested(AuthnPolicyHelpLink)


class AuthnPolicyEffect(StrictSchema):
    """``effect``: what the policy does when it applies."""

    action = fields.String(required=True, validate=validate.OneOf(("allow", "deny", "unknown")))
    obligations = fields.Nested(AuthnPolicyObligations)
    custom_error_message = fields.Nested(AuthnPolicyCustomErrorMessage)


class AuthnPolicyUserTarget(StrictSchema):
    """``targets.users``: user ids, or ``"ALL"``."""

    inclusions = fields.List(fields.String())


class AuthnPolicyUserGroupTarget(StrictSchema):
    """``targets.userGroups``: user group ids."""

    inclusions = fields.List(fields.String())
    exclusions = fields.List(fields.String())


class AuthnPolicyResourceTarget(StrictSchema):
    """An item of ``targets.resources``; no ``id`` targets every resource of the type."""

    id = fields.String()
    type = fields.String(required=True, validate=validate.OneOf(AUTHN_POLICY_TYPES))


class AuthnPolicyUserAttributeFilter(StrictSchema):
    """A user attribute filter (LDAP policies; only ``ldap_binding_user`` is supported)."""

    field = fields.String()
    operator = fields.String(validate=validate.OneOf(("EQ",)))
    value = fields.Raw(allow_none=True)


class AuthnPolicyUserAttributeTarget(StrictSchema):
    """``targets.userAttributes``."""

    inclusions = fields.List(fields.Nested(AuthnPolicyUserAttributeFilter))
    exclusions = fields.List(fields.Nested(AuthnPolicyUserAttributeFilter))


class AuthnPolicyTargets(StrictSchema):
    """``targets``: who and what the policy applies to."""

    users = fields.Nested(AuthnPolicyUserTarget)
    userGroups = fields.Nested(AuthnPolicyUserGroupTarget)
    resources = fields.List(fields.Nested(AuthnPolicyResourceTarget))
    userAttributes = fields.Nested(AuthnPolicyUserAttributeTarget)


class AuthnPolicy(StrictSchema):
    """``AuthnPolicy``: a conditional access policy."""

    id = _read_only(fields.String())
    name = fields.String()
    description = fields.String()
    type = fields.String(validate=validate.OneOf(AUTHN_POLICY_TYPES), metadata={"default": "user_portal"})
    disabled = StrictBoolean()
    effect = fields.Nested(AuthnPolicyEffect)
    targets = fields.Nested(AuthnPolicyTargets)
    # A small expression language ({"not": {"ipAddressIn": [...]}}, {"all": [...]}...)
    # that JumpCloud itself declares as a free object.
    conditions = fields.Dict()


class AuthnPolicyPatch(AuthnPolicy):
    """Body of ``PATCH /authn/policies/{id}``."""


class AuthnPolicyCreate(AuthnPolicy):
    """Body of ``POST /authn/policies`` (the spec declares no required top-level field).

    A policy created without ``type`` is a ``user_portal`` one, the reference's default.
    """

    type = fields.String(validate=validate.OneOf(AUTHN_POLICY_TYPES), load_default="user_portal")


# --- IP lists ------------------------------------------------------------------------


def _ip_entries():
    return fields.List(
        fields.String(validate=validate_ip_entry),
        metadata={"description": "IPv4/IPv6 addresses, CIDR blocks or 'a - b' ranges."},
    )


class IPList(StrictSchema):
    """``IPList``."""

    id = fields.String()
    name = fields.String()
    description = fields.String()
    ips = _ip_entries()


class IPListPatch(StrictSchema):
    """Body of ``PATCH /iplists/{id}`` (``IPListRequest``)."""

    name = fields.String()
    description = fields.String()
    ips = _ip_entries()


class IPListCreate(IPListPatch):
    """Body of ``POST /iplists`` and ``PUT /iplists/{id}`` (full replace): ``name`` is required."""

    name = fields.String(required=True)


# --- Google EMM ----------------------------------------------------------------------


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


# --- push endpoints ------------------------------------------------------------------


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


# --- bulk users and v1 system users --------------------------------------------------

_RESTRICTABLE_USER_FIELDS = (
    "addresses", "company", "costCenter", "department", "description", "displayname", "email",
    "employeeIdentifier", "employeeType", "firstname", "jobTitle", "lastname", "location",
    "middlename", "password", "phoneNumbers", "sudo", "username",
)


class UserAddress(StrictSchema):
    """An item of a system user's ``addresses``."""

    type = _text(1024)
    poBox = _text(1024)
    extendedAddress = _text(1024)
    streetAddress = _text(1024)
    locality = _text(1024)
    region = _text(1024)
    postalCode = _text(1024)
    country = _text(1024)


class UserPhoneNumber(StrictSchema):
    """An item of a system user's ``phoneNumbers``."""

    type = _text(1024)
    number = _text(1024)


class UserAttribute(StrictSchema):
    """An item of a system user's custom ``attributes``."""

    name = fields.String()
    value = _text(1024)


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
    id = _text(24)
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


class _SystemUserAttributes(StrictSchema):
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
    company = _text(1024)
    costCenter = _text(1024)
    delegatedAuthority = fields.Nested(UserDelegatedAuthority, allow_none=True)
    department = _text(1024)
    description = _text(1024)
    disableDeviceMaxLoginAttempts = StrictBoolean()
    displayname = _text(1024)
    email = _text(1024)
    employeeIdentifier = _text(256)
    employeeType = _text(1024)
    enable_managed_uid = StrictBoolean()
    enable_user_portal_multifactor = StrictBoolean()
    external_dn = fields.String()
    external_source_type = fields.String()
    externally_managed = StrictBoolean()
    firstname = _text(1024)
    jobTitle = _text(1024)
    lastname = _text(1024)
    ldap_binding_user = StrictBoolean()
    location = _text(1024)
    managedAppleId = _text(1024)
    manager = fields.String(metadata={"description": "Id of the system user who manages this one."})
    mfa = fields.Nested(UserMfa)
    middlename = _text(1024)
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
    username = _text(1024)


class BulkUserUpdate(_SystemUserAttributes):
    """One item of ``PATCH /bulk/users``: the user's ``id`` plus any v1 attribute to change."""

    id = ObjectIdString(required=True)
    organization = fields.String()
    external_password_expiration_date = fields.String()
    state = fields.String(validate=validate.OneOf(("ACTIVATED", "SUSPENDED")))


class BulkUserCreate(_SystemUserAttributes):
    """One item of ``POST /bulk/users``: a new v1 system user (``username`` and ``email`` required)."""

    email = _text(1024, required=True)
    username = _text(1024, required=True)
    activated = StrictBoolean()
    external_password_expiration_date = DateTimeString()
    recoveryEmail = fields.Nested(UserRecoveryEmail)
    state = fields.String(validate=validate.OneOf(("STAGED", "ACTIVATED", "SUSPENDED")))


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


# --- v1 search: POST /api/search/systemusers (jcapiv1 SearchApi, its Search model) -----
# These load into the predicates of jcmock.query, which the v1 list shares.


class V1Filter(fields.Raw):
    """A search body's ``filter``: query expressions (a list, or ``{"and"|"or": [...]}``) or a v1 filter string."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}},
                                        {"type": "object"}], **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return v1_body_filter(value)
        except BadRequest as exc:
            raise ValidationError(exc.message) from None


class SearchTerms(fields.Raw):
    """``searchTerm``: a string, or a non-empty list of strings any of which may match; loads as a list."""

    def __init__(self, **kwargs):
        kwargs["metadata"] = {"oneOf": [{"type": "string"}, {"type": "array", "minItems": 1,
                                                             "items": {"type": "string"}}], **kwargs.get("metadata", {})}
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and value and all(isinstance(term, str) for term in value):
            return value
        raise ValidationError("Must be a string or a non-empty list of strings.")


class SearchFilter(StrictSchema):
    """``searchFilter``: a partial, case-insensitive match of ``searchTerm`` in any of ``fields``; loads as a predicate."""

    searchTerm = SearchTerms(required=True)
    search_fields = fields.List(fields.String(validate=validate.Length(min=1)), required=True,
                                validate=validate.Length(min=1), data_key="fields")

    @post_load
    def _predicate(self, data, **kwargs):
        return text_search(data["searchTerm"], data["search_fields"])


class SystemUserSearch(StrictSchema):
    """Body of ``POST /api/search/systemusers``: a user must match ``filter`` and ``searchFilter``."""

    filter = V1Filter()
    searchFilter = fields.Nested(SearchFilter)
    projection = fields.String(data_key="fields", metadata={"description": "Space-separated fields to return."})


# --- MSP integrations: Autotask, ConnectWise, Syncro ---------------------------------


class AutotaskConfig(StrictSchema):
    """``AutotaskIntegration`` (the ``secret`` is write-only)."""

    id = fields.String(required=True)
    username = fields.String(required=True)
    isMspAuthConfigured = StrictBoolean()


class AutotaskConfigPatch(StrictSchema):
    """Body of ``PATCH /integrations/autotask/{UUID}``."""

    username = fields.String()
    secret = fields.String(metadata={"writeOnly": True})


class AutotaskConfigCreate(StrictSchema):
    """Body of ``POST /providers/{provider_id}/integrations/autotask`` (``AutotaskIntegrationReq``)."""

    username = fields.String(required=True)
    secret = fields.String(required=True, metadata={"writeOnly": True})


class ConnectwiseConfig(StrictSchema):
    """``ConnectwiseIntegration`` (``publicKey`` and ``privateKey`` are write-only)."""

    id = fields.String(required=True)
    companyId = fields.String(required=True)
    url = fields.String(required=True)
    isMspAuthConfigured = StrictBoolean()


class ConnectwiseConfigPatch(StrictSchema):
    """Body of ``PATCH /integrations/connectwise/{UUID}``."""

    companyId = fields.String()
    url = fields.String()
    publicKey = fields.String(metadata={"writeOnly": True})
    privateKey = fields.String(metadata={"writeOnly": True})


class ConnectwiseConfigCreate(StrictSchema):
    """Body of ``POST /providers/{provider_id}/integrations/connectwise`` (``ConnectwiseIntegrationReq``)."""

    companyId = fields.String(required=True)
    url = fields.String(required=True)
    publicKey = fields.String(required=True, metadata={"writeOnly": True})
    privateKey = fields.String(required=True, metadata={"writeOnly": True})


class SyncroConfig(StrictSchema):
    """``SyncroIntegration`` (the ``apiToken`` is write-only)."""

    id = fields.String(required=True)
    subdomain = fields.String(required=True)
    isMspAuthConfigured = StrictBoolean()


class SyncroConfigPatch(StrictSchema):
    """Body of ``PATCH /integrations/syncro/{UUID}``."""

    subdomain = fields.String()
    apiToken = fields.String(metadata={"writeOnly": True})


class SyncroConfigCreate(StrictSchema):
    """Body of ``POST /providers/{provider_id}/integrations/syncro`` (``SyncroIntegrationReq``)."""

    subdomain = fields.String(required=True)
    apiToken = fields.String(required=True, metadata={"writeOnly": True})


class AutotaskSettings(StrictSchema):
    """``AutotaskSettings``."""

    automaticTicketing = StrictBoolean()
    companyTypeIds = fields.List(StrictInteger())


class ConnectwiseSettings(AutotaskSettings):
    """``ConnectWiseSettings``: the same two settings as Autotask."""


class SyncroSettings(StrictSchema):
    """``SyncroSettings``: Syncro has only automatic ticketing."""

    automaticTicketing = StrictBoolean()


class AutotaskSettingsPatch(StrictSchema):
    """Body of ``PATCH /integrations/autotask/{UUID}/settings``."""

    automaticTicketing = StrictBoolean()
    companyTypeIds = fields.List(
        StrictInteger(), validate=validate.Length(max=150, error="Must not contain more than {max} items.")
    )


class ConnectwiseSettingsPatch(AutotaskSettingsPatch):
    """Body of ``PATCH /integrations/connectwise/{UUID}/settings``."""


class SyncroSettingsPatch(StrictSchema):
    """Body of ``PATCH /integrations/syncro/{UUID}/settings``."""

    automaticTicketing = StrictBoolean()


class MappingOrganization(StrictSchema):
    """``organization`` of a mapping item: the JumpCloud organization, the mapping's key.

    ``name`` is required unless the item deletes the mapping (checked by the item).
    """

    id = fields.String(required=True, validate=validate.Length(min=1))
    name = fields.String()


class MappingCompany(StrictSchema):
    """``company`` of a mapping item: the vendor-side company."""

    id = fields.String(required=True)
    name = fields.String(required=True)


class MappingOptionalRef(StrictSchema):
    """An optional vendor object (contract, agreement, addition) referenced by a mapping."""

    id = fields.String(allow_none=True)
    name = fields.String(allow_none=True)


class AutotaskMappingService(MappingOptionalRef):
    """``service`` of an Autotask mapping item."""

    nonBillableUsers = StrictInteger(allow_none=True)


class _MappingItem(StrictSchema):
    """One ``data[]`` item: upsert the mapping of ``organization.id``, or remove it with ``delete``."""

    organization = fields.Nested(MappingOrganization, required=True)
    company = fields.Nested(
        MappingCompany, metadata={"description": "Required unless the item has delete: true."}
    )
    delete = StrictBoolean()

    # JumpCloud's own delete examples send only {delete, organization: {id}}, so company
    # and organization.name are required for upserts only. Runs despite field errors so
    # that one answer lists every problem of the item, unless ``delete`` itself was
    # invalid: then whether the item is an upsert is unknown.
    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _require_upsert_fields(self, data, original, **kwargs):
        if not isinstance(original, dict):
            return  # the item's own type error is already reported
        if data.get("delete") is True or ("delete" in original and "delete" not in data):
            return
        errors = {}
        if "company" not in data:
            errors["company"] = ["Missing data for required field."]
        organization = data.get("organization")
        if organization is not None and "name" not in organization:
            errors["organization"] = {"name": ["Missing data for required field."]}
        if errors:
            raise ValidationError(errors)


class AutotaskMappingItem(_MappingItem):
    """An item of ``AutotaskMappingRequest.data``."""

    contract = fields.Nested(MappingOptionalRef)
    service = fields.Nested(AutotaskMappingService)


class ConnectwiseMappingItem(_MappingItem):
    """An item of ``ConnectWiseMappingRequest.data``."""

    agreement = fields.Nested(MappingOptionalRef)
    addition = fields.Nested(MappingOptionalRef)


class SyncroBillingNumber(StrictSchema):
    """A protobuf-style number value (``{kind, numberValue}``)."""

    kind = fields.String()
    numberValue = StrictNumber()


class SyncroBillingString(StrictSchema):
    """A protobuf-style string value (``{kind, stringValue}``)."""

    kind = fields.String()
    stringValue = fields.String()


class SyncroBillingFields(StrictSchema):
    """``billingConfigurations.fields`` of a Syncro mapping item."""

    schedule_id = fields.Nested(SyncroBillingNumber)
    schedule_name = fields.Nested(SyncroBillingString)
    line_item_id = fields.Nested(SyncroBillingNumber)
    line_item_name = fields.Nested(SyncroBillingString)


class SyncroBillingConfigurations(StrictSchema):
    """``billingConfigurations`` of a Syncro mapping item."""

    fields = fields.Nested(SyncroBillingFields)


class SyncroMappingItem(_MappingItem):
    """An item of ``SyncroMappingRequest.data``."""

    billingConfigurations = fields.Nested(SyncroBillingConfigurations)


def _mapping_data(item_schema):
    return fields.List(
        fields.Nested(item_schema),
        required=True,
        validate=validate.Length(min=1, error="Must contain at least one mapping."),
    )


class AutotaskMappingRequest(StrictSchema):
    """Body of ``PATCH /integrations/autotask/{UUID}/mappings``."""

    data = _mapping_data(AutotaskMappingItem)


class ConnectwiseMappingRequest(StrictSchema):
    """Body of ``PATCH /integrations/connectwise/{UUID}/mappings``."""

    data = _mapping_data(ConnectwiseMappingItem)


class SyncroMappingRequest(StrictSchema):
    """Body of ``PATCH /integrations/syncro/{UUID}/mappings``."""

    data = _mapping_data(SyncroMappingItem)


class MappingRef(StrictSchema):
    """``{id, name}`` of an object in a stored mapping (ids may be null where the request allowed it)."""

    id = fields.String(allow_none=True)
    name = fields.String(allow_none=True)


class AutotaskMappingServiceRef(MappingRef):
    """``service`` of a stored Autotask mapping."""

    nonBillableUsers = StrictInteger(allow_none=True)


class AutotaskMapping(StrictSchema):
    """A record of ``GET /integrations/autotask/{UUID}/mappings``."""

    organization = fields.Nested(MappingRef)
    company = fields.Nested(MappingRef)
    contract = fields.Nested(MappingRef)
    service = fields.Nested(AutotaskMappingServiceRef)
    lastSyncStatus = fields.String()
    lastSyncDateTime = fields.String()


class ConnectwiseMapping(StrictSchema):
    """A record of ``GET /integrations/connectwise/{UUID}/mappings``."""

    organization = fields.Nested(MappingRef)
    company = fields.Nested(MappingRef)
    agreement = fields.Nested(MappingRef)
    addition = fields.Nested(MappingRef)
    lastSyncStatus = fields.String()
    lastSyncDateTime = fields.String()


class SyncroMapping(StrictSchema):
    """A record of ``GET /integrations/syncro/{UUID}/mappings``."""

    organization = fields.Nested(MappingRef)
    company = fields.Nested(MappingRef)


class AutotaskMappingList(StrictSchema):
    """``AutotaskRetrieveMappingsResponse``."""

    records = fields.List(fields.Nested(AutotaskMapping))
    totalCount = StrictNumber()


class ConnectwiseMappingList(StrictSchema):
    """``ConnectwiseRetrieveMappingsResponse``."""

    records = fields.List(fields.Nested(ConnectwiseMapping))
    totalCount = StrictNumber()


class SyncroMappingList(StrictSchema):
    """``SyncroRetrieveMappingsResponse``."""

    records = fields.List(fields.Nested(SyncroMapping))
    totalCount = StrictNumber()


class IntegrationId(StrictSchema):
    """``IntegrationCreateResponse``: the answer to creating an integration."""

    integrationId = fields.String(required=True)


class ProviderIntegration(StrictSchema):
    """A record of ``GET /providers/{provider_id}/integrations``."""

    integrationId = fields.String()
    type = fields.String(validate=validate.OneOf(("autotask", "connectwise", "syncro")))


class ProviderIntegrationList(StrictSchema):
    """``IntegrationsResponse``."""

    records = fields.List(fields.Nested(ProviderIntegration))
    totalCount = StrictInteger()


# --- errors --------------------------------------------------------------------------


class Error(StrictSchema):
    """``Error``: the body of 401/403/404/409/410/500 answers."""

    code = StrictInteger(metadata={"format": "int32"})
    message = fields.String()
    status = fields.String()


class ErrorDetails(Error):
    """``ErrorDetails``: the body of a 400 answer (``details`` follow google.rpc shapes)."""

    details = fields.List(fields.Dict())
