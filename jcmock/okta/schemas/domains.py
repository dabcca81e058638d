"""Bodies of ``/api/v1/domains``: a custom domain, its brand, its certificate (endpoint 14)."""
from .common import OktaSchema, enum, text


class CreateDomain(OktaSchema):
    domain = text(required=True, min_length=3, max_length=253)
    certificateSourceType = enum(("MANUAL", "OKTA_MANAGED"), required=True)


class DomainBrand(OktaSchema):
    brandId = text(required=True)


class DomainCertificate(OktaSchema):
    type = enum(("PEM",), required=True)
    certificate = text(required=True, min_length=1)
    certificateChain = text(required=True, min_length=1)
    privateKey = text(required=True, min_length=1)
