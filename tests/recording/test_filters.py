import json

from jcmock.recording.cassette import Cassette, Interaction, Request, Response
from jcmock.recording.filters import REDACTED, Redactor, mask_headers

API_KEY = "jcak-5e3f9a7b2c1d4e6f8a9b0c1d2e3f4a5b"
BEARER = "eyJhbGciOiJIUzI1NiJ9.c2Vzc2lvbg.sig-7f3a9c"
COOKIE = "jcsession=cookie-4b8e2d1f9a"
SECRETS = {
    "password": "hunter2-top-level",
    "clientSecret": "client-secret-depth-two",
    "apiToken": "api-token-in-a-list",
    "PrivateKey": 987654321012345,
    "publicKey": {"modulus": "public-key-object-value"},
    "refresh_token": "refresh-token-snake-case",
    "enrollmentToken": "enrollment-token-depth-four",
}


SECRET_BYTES = [
    API_KEY.encode(),
    BEARER.encode(),
    COOKIE.encode(),
    b"hunter2-top-level",
    b"client-secret-depth-two",
    b"api-token-in-a-list",
    b"987654321012345",
    b"public-key-object-value",
    b"refresh-token-snake-case",
    b"enrollment-token-depth-four",
]


def request_body():
    return {
        "name": "gsuite",
        "password": SECRETS["password"],
        "config": {"clientSecret": SECRETS["clientSecret"], "enabled": True},
        "users": [{"id": 1}, {"credentials": {"apiToken": SECRETS["apiToken"]}}],
        "keys": {"PrivateKey": SECRETS["PrivateKey"], "publicKey": SECRETS["publicKey"]},
    }


def response_body():
    return {
        "id": "5f1e",
        "refresh_token": SECRETS["refresh_token"],
        "a": {"b": {"c": [{"enrollmentToken": SECRETS["enrollmentToken"]}]}},
        "note": f"called with {API_KEY}",
    }


def recorded_interaction():
    body = json.dumps(request_body()).encode()
    return Interaction(
        Request(
            "PATCH",
            f"https://console.jumpcloud.com/api/v2/gsuites/5f1e?api_key={API_KEY}&x-api-key={API_KEY}&limit=10",
            body,
            {
                "X-Api-Key": [API_KEY],
                "Authorization": [f"Bearer {BEARER}"],
                "Cookie": [COOKIE],
                "Content-Type": ["application/json"],
                "Content-Length": [str(len(body))],
            },
        ),
        Response(
            200,
            "OK",
            {"Set-Cookie": [COOKIE, "other=1"], "Content-Type": ["application/json"]},
            json.dumps(response_body()).encode(),
        ),
    )


def test_known_api_key_and_secrets_never_reach_the_file(tmp_path):
    path = tmp_path / "cassette.yaml"
    cassette = Cassette(path)
    cassette.append(Redactor().interaction(recorded_interaction()))
    cassette.save()

    raw = path.read_bytes()
    for secret in SECRET_BYTES:
        assert secret not in raw
    assert b"REDACTED" in raw


def test_secret_json_fields_are_redacted_at_any_depth_and_the_rest_kept():
    redactor = Redactor()
    request = redactor.request(recorded_interaction().request)
    response = redactor.response(recorded_interaction().response)

    assert json.loads(request.body) == {
        "name": "gsuite",
        "password": REDACTED,
        "config": {"clientSecret": REDACTED, "enabled": True},
        "users": [{"id": 1}, {"credentials": {"apiToken": REDACTED}}],
        "keys": {"PrivateKey": REDACTED, "publicKey": REDACTED},
    }
    assert json.loads(response.body)["a"] == {"b": {"c": [{"enrollmentToken": REDACTED}]}}
    assert json.loads(response.body)["refresh_token"] == REDACTED


def test_secret_headers_are_redacted_case_insensitively():
    request = Redactor().request(recorded_interaction().request)
    response = Redactor().response(recorded_interaction().response)

    assert request.headers["X-Api-Key"] == [REDACTED]
    assert request.headers["Authorization"] == [REDACTED]
    assert request.headers["Cookie"] == [REDACTED]
    assert request.headers["Content-Type"] == ["application/json"]
    assert response.headers["Set-Cookie"] == [REDACTED]


