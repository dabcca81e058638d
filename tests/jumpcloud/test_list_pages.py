"""JumpCloud lists paged in the store: page boundaries, filters before paging, what a filter cannot see.

Each answer is compared with one computed here from the whole list, so paging in the store
(``Store.scan``) must answer what filtering and slicing the rendered list answered.
"""
import pytest

from jcmock import create_app
from jcmock.core.store import Store

HEADERS = {"x-api-key": "test-key"}
CREATED = 25


@pytest.fixture(scope="module")
def client():
    app = create_app({"JCMOCK_SEED": 3}, services=["jumpcloud"], store=Store())
    client = app.test_client()
    for i in range(CREATED):
        answer = client.post("/api/v2/iplists", json={"name": f"page {i:02}", "ips": [f"10.0.0.{i % 4}"]},
                             headers=HEADERS)
        assert answer.status_code == 201
    return client


def listed(client, query=""):
    answer = client.get(f"/api/v2/iplists?{query}", headers=HEADERS)
    assert answer.status_code == 200, answer.text
    return answer.json


@pytest.fixture(scope="module")
def everything(client):
    everything = listed(client, "limit=100")
    assert len(everything) > CREATED
    return everything


@pytest.mark.parametrize("limit", [1, 7, 10, 100])
def test_pages_of_any_size_join_into_the_whole_list(client, everything, limit):
    joined = []
    for skip in range(0, len(everything) + limit, limit):
        page = listed(client, f"limit={limit}&skip={skip}")
        assert len(page) == min(limit, max(len(everything) - skip, 0))
        joined += page
    assert joined == everything


def test_skip_at_or_past_the_end_is_an_empty_list(client, everything):
    assert listed(client, f"skip={len(everything)}") == []
    assert listed(client, f"skip={len(everything) + 1000}&limit=5") == []


def test_limit_zero_is_an_empty_page(client):
    assert listed(client, "limit=0") == []


def test_filter_narrows_before_skip_and_limit(client, everything):
    matching = [d for d in everything if d["name"].startswith("page 1")]
    assert listed(client, "filter=name:search:page 1&skip=3&limit=4") == matching[3:7]
    assert listed(client, "filter=name:search:page 1&skip=9&limit=4") == matching[9:]


def test_filter_matching_nothing_is_an_empty_list(client):
    assert listed(client, "filter=name:eq:no such list") == []


def test_sort_orders_the_whole_list_before_paging(client, everything):
    ordered = sorted(everything, key=lambda d: d["name"], reverse=True)
    assert listed(client, "sort=-name&limit=5&skip=2") == ordered[2:7]


def test_v1_fields_project_the_page_and_keep_both_ids(client):
    every = users(client, "limit=100")["results"]
    answer = users(client, "fields=username&limit=2&skip=1")
    assert answer["results"] == [{"_id": u["_id"], "id": u["id"], "username": u["username"]} for u in every[1:3]]


def users(client, params=""):
    answer = client.get(f"/api/systemusers?{params}", headers=HEADERS)
    assert answer.status_code == 200, answer.text
    return answer.json


def test_v1_total_counts_every_match_while_results_hold_the_page(client):
    every = users(client, "limit=100")["results"]
    answer = users(client, "limit=1&skip=1")
    assert answer == {"totalCount": len(every), "results": every[1:2]}


def test_v1_filter_on_the_underscore_id_reads_the_id(client):
    first = users(client, "limit=1")["results"][0]
    assert users(client, f"filter=_id:$eq:{first['id']}") == {"totalCount": 1, "results": [first]}


def test_v1_filter_on_a_secret_sees_it_absent(client):
    every = users(client, "limit=100")
    assert users(client, "filter=password:$eq:") == every
    assert users(client, "filter=password:$ne:")["totalCount"] == 0
