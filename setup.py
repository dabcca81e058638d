"""The bundled fixtures stay in the top-level fixtures/ folder, where users read and edit them,
and ship inside the package as ``jcmock.bundled_fixtures`` (read with importlib.resources)."""
from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["jcmock", "jcmock.*"]), "jcmock.bundled_fixtures"],
    package_dir={"jcmock.bundled_fixtures": "fixtures"},
    package_data={"jcmock.bundled_fixtures": ["*.json", "*/*.json", "README.md"]},
)
