"""The bundled fixtures stay in the top-level fixtures/ folder, where users read and edit them,
and ship inside the package as ``jcmock.bundled_fixtures`` (read with importlib.resources):
one data package per service folder, found on disk rather than listed."""
from pathlib import Path

from setuptools import find_packages, setup

SERVICE_FIXTURES = sorted(f"jcmock.bundled_fixtures.{d.name}" for d in Path("fixtures").iterdir()
                          if d.is_dir() and not d.name.startswith(("_", ".")))

setup(
    packages=[*find_packages(include=["jcmock", "jcmock.*"]), "jcmock.bundled_fixtures", *SERVICE_FIXTURES],
    package_dir={"jcmock.bundled_fixtures": "fixtures"},
    package_data={name: ["*.json", "README.md"] for name in SERVICE_FIXTURES},
)
