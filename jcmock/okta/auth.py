"""Okta's credentials and tenants: ``Authorization: SSWS <token>`` or ``Bearer <token>``; the org from the host.

A missing header is 403 E0000005 and a bad token 401 E0000011, as real Okta answers (reference quirk 1).

The tenant key is always an org domain: in process the request's own host (``acme.okta.com``,
``dev-1.oktapreview.com``, ``x.okta-emea.com``; an ``-admin`` host is its org's); over HTTP a
``Host: acme.localhost:8080`` names ``acme.okta.com``; any other host (``127.0.0.1``) is the default org.
"""
import re

from .errors import OktaError

SCHEMES = ("SSWS", "Bearer", "DPoP")
OKTA_HOST = re.compile(r"([a-z0-9][a-z0-9-]*?)(?:-admin)?\.(okta|oktapreview|okta-emea)\.com")
LOCAL_HOST = re.compile(r"([a-z0-9][a-z0-9-]*)\.localhost")


def credential(headers):
    """The token the request sends; 403 E0000005 without an Authorization header, 401 E0000011 if malformed."""
    value = headers.get("Authorization")
    if value is None:
        raise OktaError("E0000005")
    scheme, _, token = value.strip().partition(" ")
    if not token:
        # Okta's Python SDK 3.x sends ``SSWS<token>`` with no space (its Configuration joins them),
        # and real orgs accept it, so the scheme may run into the token.
        scheme = next((name for name in SCHEMES if value.startswith(name)), "")
        token = value[len(scheme):]
    if scheme not in SCHEMES or not token.strip():
        raise OktaError("E0000011")
    return token.strip()


def authenticate(headers, accepted):
    """The Service's ``authenticate``: any well-formed token, or one of ``accepted`` when it is not empty."""
    token = credential(headers)
    if accepted and token not in accepted:
        raise OktaError("E0000011")


def tenant(path, headers, host):
    """The Service's ``tenant``: the org domain the host names, or None for the default org."""
    name = (host or "").split(":", 1)[0].lower()
    match = OKTA_HOST.fullmatch(name)
    if match:
        return f"{match.group(1)}.{match.group(2)}.com"
    match = LOCAL_HOST.fullmatch(name)
    if match:
        return f"{match.group(1)}.okta.com"
    return None
