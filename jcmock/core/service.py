"""What a service declares: the values and functions the neutral core needs to serve one API.

A service (JumpCloud, Okta, SCIM) is a folder under ``jcmock/`` whose ``service.py`` builds one
``Service``. The core never imports a service: ``jcmock/services.py`` lists them and hands them to
``create_app``. Every neutral concern (auth, tenants, errors, journal, faults, record and replay,
in-process hosts, the OpenAPI document, the admin API) asks the service of the request's path.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class OpenApiInfo:
    """How the service's OpenAPI document differs from another's.

    - ``parameters``: query parameter schemas by name, for views documented with ``query=(...)``.
    - ``headers(path)``: header parameters of an operation (a tenant header, say).
    - ``errors(path, has_body)``: ``{status: (description, marshmallow schema)}`` an operation may answer.
    """

    title: str
    description: str
    security_scheme: dict                   # an OpenAPI securityScheme object
    path: str | None = None                 # where the service itself serves its document (public)
    parameters: Mapping[str, dict] = field(default_factory=dict)
    headers: Callable[[str], list] = lambda path: []
    errors: Callable[[str, bool], dict] = lambda path, has_body: {}
    tag: Callable[[str], str] = lambda path: path.strip("/").split("/")[-1]


@dataclass(frozen=True)
class Service:
    """One mocked API. Functions receive plain values, so live requests, cassette seeding and
    in-process calls share them.

    - ``prefixes``: the URL prefixes it owns; the longest match (at a segment boundary) picks the
      service of a request. A ``*`` segment matches any one segment (``/*/scim``).
    - ``authenticate(headers, accepted)``: raise the service's own ApiError when the credential is
      missing or not in ``accepted`` (an empty tuple accepts any non-empty one).
    - ``tenant(path, headers, host)``: the tenant the request names, or None for the default;
      raise an ApiError (400) when it is malformed.
    - ``make_backend(store, fixtures, ids)``: the domain object; ``store`` is this service's
      namespace of the one store, ``ids`` the app's seedable ``IdFactory``. It must offer
      ``ensure_tenant(tenant)`` (raise NotFound, or create it), ``reset()``, ``default_tenant``.
    - ``load_fixtures(path_or_None)``: the service's fixtures (None: the bundled ones); the object
      has ``manifest()`` (the ids of ``GET /__jcmock__/fixtures/<service>``).
    - ``error_body(error)``: the JSON body of an ApiError (code, message, details, extra).
    - ``decorate(response)``: optional, called on every answer of the service (Okta's rate-limit
      headers, say).
    - ``redact_body(document)``: optional, ``(document, changed)`` with the secrets that names alone
      cannot find redacted (Okta's hook ``channel.config.authScheme.value``); record and the journal
      call it after the name-based redaction.
    - ``adapt_error(error)``: optional, the ApiError to answer instead of one the core raised
      (Okta answers a wrong content type with 400, not 415); its ``code`` is the status.
    """

    name: str
    prefixes: tuple[str, ...]
    blueprints: tuple
    make_backend: Callable[[Any, Any, Any], Any]
    load_fixtures: Callable[[Any], Any]
    authenticate: Callable[[Mapping[str, str], tuple], None]
    tenant: Callable[[str, Mapping[str, str], str], str | None]
    error_body: Callable[[Any], dict]
    openapi: OpenApiInfo
    content_type: str = "application/json"
    hosts: tuple[str, ...] = ()             # in-process: regexes of the origins it answers for
    default_base_url: str | None = None     # in-process default origin
    upstream: str | None = None             # record: the real API's default base URL
    secret_headers: frozenset = frozenset()
    secret_fields: frozenset = frozenset()
    secret_params: frozenset = frozenset()
    public_paths: frozenset = frozenset()
    decorate: Callable[[Any], Any] | None = None
    adapt_error: Callable[[Any], Any] | None = None
    redact_body: Callable[[Any], tuple[Any, bool]] | None = None  # secrets at paths, under ordinary names
    extra: Mapping[str, Any] = field(default_factory=dict)
