"""``/api/v1/domains``: custom domains and their certificate upsert (endpoint 14, 204 with no body)."""
import hashlib

from ..backend import utcnow
from ..resources import Resource
from ..schemas.domains import CreateDomain, DomainBrand, DomainCertificate
from . import OktaBlueprint, backend, body, no_content, render, tenant
from .views import register, renderer

bp = OktaBlueprint("okta_domains", __name__)


def _new_domain(backend, tenant, doc):
    doc.update({"validationStatus": "NOT_STARTED", "brandId": None, "dnsRecords": [
        {"fqdn": f"_oktaverification.{doc['domain']}", "values": [backend.ids.token(32)], "recordType": "TXT"},
        {"fqdn": doc["domain"], "values": [f"{tenant.split('.')[0]}.customdomains.okta.com"], "recordType": "CNAME"},
    ]})


def _brand_exists(backend, tenant, stored, fields):
    backend.find(tenant, "brands", fields["brandId"], "Brand")


DOMAINS = Resource(
    kind="domains", type_name="Domain", path="/domains", id_param="domainId", create=CreateDomain(),
    replace=DomainBrand(), create_status=201, listing=False, initial_status=None,
    on_create=_new_domain, before_replace=_brand_exists,
)
register(bp, DOMAINS)
domain_json = renderer(DOMAINS)
CERTIFICATE = DomainCertificate()


@bp.get("/domains")
def list_custom_domains():
    """Unlike every other list, an object: ``{"domains": [...]}``."""
    return render({"domains": [domain_json(d) for d in backend().all(tenant(), "domains")]})


@bp.put("/domains/<domainId>/certificate")
def upsert_certificate(domainId):
    """Creates or renews the MANUAL certificate; the PEM itself is stored, metadata derived from it."""
    backend().find(tenant(), "domains", domainId, "Domain")
    fields, _ = body(CERTIFICATE)
    fingerprint = hashlib.sha256(fields["certificate"].encode()).hexdigest().upper()

    def install(domain):
        return {**domain, "certificateSourceType": "MANUAL", "__certificate": fields, "lastUpdated": utcnow(),
                "publicCertificate": {"subject": f"CN={domain['domain']}",
                                      "fingerprint": ":".join(fingerprint[i:i + 2] for i in range(0, 64, 2)),
                                      "expiration": "2027-12-31T00:00:00.000Z"}}
    backend().store.update(tenant(), "domains", domainId, install)
    return no_content()


@bp.post("/domains/<domainId>/verify")
def verify_domain(domainId):
    """The mock's DNS always checks out."""
    backend().find(tenant(), "domains", domainId, "Domain")
    doc = backend().store.update(tenant(), "domains", domainId, lambda d: {**d, "validationStatus": "VERIFIED"})
    return render(domain_json(doc))
