"""The bundled Okta org (``fixtures/okta/*.json``): one consistent org, ``acme.okta.com``, per the reference.

Each file is a JSON array of documents in their stored form (``__parent`` names the objects a
nested one lives under; see ``fixtures/okta/README.md``). Every tenant is seeded with a copy.
"""
import json
from importlib.resources import files
from pathlib import Path

from .backend import KINDS, store_key

DEFAULT_DIR = Path(str(files("jcmock.bundled_fixtures"))) / "okta"


class FixtureError(ValueError):
    """Okta fixtures that cannot be loaded; the message names the file."""


class OktaFixtures:
    """Seed documents per kind; the default tenant is the org's own domain."""

    def __init__(self, objects: dict):
        if len(objects.get("org", ())) != 1:
            raise FixtureError("Okta fixtures need exactly one org in org.json")
        self.objects = objects
        self.default_tenant = f"{objects['org'][0]['subdomain']}.okta.com"

    @classmethod
    def from_dir(cls, path=None):
        """Read one JSON array per kind from ``path`` (default: the bundled org); a missing file is empty."""
        root = Path(path) if path is not None else DEFAULT_DIR
        if not root.is_dir():
            raise FixtureError(f"Okta fixtures directory {root} does not exist")
        objects = {}
        for kind in KINDS:
            file = root / f"{kind}.json"
            if not file.exists():
                continue
            try:
                docs = json.loads(file.read_text(encoding="utf-8"))
            except ValueError as error:
                raise FixtureError(f"{file} is not valid JSON: {error}") from None
            if not isinstance(docs, list) or not all(isinstance(doc, dict) for doc in docs):
                raise FixtureError(f"{file} must hold a JSON array of objects")
            try:
                objects[kind] = [doc for doc in docs if store_key(kind, doc)]
            except (KeyError, TypeError) as error:
                raise FixtureError(f"{file}: a document lacks its key field {error}") from None
        return cls(objects)

    def manifest(self):
        """The ids of ``GET /__jcmock__/fixtures/okta``: per kind, the seeded objects' store keys."""
        return {kind: [store_key(kind, doc) for doc in self.objects[kind]] for kind in KINDS if kind in self.objects}


def load_fixtures(path=None):
    """The Service's ``load_fixtures``: None loads the bundled org."""
    return OktaFixtures.from_dir(path)
