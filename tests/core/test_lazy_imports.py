"""Start-up imports only what serving needs: the slow libraries load with the first request that uses them.

Each check runs in a fresh interpreter, since this test process has long imported everything.
"""
import json
import subprocess
import sys
import textwrap

# Imported on first use, never by ``import jcmock.cli`` or ``create_app``.
LAZY = ("scim2_models", "pydantic", "apispec", "responses", "jcmock.inprocess")


def run(code):
    """Run ``code`` in a fresh interpreter; it prints one JSON document, returned decoded."""
    prelude = textwrap.dedent("""
        import json, sys
        LAZY = %r
        def loaded():
            return sorted(name for name in LAZY if name in sys.modules)
    """) % (LAZY,)
    result = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_cli_imports_none_of_the_slow_libraries():
    assert run("""
        import jcmock.cli
        print(json.dumps(loaded()))
    """) == []


def test_scim2_models_loads_with_the_first_filter_and_the_request_works():
    found = run("""
        import jcmock.cli
        from jcmock.core.store import Store
        from jcmock.services import create_app

        app = create_app({"JCMOCK_SEED": 1}, store=Store())
        client = app.test_client()
        steps = {"created": loaded()}
        steps["jumpcloud"] = client.get("/api/v2/iplists", headers={"x-api-key": "k"}).status_code
        auth = {"Authorization": "Bearer t"}
        listed = client.get("/scim/v2/Users", headers=auth)
        steps["unfiltered"] = [listed.status_code, listed.get_json()["totalResults"], loaded()]
        filtered = client.get('/scim/v2/Users?filter=userName eq "ci-pipeline-bot"', headers=auth)
        body = filtered.get_json()
        steps["filtered"] = [filtered.status_code, [r["userName"] for r in body["Resources"]], loaded()]
        bad = client.get('/scim/v2/Users?filter=userName zz "x"', headers=auth)
        steps["bad_filter"] = [bad.status_code, bad.get_json()["scimType"]]
        print(json.dumps(steps))
    """)
    assert found["created"] == []
    assert found["jumpcloud"] == 200
    assert found["unfiltered"] == [200, 3, []]
    status, names, loaded = found["filtered"]
    assert (status, names) == (200, ["ci-pipeline-bot"])
    assert {"scim2_models", "pydantic"} <= set(loaded)
    assert found["bad_filter"] == [400, "invalidFilter"]


def test_a_patch_with_a_path_works_in_a_fresh_process():
    found = run("""
        from jcmock.core.store import Store
        from jcmock.services import create_app

        client = create_app({"JCMOCK_SEED": 1}, services=["scim"], store=Store()).test_client()
        auth = {"Authorization": "Bearer t"}
        user = client.get("/scim/v2/Users", headers=auth).get_json()["Resources"][0]
        before = loaded()
        patch = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations": [{"op": "replace", "path": "displayName", "value": "Renamed"}]}
        answer = client.patch(f"/scim/v2/Users/{user['id']}", json=patch, headers=auth)
        print(json.dumps([before, answer.status_code, answer.get_json().get("displayName"), loaded()]))
    """)
    before, status, name, after = found
    assert before == []
    assert (status, name) == (200, "Renamed")
    assert "scim2_models" in after


def test_apispec_loads_with_the_first_openapi_document():
    found = run("""
        from jcmock.core.store import Store
        from jcmock.services import create_app

        client = create_app({}, services=["jumpcloud"], store=Store()).test_client()
        before = loaded()
        answer = client.get("/api/v2/openapi.json")
        print(json.dumps([before, answer.status_code, answer.get_json()["openapi"], "apispec" in sys.modules]))
    """)
    assert found == [[], 200, "3.0.3", True]


def test_the_public_names_resolve_on_first_use():
    found = run("""
        import jcmock
        before = loaded()
        names = {name: getattr(jcmock, name).__module__ for name in jcmock.__all__}
        from jcmock import NoMatch, Store, create_app, mock, mock_jumpcloud, mock_okta, mock_scim, use_cassette
        try:
            jcmock.no_such_name
        except AttributeError as exc:
            missing = str(exc)
        print(json.dumps([before, names, sorted(set(jcmock.__all__) - set(dir(jcmock))), missing]))
    """)
    before, names, not_in_dir, missing = found
    assert before == []
    assert names == {
        "create_app": "jcmock.services", "mock": "jcmock.inprocess", "mock_jumpcloud": "jcmock.inprocess",
        "mock_okta": "jcmock.inprocess", "mock_scim": "jcmock.inprocess", "use_cassette": "jcmock.inprocess",
        "NoMatch": "jcmock.recording.player", "Store": "jcmock.core.store",
    }
    assert not_in_dir == []
    assert "no_such_name" in missing
