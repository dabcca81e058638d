"""Which service a URL path belongs to: the longest declared prefix, matched whole segments at a time."""
from __future__ import annotations

import importlib
import pkgutil
import re

from flask import Blueprint

from .service import Service


def blueprints_of(package):
    """Every Blueprint defined in the modules of ``package`` (a service's ``api``), in module order:
    a new module is served without a list to update."""
    found = []
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        module = importlib.import_module(f"{package}.{info.name}")
        found.extend(v for v in vars(module).values() if isinstance(v, Blueprint) and v.import_name == module.__name__)
    return tuple(found)


class ServiceMap:
    """The services one app serves, in order (the first is the primary one)."""

    def __init__(self, services):
        self.services: tuple[Service, ...] = tuple(services)
        if not self.services:
            raise ValueError("an app serves at least one service")
        names = [s.name for s in self.services]
        if len(set(names)) != len(names):
            raise ValueError(f"services named twice: {names}")
        self.by_name = {s.name: s for s in self.services}
        # Longest first, literal segments before wildcards of the same length.
        self._prefixes = sorted(
            ((tuple(p.strip("/").split("/")), s) for s in self.services for p in s.prefixes),
            key=lambda entry: (-len(entry[0]), entry[0].count("*")),
        )

    @property
    def primary(self) -> Service:
        return self.services[0]

    def __iter__(self):
        return iter(self.services)

    def __getitem__(self, name) -> Service:
        try:
            return self.by_name[name]
        except KeyError:
            raise KeyError(f"no service {name!r}; this app serves {', '.join(self.by_name)}") from None

    def match(self, path: str) -> tuple[Service, str] | tuple[None, None]:
        """``(service, the prefix as matched in path)``, or ``(None, None)`` outside every service."""
        segments = path.strip("/").split("/")
        for prefix, service in self._prefixes:
            if len(segments) >= len(prefix) and all(p in ("*", s) for p, s in zip(prefix, segments)):
                return service, "/" + "/".join(segments[:len(prefix)])
        return None, None

    def for_path(self, path: str) -> Service | None:
        return self.match(path)[0]

    def check_rules(self, app):
        """Refuse to start when a route sits under another service's prefix (it would never be reached)."""
        owners = {bp.name: s for s in self.services for bp in s.blueprints}
        for rule in app.url_map.iter_rules():
            blueprint = rule.endpoint.rpartition(".")[0]
            declared = owners.get(blueprint)
            if declared is None:
                continue
            reached = self.for_path(_sample_path(rule.rule))
            if reached is not declared:
                raise ValueError(
                    f"route {rule.rule} of service {declared.name} is under "
                    f"{'no prefix of it' if reached is None else f'the prefix of service {reached.name}'}"
                )


def _sample_path(rule: str) -> str:
    """A concrete path a URL rule matches, for the prefix check: each variable becomes one segment."""
    return re.sub(r"<[^>]+>", "x", rule)
