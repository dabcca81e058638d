import json
import threading

import pytest

from jcmock.recording import player as player_module
from jcmock.recording.cassette import Cassette, Interaction, Request, Response
from jcmock.recording.matchers import DEFAULT_MATCHERS, differences, normalize
from jcmock.recording.player import NoMatch, Player

JC = "https://console.jumpcloud.com"
LOCAL = "http://127.0.0.1:8080"


def req(method, uri, body=None):
    raw = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    return Request(method, uri, raw, {"x-api-key": ["REDACTED"]})


def diff(recorded, incoming, matchers=DEFAULT_MATCHERS, ignore_fields=()):
    return differences(normalize(recorded, ignore_fields), normalize(incoming, ignore_fields), matchers)


def answer(text, status=200):
    return Response(status, "OK", {"Content-Type": ["application/json"]}, json.dumps(text).encode())


def player_for(*pairs, **options):
    cassette = Cassette("cassettes/test.yaml", [Interaction(request, response) for request, response in pairs])
    return Player([cassette], **options)


# --- normalisation and differences -------------------------------------------------


def test_query_parameter_order_does_not_matter():
    recorded = req("GET", f"{JC}/api/v2/gsuites?limit=10&skip=0")

    assert diff(recorded, req("GET", f"{LOCAL}/api/v2/gsuites?skip=0&limit=10")) == []


def test_host_and_scheme_are_not_matched():
    assert diff(req("GET", f"{JC}/api/v2/gsuites/1"), req("get", "http://localhost/api/v2/gsuites/1")) == []


def test_json_key_order_and_whitespace_do_not_matter():
    recorded = req("PATCH", f"{JC}/api/v2/gsuites/1", b'{"a": 1, "b": {"c": [1, 2]}}')
    incoming = req("PATCH", f"{LOCAL}/api/v2/gsuites/1", b'{\n  "b" : {"c":[1,2]},\n  "a":1.0\n}')

    assert diff(recorded, incoming) == []


def test_no_body_and_empty_body_are_the_same():
    assert diff(req("GET", f"{JC}/api/v2/gsuites"), req("GET", f"{LOCAL}/api/v2/gsuites", b"")) == []


def test_exact_difference_strings():
    recorded = req("PATCH", f"{JC}/api/v2/gsuites/1?limit=10", {"userLockoutAction": "suspend", "ips": ["a", "b"]})
    incoming = req(
        "PUT", f"{LOCAL}/api/v2/gsuites/2?limit=20", {"userLockoutAction": "maintain", "ips": ["a"], "new": 1}
    )

    assert diff(recorded, incoming) == [
        "method: PATCH != PUT",
        "path: /api/v2/gsuites/1 != /api/v2/gsuites/2",
        'query.limit: "10" != "20"',
        'body.userLockoutAction: "suspend" != "maintain"',
        "body.ips[1]: missing",
        "body.new: unexpected",
    ]


def test_json_types_are_compared_strictly_except_int_and_float():
    recorded = req("POST", f"{JC}/a", {"n": 1, "flag": True, "s": "1", "obj": {"x": 1}, "f": 2.0})
    incoming = req("POST", f"{JC}/a", {"n": "1", "flag": 1, "s": 1, "obj": [1], "f": 2})

    assert diff(recorded, incoming) == [
        'body.n: 1 != "1"',
        "body.flag: true != 1",
        'body.s: "1" != 1',
        'body.obj: {"x": 1} != [1]',
    ]


def test_unusual_keys_are_quoted_in_difference_paths():
    assert diff(req("POST", f"{JC}/a", {"a.b": 1}), req("POST", f"{JC}/a", {"a.b": 2})) == ['body["a.b"]: 1 != 2']


def test_non_json_bodies_are_compared_byte_for_byte():
    assert diff(req("POST", f"{JC}/a", b"a=1"), req("POST", f"{JC}/a", b"a=1")) == []
    assert diff(req("POST", f"{JC}/a", b"a=1"), req("POST", f"{JC}/a", {"a": 1})) == ['body: <text "a=1"> != {"a": 1}']
    assert diff(req("POST", f"{JC}/a", b"\xff"), req("POST", f"{JC}/a")) == ["body: <1 bytes> != <empty>"]


