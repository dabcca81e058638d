"""JumpCloud's own curl samples, as users paste them, against the live mock.

Host and placeholders are replaced; the bodies are sent byte for byte, including the
ones that are not valid JSON, which must get a clear 4xx JSON answer.
"""
import re

import pytest

from helpers import API_KEY, SHARED

if not SHARED.is_dir():
    pytest.skip("JumpCloud's seed page (../shared beside the checkout) is not there", allow_module_level=True)

SEED = SHARED / "seeds" / "000_414f07e3781ba5a7.txt"
STOP = ("|", "Sample", "curl ", "#####")


def curl_samples():
    lines = SEED.read_text(encoding="utf-8").splitlines()
    samples, current = [], None
    for line in lines:
        if line.startswith("curl "):
            current = [line]
            samples.append(current)
        elif current is not None and (line.startswith(STOP) or not line.strip()):
            current = None
        elif current is not None:
            current.append(line)
    return ["\n".join(sample) for sample in samples]


def parse(sample):
    method = re.search(r"-X (\w+)", sample).group(1)
    url = re.search(r"https://\S+", sample).group(0)
    headers = dict(h.split(": ", 1) for h in re.findall(r"-H '([^']*)'", sample))
    body = re.search(r"-d '(.*)", sample, re.S).group(1).rstrip()
    body = re.sub(r"'?\s*\\?$", "", body)
    return method, url, headers, body


PLACEHOLDER_KIND = {
    "activedirectories": "activedirectories", "authn": "authn_policies", "gsuites": "gsuites",
    "iplists": "iplists", "ldapservers": "ldapservers", "office365s": "office365s",
}

# (path, body prefix) -> the answer the mock must give. Where JumpCloud's sample is itself
# wrong, the expected answer says why.
EXPECTED = [
    ("/activedirectories/", 400),   # sends "use_case"; the API's field is useCase
    ("/authn/policies/", 200),
    ("/bulk/users", 200),
    ("/gsuites/", 200), ("/gsuites/", 200), ("/gsuites/", 200),
    ("/google-emm/enterprises", 405),  # the sample's URL lacks {enterpriseId}; body single-quoted
    ("/iplists/", 200),
    ("/ldapservers/", 200),
    ("/office365s/", 400),          # trailing comma: not JSON
    ("/office365s/", 200), ("/office365s/", 200),
]


def test_the_seed_has_the_samples_this_suite_expects():
    paths = [parse(s)[1] for s in curl_samples()]
    assert len(paths) == len(EXPECTED)
    assert all(expected in path for path, (expected, _) in zip(paths, EXPECTED))


@pytest.mark.parametrize("index", range(len(EXPECTED)), ids=[f"{i}:{p}" for i, (p, _) in enumerate(EXPECTED)])
def test_seed_curl_sample_gets_the_documented_answer(server, manifest, index):
    method, url, headers, body = parse(curl_samples()[index])
    path = url.split("/api/v2", 1)[1]
    kind = PLACEHOLDER_KIND.get(path.strip("/").split("/")[0])
    if kind:
        path = re.sub(r"\{[^}]+\}", manifest[kind][0], path)
    headers = {k: (API_KEY if v == "{API_KEY}" else v) for k, v in headers.items()}
    response = server.session.request(method, f"{server.api}{path}", data=body.encode(), headers=headers)
    assert response.status_code == EXPECTED[index][1], response.text
    assert response.headers["Content-Type"].startswith("application/json")
    if response.status_code >= 400:
        assert response.json()["code"] == response.status_code
        assert response.json()["message"]


def test_office365_sample_with_trailing_comma_says_where_it_broke(server, manifest):
    _, _, headers, body = parse(curl_samples()[9])
    response = server.request("PATCH", f"/office365s/{manifest['office365s'][0]}", data=body.encode(),
                              headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "line 4" in response.json()["message"]


def test_google_emm_sample_body_with_single_quotes_is_400_at_its_own_url(server, manifest):
    _, _, _, body = parse(curl_samples()[6])
    response = server.request("PATCH", f"/google-emm/enterprises/{manifest['google_emm_enterprises'][0]}",
                              data=body.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["message"]


def test_active_directory_sample_field_use_case_is_rejected_by_name_real_field_is_useCase(server, manifest):
    _, _, _, body = parse(curl_samples()[0])
    response = server.request("PATCH", f"/activedirectories/{manifest['activedirectories'][0]}",
                              data=body.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert "use_case" in response.json()["message"]
