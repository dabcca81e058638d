"""The one module that knows every service: the core and recording packages never import one."""
from .core import app as core_app
from .jumpcloud.service import SERVICE as JUMPCLOUD
from .okta.service import SERVICE as OKTA
from .scim.service import SERVICE as SCIM

# The first is the primary service: GET /__jcmock__/fixtures and /organizations answer for it.
SERVICES = (JUMPCLOUD, OKTA, SCIM)
BY_NAME = {service.name: service for service in SERVICES}


def select(names=None):
    """The services named (all when none are), in their declared order; ValueError for an unknown name."""
    if not names:
        return SERVICES
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        raise ValueError(f"unknown service {', '.join(unknown)}; the services are {', '.join(BY_NAME)}")
    return tuple(s for s in SERVICES if s.name in names)


def create_app(config=None, *, services=None, **kwargs):
    """A mock app of the named services (default: all), as ``jcmock.core.app.create_app``."""
    return core_app.create_app(config, services=select(services), **kwargs)
