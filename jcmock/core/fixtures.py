"""Where a service's fixtures are: the bundled ones shipped in the package, or a folder of the user's."""
import json
from importlib.resources import files
from pathlib import Path

# The top-level fixtures/ folder, shipped inside the package (see setup.py): one folder per service.
BUNDLED = Path(str(files("jcmock.bundled_fixtures")))


class FixtureError(ValueError):
    """A fixtures directory that cannot be loaded; the message names the file."""


def fixtures_dir(root, service, *, primary=False):
    """The folder of ``service``'s fixtures: ``root/<service>/``; a ``root`` holding JSON files itself
    is the primary service's (the layout before services); no ``root`` means the bundled ones."""
    if root is None:
        return BUNDLED / service
    root = Path(root)
    if not root.is_dir():
        raise FixtureError(f"fixtures directory {root} does not exist")
    if (root / service).is_dir():
        return root / service
    if primary and any(root.glob("*.json")):
        return root
    return BUNDLED / service


def read_array(path: Path):
    """A fixture file's JSON array; a missing file is an empty one."""
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FixtureError(f"cannot read fixture file {path}: {exc}")
    if not isinstance(data, list):
        raise FixtureError(f"fixture file {path} must hold a JSON array")
    return data