def test_api_key_in_query_string_is_redacted_and_other_parameters_kept():
    request = Redactor().request(recorded_interaction().request)

    assert request.uri == (
        "https://console.jumpcloud.com/api/v2/gsuites/5f1e?api_key=REDACTED&x-api-key=REDACTED&limit=10"
    )


def test_api_key_value_sent_in_a_header_is_scrubbed_from_the_path_and_the_response():
    interaction = Interaction(
        Request("GET", f"https://console.jumpcloud.com/api/v2/keys/{API_KEY}", None, {"x-api-key": [API_KEY]}),
        Response(200, "OK", {"Location": [f"/keys/{API_KEY}"]}, f"plain text {API_KEY}".encode()),
    )

    redacted = Redactor().interaction(interaction)

    assert redacted.request.uri == "https://console.jumpcloud.com/api/v2/keys/REDACTED"
    assert redacted.response.headers["Location"] == ["/keys/REDACTED"]
    assert redacted.response.body == b"plain text REDACTED"


def test_literal_values_given_to_the_redactor_are_scrubbed_everywhere():
    redactor = Redactor(values=["injected-upstream-key"])
    response = Response(200, "OK", {}, b'{"echo": "injected-upstream-key"}')

    assert redactor.response(response).body == b'{"echo": "REDACTED"}'


def test_extra_header_and_field_names_from_the_user_are_redacted():
    redactor = Redactor(headers=["X-Org-Id"], fields=["employeeIdentifier"])
    request = Request(
        "POST",
        "https://console.jumpcloud.com/api/systemusers?employee_identifier=E42",
        b'{"user": {"EmployeeIdentifier": "E42", "firstname": "Ada"}}',
        {"x-org-id": ["org-1"]},
    )

    redacted = redactor.request(request)

    assert redacted.headers == {"x-org-id": [REDACTED]}
    assert json.loads(redacted.body) == {"user": {"EmployeeIdentifier": REDACTED, "firstname": "Ada"}}
    assert redacted.uri.endswith("?employee_identifier=REDACTED")


def test_non_json_bodies_keep_their_bytes_but_not_their_secret_pairs():
    form = Request("POST", "https://console.jumpcloud.com/login", b"password=hunter2&user=ada", {})
    broken_json = Request("PATCH", "https://console.jumpcloud.com/x", b'{"apiToken": "tok-123", }', {})
    single_quoted = Request("PATCH", "https://console.jumpcloud.com/x", b"{ 'secret': 'shh', 'a': 'b' }", {})
    binary = Response(200, "OK", {}, b"\x89PNG\xff\xfe password")

    assert Redactor().request(form).body == b"password=REDACTED&user=ada"
    assert Redactor().request(broken_json).body == b'{"apiToken": "REDACTED", }'
    assert Redactor().request(single_quoted).body == b"{ 'secret': 'REDACTED', 'a': 'b' }"
    assert Redactor().response(binary).body == b"\x89PNG\xff\xfe password"


def test_json_body_without_secrets_keeps_its_exact_bytes():
    body = b'{ "name" : "x",\n  "token": null }'

    assert Redactor().response(Response(200, "OK", {}, body)).body == body


def test_content_length_follows_the_redacted_body():
    redacted = Redactor().request(recorded_interaction().request)

    assert redacted.headers["Content-Length"] == [str(len(redacted.body))]


def test_redaction_returns_copies_and_leaves_the_original_alone():
    original = recorded_interaction()

    Redactor().interaction(original)

    assert original == recorded_interaction()


def test_mask_headers_returns_a_masked_copy_keeping_the_value_shape():
    headers = {"X-API-KEY": API_KEY, "authorization": ["Bearer x"], "Accept": "application/json"}

    masked = mask_headers(headers)

    assert masked == {"X-API-KEY": REDACTED, "authorization": [REDACTED], "Accept": "application/json"}
    assert headers["X-API-KEY"] == API_KEY


def test_mask_headers_accepts_extra_names():
    assert mask_headers({"X-Org-Id": "1", "Accept": "*/*"}, ["x-org-id"]) == {"X-Org-Id": REDACTED, "Accept": "*/*"}
    assert Redactor(headers=["x-org-id"]).mask_headers({"X-Org-Id": ["1"]}) == {"X-Org-Id": [REDACTED]}
