"""Bodies of /api/v2/integrations/{autotask,connectwise,syncro} and /api/v2/providers/{id}/integrations."""

from marshmallow import ValidationError, fields, validate, validates_schema

from ...core.fields import StrictBoolean, StrictInteger, StrictNumber, StrictSchema


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
