"""Each Okta domain is its own org. Source: issue 12, Build 4; design/services.md (tenants)."""
from okta_helpers import Client

from jcmock.okta.auth import tenant


def test_tenant_keys_are_org_domains():
    """In process the host itself; over HTTP ``<label>.localhost`` names ``<label>.okta.com``; else the default."""
    assert tenant("/api/v1/users", {}, "acme.okta.com") == "acme.okta.com"
    assert tenant("/api/v1/users", {}, "acme-admin.okta.com") == "acme.okta.com"
    assert tenant("/api/v1/users", {}, "dev-1.oktapreview.com") == "dev-1.oktapreview.com"
    assert tenant("/api/v1/users", {}, "globex.okta-emea.com") == "globex.okta-emea.com"
    assert tenant("/api/v1/users", {}, "globex.localhost:8080") == "globex.okta.com"
    assert tenant("/api/v1/users", {}, "127.0.0.1:8080") is None


def test_two_domains_never_share_state(app):
    """A group created in one org does not appear in another; each is seeded from the fixtures."""
    acme, globex = Client(app, "acme.okta.com"), Client(app, "globex.okta.com")
    created = acme.post("/api/v1/groups", json={"profile": {"name": "Acme only"}}).json
    assert globex.get(f"/api/v1/groups/{created['id']}").status_code == 404
    assert len(globex.get("/api/v1/users").json) == 10
    assert globex.get("/api/v1/org").json["subdomain"] == "globex"


def test_localhost_label_and_okta_domain_are_the_same_org(app):
    """``acme.localhost:8080`` over HTTP reaches the org ``acme.okta.com`` serves in process."""
    created = Client(app, "acme.okta.com").post("/api/v1/groups", json={"profile": {"name": "Shared"}}).json
    assert Client(app, "acme.localhost:8080").get(f"/api/v1/groups/{created['id']}").status_code == 200