def test_repeated_query_parameters_are_compared_as_lists():
    recorded = req("GET", f"{JC}/a?filter=b&filter=a")

    assert diff(recorded, req("GET", f"{JC}/a?filter=a&filter=b")) == []
    assert diff(recorded, req("GET", f"{JC}/a?filter=a&filter=c")) == ['query.filter[1]: "b" != "c"']


@pytest.mark.parametrize("ignored", ["name", "body.name"])
def test_ignore_fields_name_top_level_body_keys_with_or_without_prefix(ignored):
    recorded = req("POST", f"{JC}/a", {"name": "x", "id": 1})

    assert diff(recorded, req("POST", f"{JC}/a", {"name": "y", "id": 1}), ignore_fields=[ignored]) == []
    assert diff(recorded, req("POST", f"{JC}/a", {"id": 1}), ignore_fields=[ignored]) == []


@pytest.mark.parametrize(
    "ignored",
    [["data.*.company.name"], ["data[].company.name"], ["data.0.company.name", "data[1].company.name"]],
)
def test_ignore_fields_reach_into_every_list_item(ignored):
    recorded = req("POST", f"{JC}/a", {"name": "x", "data": [{"company": {"name": "A"}}, {"company": {"name": "B"}}]})
    incoming = req("POST", f"{JC}/a", {"name": "x", "data": [{"company": {"name": "C"}}, {"company": {"name": "D"}}]})

    assert diff(recorded, incoming, ignore_fields=ignored) == []
    assert diff(recorded, incoming) == [
        'body.data[0].company.name: "A" != "C"',
        'body.data[1].company.name: "B" != "D"',
    ]


def test_ignore_fields_keep_other_items_compared():
    recorded = req("POST", f"{JC}/a", {"data": [{"company": {"name": "A", "id": 1}}]})
    incoming = req("POST", f"{JC}/a", {"data": [{"company": {"name": "B", "id": 2}}]})

    assert diff(recorded, incoming, ignore_fields=["data.*.company.name"]) == ["body.data[0].company.id: 1 != 2"]


def test_secret_values_redacted_in_the_cassette_match_any_incoming_value():
    recorded = req(
        "PATCH",
        f"{JC}/api/v2/gsuites/1?api_key=REDACTED",
        {"password": "REDACTED", "nested": {"apiToken": "REDACTED"}},
    )
    incoming = req("PATCH", f"{LOCAL}/api/v2/gsuites/1", {"password": "hunter2", "nested": {"apiToken": "t0k"}})

    assert diff(recorded, incoming) == []


def test_matchers_can_be_narrowed():
    recorded = req("POST", f"{JC}/a?x=1", {"a": 1})
    incoming = req("POST", f"{JC}/a?x=2", {"a": 2})

    assert diff(recorded, incoming, matchers=("method", "path")) == []


def test_unknown_matcher_name_is_rejected():
    with pytest.raises(ValueError, match="unknown matcher 'host'"):
        Player([], matchers=("method", "host"))


# --- the player ---------------------------------------------------------------------


def three_answers_player(repeat):
    gsuite = req("GET", f"{JC}/api/v2/gsuites/1")
    return player_for((gsuite, answer(1)), (gsuite, answer(2)), (gsuite, answer(3)), repeat=repeat)


def play_n(player, n):
    return [json.loads(player.play(req("GET", f"{LOCAL}/api/v2/gsuites/1")).body) for _ in range(n)]


def test_identical_requests_play_in_recorded_order_then_repeat_the_last():
    assert play_n(three_answers_player("last"), 5) == [1, 2, 3, 3, 3]


def test_cycle_starts_over_after_the_last_answer():
    assert play_n(three_answers_player("cycle"), 7) == [1, 2, 3, 1, 2, 3, 1]


def test_strict_refuses_once_every_answer_was_played():
    player = three_answers_player("strict")
    assert play_n(player, 3) == [1, 2, 3]

    with pytest.raises(NoMatch) as caught:
        player.play(req("GET", f"{LOCAL}/api/v2/gsuites/1"))

    assert caught.value.message == (
        "All 3 recorded answers for this request were already played (repeat='strict'): GET /api/v2/gsuites/1"
    )


def test_reset_rewinds_play_counters():
    player = three_answers_player("strict")
    play_n(player, 3)

    player.reset()

    assert play_n(player, 3) == [1, 2, 3]


