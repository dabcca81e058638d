"""Bodies of ``/api/v1/org`` (endpoint 25) and ``/org/contacts/{contactType}`` (26)."""
from .common import OktaSchema, text

ORG_FIELDS = ("companyName", "website", "phoneNumber", "endUserSupportHelpURL", "supportPhoneNumber",
              "address1", "address2", "city", "state", "country", "postalCode")


# PUT replaces: every omitted writable field becomes null; POST /org is the partial form.
OrgSetting = OktaSchema.from_dict({name: text(allow_none=True, load_default=None) for name in ORG_FIELDS},
                                  name="OrgSetting")
OrgSettingUpdate = OktaSchema.from_dict({name: text(allow_none=True) for name in ORG_FIELDS},
                                        name="OrgSettingUpdate")


class OrgContactUser(OktaSchema):
    userId = text(required=True, min_length=1)
