"""The SCIM seed data: one JSON array per resource type in ``fixtures/scim/``, named after its
endpoint (``users.json``, ``resource-types.json``), in the stored form (references as ids)."""
from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from jcmock.core.fixtures import FixtureError

from .errors import ScimError
from .resource_types import RESOURCE_TYPES, ResourceType
from .schema import read_resource

BUNDLED = Path(str(files("jcmock.bundled_fixtures"))) / "scim"


class ScimFixtures:
    """The seed resources per type name, checked against the declarations when loaded."""

    def __init__(self, resources: dict[str, list[dict]]):
        self.resources = resources

    def manifest(self) -> dict[str, list[str]]:
        """The seeded ids per endpoint, as ``GET /__jcmock__/fixtures/scim`` answers them."""
        return {rtype.endpoint.strip("/"): [doc["id"] for doc in self.resources[rtype.name]]
                for rtype in RESOURCE_TYPES}


def load(path=None) -> ScimFixtures:
    """Read a fixtures directory (None: the bundled one); FixtureError names the file at fault."""
    root = Path(path) if path is not None else BUNDLED
    if not root.is_dir():
        raise FixtureError(f"SCIM fixtures directory {root} does not exist")
    return ScimFixtures({rtype.name: _read(root / _file_name(rtype), rtype) for rtype in RESOURCE_TYPES})


def _file_name(rtype: ResourceType) -> str:
    return rtype.endpoint.strip("/").lower() + ".json"


def _read(file: Path, rtype: ResourceType) -> list[dict]:
    if not file.exists():
        return []
    try:
        docs = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FixtureError(f"{file}: {exc}")
    if not isinstance(docs, list):
        raise FixtureError(f"{file}: expected a JSON array of {rtype.name} resources")
    seen = set()
    for index, doc in enumerate(docs):
        where = f"{file}[{index}]"
        if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or doc["id"] in seen:
            raise FixtureError(f"{where}: each resource needs a unique string id")
        meta = doc.get("meta")
        stamps = ("created", "lastModified", "version")
        if not isinstance(meta, dict) or not all(isinstance(meta.get(key), str) for key in stamps):
            raise FixtureError(f"{where}: meta needs created, lastModified and version strings")
        try:
            read_resource(rtype, doc)
        except ScimError as exc:
            raise FixtureError(f"{where}: {exc.message}")
        seen.add(doc["id"])
        doc["meta"] = {"resourceType": rtype.name, **meta}
    return docs
