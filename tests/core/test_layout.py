"""The package's shape holds: the neutral core imports no service, and every route lives where its URL says.

Issue 9: a newcomer finds an endpoint from its URL alone; adding a service means adding a folder.
"""
import ast
import importlib
import re
import sys
from pathlib import Path

import pytest
from flask import Blueprint, Flask

import jcmock
from jcmock.core.routing import ServiceMap
from jcmock.core.service import Service
from jcmock.services import SERVICES

PACKAGE = Path(jcmock.__file__).parent
NEUTRAL = ("core", "recording")
SERVICE_PACKAGES = {service.name for service in SERVICES}


def _imports(path):
    """Every module a file imports, relative imports resolved against its package."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


@pytest.mark.parametrize("folder", NEUTRAL)
def test_neutral_packages_import_no_service(folder):
    offending = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "jcmock" and len(parts) > 1 and (parts[1] in SERVICE_PACKAGES or parts[1] == "services"):
                offending.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    assert not offending


def _url_roots(module):
    """The URL roots a route module's docstring names (its first paragraph): ``/api/v2/iplists``, ``/gsuites``."""
    first = (module.__doc__ or "").split("\n\n")[0]
    return re.findall(r"/(?:[A-Za-z0-9_\-/<>]|\{[^}]*\})+", first)


def _root_regex(root):
    pattern = re.sub(r"\\\{[^}]*\\\}|<[^>]*>", "[^/]+", re.escape(root).replace(r"\<", "<").replace(r"\>", ">"))
    return re.compile(pattern.rstrip("/") + r"(?:/|$)")


def _strip_prefix(path, service):
    for prefix in sorted(service.prefixes, key=len, reverse=True):
        literal = prefix.replace("*", "[^/]+")
        match = re.match(literal + r"(?=/|$)", path)
        if match:
            return path[match.end():] or "/"
    return path


def test_every_route_is_declared_in_the_module_its_url_names():
    app = jcmock.create_app()
    owners = {bp.name: (service, bp) for service in SERVICES for bp in service.blueprints}
    misplaced, checked = [], 0
    for rule in app.url_map.iter_rules():
        owner = owners.get(rule.endpoint.rpartition(".")[0])
        if owner is None:
            continue
        service, blueprint = owner
        module = sys.modules[blueprint.import_name]
        assert module.__name__.startswith(f"jcmock.{service.name}."), f"{rule.rule} is served from {module.__name__}"
        path = re.sub(r"<[^>]+>", "x", rule.rule)
        roots = _url_roots(module)
        if not any(_root_regex(_strip_prefix(root, service)).match(_strip_prefix(path, service)) for root in roots):
            misplaced.append(f"{rule.rule} is declared in {module.__name__}, whose docstring names {roots}")
        checked += 1
    assert checked > 60 and not misplaced, misplaced


def _service(name, prefixes, blueprints=()):
    return Service(name=name, prefixes=prefixes, blueprints=blueprints, make_backend=None, load_fixtures=None,
                   authenticate=None, tenant=None, error_body=None, openapi=SERVICES[0].openapi)


def test_longest_prefix_picks_the_service_at_segment_boundaries():
    services = ServiceMap([_service("a", ("/api/v2", "/api")), _service("b", ("/api/v1",)),
                           _service("c", ("/scim", "/*/scim"))])
    assert services.for_path("/api/v2/iplists").name == "a"
    assert services.for_path("/api/systemusers").name == "a"
    assert services.for_path("/api/v1/users").name == "b"
    assert services.for_path("/api/v10/users").name == "a"  # a segment, not a string prefix
    assert services.for_path("/scim/v2/Users").name == "c"
    assert services.for_path("/acme/scim/Users").name == "c"
    assert services.for_path("/__jcmock__/health") is None
    assert services.for_path("/apiv2") is None


def test_app_refuses_to_start_when_a_route_sits_under_another_services_prefix():
    """A JumpCloud route under /api/v1 would be answered by Okta: the app says so instead of starting."""
    stray = Blueprint("stray", __name__)
    stray.add_url_rule("/api/v1/stray", "stray", lambda: "")
    clash = _service("clash", ("/api",), (stray,))
    okta = next(s for s in SERVICES if s.name == "okta")
    with pytest.raises(ValueError, match="/api/v1/stray of service clash is under the prefix of service okta"):
        ServiceMap([clash, okta]).check_rules(_app_with(stray))


def _app_with(blueprint):
    app = Flask("check")
    app.register_blueprint(blueprint)
    return app


def test_services_module_lists_each_service_folder_once():
    folders = {p.parent.name for p in PACKAGE.glob("*/service.py")} - set(NEUTRAL)
    assert folders == SERVICE_PACKAGES
    for name in folders:
        assert importlib.import_module(f"jcmock.{name}.service").SERVICE in SERVICES
