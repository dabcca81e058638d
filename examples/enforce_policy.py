"""Enforce a user lockout policy on every JumpCloud directory, and replace an IP allow-list.

For each G Suite, Office 365 and LDAP directory the organization has, this sets what
happens to a user who is locked out of JumpCloud or whose password expires
(``userLockoutAction`` and ``userPasswordExpirationAction``, both set to the same action).
With ``--iplist-id`` and ``--allow-ip`` it also replaces the entries of that IP list.
It prints one line per change, and stops with exit status 1 and a clear message when
the API refuses a request.

LDAP servers have their own actions, ``disable`` and ``remove``, so ``--lockout-action``
maps onto them:

- ``suspend``: G Suite and Office 365 get ``suspend``, LDAP servers get ``disable``
  (the closer match to suspending: ``remove`` takes the user out of LDAP altogether).
- ``maintain``: G Suite and Office 365 get ``maintain``; LDAP servers are left unchanged.
  ``maintain`` keeps the user's account usable, and LDAP has no action that does that
  (both cut the user off), so the script leaves the LDAP servers as their admins set
  them and says so on stderr.

Example::

    export JUMPCLOUD_API_KEY=...
    python enforce_policy.py --lockout-action suspend \\
        --iplist-id 5c7d8e9f0a1b2c3d4e5f6071 --allow-ip 203.0.113.10 --allow-ip 198.51.100.0/24
"""
import argparse
import os
import sys
import time

import requests

DEFAULT_BASE_URL = "https://console.jumpcloud.com"
LOCKOUT_ACTIONS = ("suspend", "maintain")
LDAP_ACTIONS = {"suspend": "disable", "maintain": None}
DIRECTORY_PATHS = {
    "g_suite": "/api/v2/gsuites/{id}",
    "office_365": "/api/v2/office365s/{id}",
    "ldap_server": "/api/v2/ldapservers/{id}",
}
PAGE_SIZE = 100
RETRY_STATUSES = (429, 503)
# A response cut short is a dropped connection too; every call this script retries is
# idempotent (GETs, and PATCHes that set fields to fixed values), so resending is safe.
RETRY_EXCEPTIONS = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError, requests.Timeout)


class JumpCloudError(Exception):
    """A request JumpCloud refused, or one that kept failing."""


class ApiError(JumpCloudError):
    """JumpCloud answered an error status (a 4xx other than 429, or a 5xx other than 503)."""

    def __init__(self, method, path, status, message):
        super().__init__(f"{method} {path} failed with {status}: {message}")
        self.status = status


class RetriesExhausted(JumpCloudError):
    """Every attempt at a request hit a 429, a 503 or a connection error."""


class JumpCloudClient:
    """A ``requests.Session`` for one JumpCloud organization, with retries.

    A request answered 429 or 503, or whose connection failed, is sent again up to
    ``attempts`` times in all. Before each retry it waits ``backoff`` seconds, doubled
    at each retry, or what ``Retry-After`` asks for; never more than ``max_wait``.
    ``sleep`` does the waiting, so tests can pass one that returns at once.
    """

    def __init__(self, base_url=DEFAULT_BASE_URL, api_key="", org_id=None, *, attempts=5, backoff=0.5,
                 max_wait=30.0, timeout=30.0, sleep=time.sleep, session=None):
        self.base_url = base_url.rstrip("/")
        self.attempts = attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.timeout = timeout
        self.sleep = sleep
        self.session = session or requests.Session()
        self.session.headers.update({"x-api-key": api_key, "Accept": "application/json"})
        if org_id:
            self.session.headers["x-org-id"] = org_id

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.session.close()

    def get(self, path, **params):
        """GET ``path`` and return the JSON answer."""
        return self.request("GET", path, params=params).json()

    def patch(self, path, body):
        """PATCH ``path`` with a JSON body and return the JSON answer."""
        return self.request("PATCH", path, json=body).json()

    def request(self, method, path, **kwargs):
        """Send one request with retries; return the response, or raise a ``JumpCloudError``."""
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.session.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
            except RETRY_EXCEPTIONS as exc:
                failure, response = f"{type(exc).__name__}: {exc}", None
            else:
                if response.status_code not in RETRY_STATUSES:
                    break
                failure = f"{response.status_code} {error_message(response)}"
            if attempt == self.attempts:
                raise RetriesExhausted(f"{method} {path} still failing after {attempt} attempts: {failure}")
            self.sleep(self.wait_before_retry(attempt, response))
        if response.status_code >= 400:
            raise ApiError(method, path, response.status_code, error_message(response))
        return response

    def wait_before_retry(self, attempt, response=None):
        """Seconds to wait after failed attempt number ``attempt`` (1 for the first)."""
        retry_after = response.headers.get("Retry-After") if response is not None else None
        try:
            wait = float(retry_after)
        except (TypeError, ValueError):
            # No Retry-After, or an HTTP date: back off exponentially.
            wait = self.backoff * 2 ** (attempt - 1)
        return min(max(wait, 0.0), self.max_wait)


