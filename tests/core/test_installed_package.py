"""A normal (not editable) install works outside the checkout: the bundled fixtures ship in the package.

Built once per session: the wheel from this checkout, installed into a fresh venv in a temporary
folder, then used from there the way a user would (issue 8: installed normally, jcmock did not start).
"""
import subprocess
import sys
import textwrap
import zipfile

import pytest
import requests

from helpers import REPO
from jcmock.process import JcmockProcess

USER_TEST = textwrap.dedent('''
    import pytest
    import requests

    import jcmock

    BASE = "https://console.jumpcloud.com/api/v2"
    KEY = {"x-api-key": "k"}


    def test_plugin_fixture_in_process(jumpcloud):
        directories = requests.get(f"{BASE}/directories", headers=KEY).json()
        assert directories, "the bundled fixtures seed directories"


    def test_mock_jumpcloud_context_manager():
        with jcmock.mock_jumpcloud():
            assert requests.get(f"{BASE}/iplists", headers=KEY).status_code == 200


    def test_live_server_fixture(jumpcloud_server):
        answer = requests.get(f"{jumpcloud_server}/api/v2/authn/policies", headers=KEY)
        assert answer.status_code == 200 and answer.json()


    def test_fallback_cassette_uses_bundled_fixtures(tmp_path):
        cassette = tmp_path / "empty.yaml"
        cassette.write_text("version: 1\\ninteractions: []\\n")
        with jcmock.use_cassette(cassette, fallback="mock"):
            assert requests.get(f"{BASE}/ldapservers", headers=KEY).status_code == 200


    @pytest.mark.jumpcloud_cassette("empty.yaml", fallback="mock")
    def test_cassette_marker(jumpcloud_cassette):
        assert requests.get(f"{BASE}/activedirectories", headers=KEY).status_code == 200
''')


def _run(*args, **kwargs):
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{' '.join(map(str, args))} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the fresh venv's python, a folder outside the checkout) with the built wheel installed."""
    root = tmp_path_factory.mktemp("installed")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", root / "dist", REPO)
    wheel = next((root / "dist").glob("jcmock-*.whl"))
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    constraints = REPO / "constraints.txt"
    extra = ["-c", constraints] if constraints.exists() else []
    _run(python, "-m", "pip", "install", "-q", *extra, wheel, "pytest")
    work = root / "work"
    work.mkdir()
    return python, work, wheel


def test_wheel_ships_the_bundled_fixtures(installed):
    _, _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    fixture_files = sorted(p.name for p in (REPO / "fixtures" / "jumpcloud").glob("*.json"))
    assert fixture_files
    for name in fixture_files:
        assert f"jcmock/bundled_fixtures/jumpcloud/{name}" in names


def test_installed_jcmock_serve_answers_with_bundled_fixtures(installed, tmp_path):
    python, work, _ = installed
    with JcmockProcess("serve", log_path=tmp_path / "serve.err", python=python, cwd=work) as server:
        answer = requests.get(f"{server.api}/iplists", headers={"x-api-key": "k"}, timeout=10)
        manifest = requests.get(f"{server.url}/__jcmock__/fixtures", timeout=10).json()
    assert answer.status_code == 200
    assert manifest["iplists"] and [i["id"] for i in answer.json()] == manifest["iplists"]


def test_installed_pytest_plugin_fixtures_and_marker_work(installed):
    python, work, _ = installed
    (work / "test_user_suite.py").write_text(USER_TEST)
    (work / "empty.yaml").write_text("version: 1\ninteractions: []\n")
    done = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_user_suite.py"],
                          cwd=work, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 passed" in done.stdout
