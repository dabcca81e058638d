"""Before each service request: the service checks the credential, then names the tenant it acts in."""
from flask import current_app, request

from .http import mock, request_state


def authenticate():
    """Authenticate with the request's service and resolve its tenant (the default when none is named)."""
    state = request_state()
    service = state.service
    if service is None or request.path in service.public_paths or request.path == service.openapi.path:
        return
    service.authenticate(request.headers, tuple(current_app.config["JCMOCK_API_KEYS"]))
    backend = mock().backends[service.name]
    tenant = service.tenant(request.path, request.headers, request.host)
    if tenant is None:
        tenant = backend.default_tenant
    backend.ensure_tenant(tenant)
    state.tenant = tenant
