"""Before each service request: the service checks the credential, then names the tenant it acts in."""
from flask import request

from .http import mock, request_state


def authenticate():
    """Authenticate with the request's service and resolve its tenant (the default when none is named)."""
    state = request_state()
    service = state.service
    if service is None:
        return
    # One look through the ``request`` proxy, not seven.
    current = request._get_current_object()
    path = current.path
    if path in service.public_paths or path == service.openapi.path:
        return
    jcmock = mock()
    service.authenticate(current.headers, tuple(jcmock.app.config["JCMOCK_API_KEYS"]))
    backend = jcmock.backends[service.name]
    tenant = service.tenant(path, current.headers, current.host)
    if tenant is None:
        tenant = backend.default_tenant
    backend.ensure_tenant(tenant)
    state.tenant = tenant