def test_unplayed_reports_interactions_never_played():
    player = player_for(
        (req("GET", f"{JC}/api/v2/gsuites/1"), answer(1)),
        (req("GET", f"{JC}/api/v2/office365s/1"), answer(2)),
    )
    player.play(req("GET", f"{LOCAL}/api/v2/gsuites/1"))

    assert player.has_unplayed()
    assert [(index, i.request.uri) for index, i in player.unplayed()] == [(1, f"{JC}/api/v2/office365s/1")]
    player.play(req("GET", f"{LOCAL}/api/v2/office365s/1"))
    assert not player.has_unplayed()


def test_strict_plays_each_answer_once_across_threads():
    gsuite = req("GET", f"{JC}/api/v2/gsuites/1")
    player = player_for(*[(gsuite, answer(n)) for n in range(200)], repeat="strict")
    played, refused = [], []

    def worker():
        for _ in range(60):
            try:
                played.append(json.loads(player.play(gsuite).body))
            except NoMatch:
                refused.append(1)

    threads = [threading.Thread(target=worker) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(played) == list(range(200))
    assert len(refused) == 100


def test_fields_redacted_when_recording_are_masked_when_replaying():
    recorded = req("POST", f"{JC}/api/systemusers", {"employeeIdentifier": "REDACTED", "name": "ada"})
    player = player_for((recorded, answer("created")))

    response = player.play(req("POST", f"{LOCAL}/api/systemusers", {"employeeIdentifier": "E42", "name": "ada"}))

    assert json.loads(response.body) == "created"


def test_ignore_fields_apply_to_playing():
    player = player_for(
        (req("POST", f"{JC}/api/v2/bulk/users", {"name": "x", "requestedAt": "2024-01-01"}), answer("ok")),
        ignore_fields=["requestedAt"],
    )

    response = player.play(req("POST", f"{LOCAL}/api/v2/bulk/users", {"requestedAt": "2025-06-30", "name": "x"}))

    assert json.loads(response.body) == "ok"


def near_miss_player():
    return player_for(
        (req("GET", f"{JC}/api/v2/gsuites/1"), answer("get")),
        (req("PATCH", f"{JC}/api/v2/gsuites/1", {"userLockoutAction": "suspend", "ips": ["a", "b"]}), answer("a")),
        (req("PATCH", f"{JC}/api/v2/gsuites/1", {"userLockoutAction": "suspend", "ips": ["a"]}), answer("b")),
        (req("PATCH", f"{JC}/api/v2/office365s/1", {"userLockoutAction": "maintain", "ips": ["a"]}), answer("c")),
        (req("PUT", f"{JC}/api/v2/other", {"x": 1}), answer("d")),
    )


def test_no_match_reports_the_three_nearest_with_their_differences():
    incoming = req(
        "PATCH", f"{LOCAL}/api/v2/gsuites/1?api_key=secret-key", {"userLockoutAction": "maintain", "ips": ["a"]}
    )

    with pytest.raises(NoMatch) as caught:
        near_miss_player().play(incoming)

    report = caught.value.to_dict()
    assert json.loads(json.dumps(report)) == report
    assert report["message"] == "No recorded interaction matches PATCH /api/v2/gsuites/1"
    assert report["request"] == {
        "method": "PATCH",
        "path": "/api/v2/gsuites/1",
        "query": {},
        "body": {"userLockoutAction": "maintain", "ips": ["a"]},
    }
    assert report["nearest"] == [
        {
            "index": 2,
            "method": "PATCH",
            "uri": f"{JC}/api/v2/gsuites/1",
            "cassette": "cassettes/test.yaml",
            "differences": ['body.userLockoutAction: "suspend" != "maintain"'],
        },
        {
            "index": 3,
            "method": "PATCH",
            "uri": f"{JC}/api/v2/office365s/1",
            "cassette": "cassettes/test.yaml",
            "differences": ["path: /api/v2/office365s/1 != /api/v2/gsuites/1"],
        },
        {
            "index": 1,
            "method": "PATCH",
            "uri": f"{JC}/api/v2/gsuites/1",
            "cassette": "cassettes/test.yaml",
            "differences": ['body.userLockoutAction: "suspend" != "maintain"', "body.ips[1]: missing"],
        },
    ]
    assert [index for index, _, _ in caught.value.nearest] == [2, 3, 1]


def test_no_match_reads_well_in_a_log():
    with pytest.raises(NoMatch) as caught:
        near_miss_player().play(
            req("PATCH", f"{LOCAL}/api/v2/gsuites/1", {"userLockoutAction": "maintain", "ips": ["a"]})
        )

    lines = str(caught.value).splitlines()
    assert lines[:5] == [
        "No recorded interaction matches PATCH /api/v2/gsuites/1",
        '  body: {"userLockoutAction": "maintain", "ips": ["a"]}',
        "  nearest recorded interactions:",
        f"    #2 PATCH {JC}/api/v2/gsuites/1 (cassettes/test.yaml)",
        '        body.userLockoutAction: "suspend" != "maintain"',
    ]


def test_no_match_on_an_empty_cassette_has_no_nearest():
    with pytest.raises(NoMatch) as caught:
        Player([Cassette("empty.yaml")]).play(req("GET", f"{LOCAL}/api/v2/gsuites"))

    assert caught.value.nearest == []
    assert str(caught.value) == "No recorded interaction matches GET /api/v2/gsuites"


def test_ten_thousand_interactions_are_answered_through_the_index(monkeypatch):
    cassette = Cassette("big.yaml")
    for n in range(10_000):
        body = {"n": n} if n % 2 else None
        method = "PUT" if n % 2 else "GET"
        cassette.append(Interaction(req(method, f"{JC}/api/v2/items/{n}?page={n % 7}", body), answer(n)))
    player = Player([cassette])

    def no_scanning(*args, **kwargs):
        raise AssertionError("a matching request must not be compared interaction by interaction")

    monkeypatch.setattr(player_module, "differences", no_scanning)
    for n in (0, 1, 4_999, 5_000, 9_998, 9_999):
        method, body = ("PUT", {"n": n}) if n % 2 else ("GET", None)
        response = player.play(req(method, f"{LOCAL}/api/v2/items/{n}?page={n % 7}", body))
        assert json.loads(response.body) == n


def test_near_miss_search_on_a_big_cassette_is_bounded_and_prefers_the_same_route(monkeypatch):
    cassette = Cassette("big.yaml")
    for n in range(10_000):
        cassette.append(Interaction(req("PUT", f"{JC}/api/v2/items/{n}", {"n": n}), answer(n)))
    cassette.append(Interaction(req("PUT", f"{JC}/api/v2/items/42", {"n": 1}), answer("again")))
    player = Player([cassette])
    compared = []

    def counting(recorded, incoming, matchers):
        compared.append(recorded)
        return differences(recorded, incoming, matchers)

    monkeypatch.setattr(player_module, "differences", counting)
    with pytest.raises(NoMatch) as caught:
        player.play(req("PUT", f"{LOCAL}/api/v2/items/42", {"n": 2}))

    assert len(compared) <= player_module.NEAR_MISS_CANDIDATES
    assert [(index, found) for index, _, found in caught.value.nearest[:2]] == [
        (42, ["body.n: 42 != 2"]),
        (10_000, ["body.n: 1 != 2"]),
    ]


def test_several_cassettes_are_played_as_one():
    first = Cassette("a.yaml", [Interaction(req("GET", f"{JC}/a"), answer("a"))])
    second = Cassette("b.yaml", [Interaction(req("GET", f"{JC}/b"), answer("b"))])
    player = Player([first, second])

    assert json.loads(player.play(req("GET", f"{LOCAL}/b")).body) == "b"
    assert player.play_index(req("GET", f"{LOCAL}/a")) == 0


def test_unknown_repeat_policy_is_rejected():
    with pytest.raises(ValueError, match="repeat must be one of last, cycle, strict"):
        Player([], repeat="forever")


def test_no_match_ranks_the_same_path_before_another_path_at_equal_distance():
    ok = Response(200, "OK", {}, b"{}")
    cassette = Cassette("c.yaml", [
        Interaction(Request("PATCH", f"{JC}/api/v2/bulk/users", b'[{"id": "x"}]', {}), ok),
        Interaction(Request("GET", f"{JC}/api/v2/gsuites/1", None, {}), ok),
    ])
    with pytest.raises(NoMatch) as caught:
        Player([cassette]).play(Request("PATCH", f"{LOCAL}/api/v2/gsuites/1", b'{"a": 1}', {}))
    assert [near.index for near in caught.value.nearest] == [1, 0]