def error_message(response):
    """The ``message`` of a JumpCloud error body, or the start of whatever the body is."""
    try:
        return str(response.json()["message"])
    except (ValueError, KeyError, TypeError):
        return response.text[:200] or response.reason


def list_directories(client):
    """Every directory of the organization (``{id, name, type}``), page by page."""
    skip = 0
    while True:
        page = client.get("/api/v2/directories", limit=PAGE_SIZE, skip=skip)
        yield from page
        if len(page) < PAGE_SIZE:
            return
        skip += PAGE_SIZE


def lockout_body(directory_type, action):
    """The PATCH body that applies ``action`` to a directory of this type, or None to leave it alone."""
    if directory_type == "ldap_server":
        action = LDAP_ACTIONS[action]
    if action is None:
        return None
    return {"userLockoutAction": action, "userPasswordExpirationAction": action}


def enforce_lockout(client, action, out=print):
    """Apply the lockout ``action`` to every G Suite, Office 365 and LDAP directory."""
    for directory in list_directories(client):
        path = DIRECTORY_PATHS.get(directory["type"])
        if path is None:
            continue  # Active Directory and other kinds have no lockout actions
        body = lockout_body(directory["type"], action)
        if body is None:
            print(f"{directory['type']} {directory['name']} ({directory['id']}): left unchanged, "
                  f"LDAP has no {action!r} action", file=sys.stderr)
            continue
        updated = client.patch(path.format(id=directory["id"]), body)
        out(f"{directory['type']} {directory['name']} ({directory['id']}): "
            f"userLockoutAction={updated['userLockoutAction']}, "
            f"userPasswordExpirationAction={updated['userPasswordExpirationAction']}")


def update_iplist(client, iplist_id, ips, out=print):
    """Replace the entries of IP list ``iplist_id`` with ``ips``."""
    updated = client.patch(f"/api/v2/iplists/{iplist_id}", {"ips": list(ips)})
    out(f"iplist {updated['name']} ({updated['id']}): ips={', '.join(updated['ips'])}")


def enforce(client, lockout_action="suspend", iplist_id=None, ips=(), out=print):
    """Enforce the lockout policy everywhere, then replace the IP list's entries if one is given."""
    enforce_lockout(client, lockout_action, out)
    if iplist_id:
        update_iplist(client, iplist_id, ips, out)


def parse_args(argv=None):
    """The command line as a namespace; usage errors exit with status 2, as argparse does."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default=DEFAULT_BASE_URL, help="API base URL [%(default)s]")
    parser.add_argument("--api-key", default=os.environ.get("JUMPCLOUD_API_KEY"),
                        help="API key [the JUMPCLOUD_API_KEY environment variable]")
    parser.add_argument("--org-id", help="organization to act in (x-org-id), for multi-tenant admins")
    parser.add_argument("--lockout-action", choices=LOCKOUT_ACTIONS, default="suspend",
                        help="what happens to locked-out users and expired passwords [%(default)s]; "
                             "LDAP servers get disable for suspend, and are left alone for maintain")
    parser.add_argument("--iplist-id", help="IP list whose entries --allow-ip replaces")
    parser.add_argument("--allow-ip", action="append", default=[], metavar="IP",
                        help="address, CIDR block or 'a - b' range to allow (repeatable)")
    args = parser.parse_args(argv)
    if not args.api_key:
        parser.error("no API key: pass --api-key or set JUMPCLOUD_API_KEY")
    # An IP list with no entries would lock everyone out of what it guards: refuse to empty it.
    if bool(args.iplist_id) != bool(args.allow_ip):
        parser.error("--iplist-id and --allow-ip go together")
    return args


def main(argv=None, *, sleep=time.sleep):
    """Run the script; returns the exit status (0, or 1 when JumpCloud refused a request)."""
    args = parse_args(argv)
    with JumpCloudClient(args.base_url, args.api_key, args.org_id, sleep=sleep) as client:
        try:
            enforce(client, args.lockout_action, args.iplist_id, args.allow_ip)
        except (JumpCloudError, requests.RequestException) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
