"""The "Who pays most" page, the role page's OFLC blocks and /api/employers, /api/trends."""

from __future__ import annotations

import json
import re

import pytest

from _web_client import assert_error, client

CLIENT = client()


def test_who_pays_most_ranks_employers_with_a_chart_and_source() -> None:
    r = CLIENT.get("/employers", params={"role": "ml-engineer", "area": "California"})
    assert r.status_code == 200
    assert 'id="employers-chart"' in r.text and 'type="search"' in r.text
    assert "U.S. Department of Labor, OFLC disclosure data" in r.text
    assert "no bonus or equity" in r.text
    assert "Descriptive: offered base wages as filed" in r.text
    spec = json.loads(re.search(r'class="chart-data">(.*?)</script>', r.text, re.S)[1])  # type: ignore[index]
    mids = [row["marks"][0]["mid"] for row in spec["rows"]]
    assert mids == sorted(mids, reverse=True) and "Source:" in spec["rows"][0]["marks"][0]["title"]


def test_employer_search_shows_roles_and_bad_names_say_so() -> None:
    r = CLIENT.get("/employers", params={"employer": "nvidia"})
    assert r.status_code == 200 and "NVIDIA" in r.text and "/roles/software-engineer" in r.text
    bad = CLIENT.get("/employers", params={"employer": "Gooogle"})
    assert bad.status_code == 422 and 'role="alert"' in bad.text and "Google" in bad.text


def test_role_page_lists_top_payers_and_a_trend_chart() -> None:
    r = CLIENT.get("/roles/software-engineer")
    assert r.status_code == 200
    assert 'id="top-payers"' in r.text and 'id="trend-chart"' in r.text
    assert "not paypath&#39;s pay figure" in r.text or "not paypath's pay figure" in r.text
    assert "FY2026 (partial year)" in r.text


def test_api_employers_and_trends() -> None:
    ranking = CLIENT.get("/api/employers", params={"role": "ml-engineer", "area": "CA"}).json()
    assert ranking["area"] == "CA" and ranking["rows"] and "caveat" in ranking
    profile = CLIENT.get("/api/employers/Google LLC").json()
    assert profile["employer"] == "Google"
    trend = CLIENT.get("/api/trends/software-engineer").json()
    assert trend["soc"] == "15-1252" and trend["points"][-1]["partial"] is True


@pytest.mark.parametrize(
    ("path", "params", "status", "code"),
    [
        pytest.param("/api/employers", {"role": "astronaut"}, 404, "unknown_role", id="role"),
        pytest.param("/api/employers/Gooogle", {}, 404, "unknown_employer", id="employer"),
        pytest.param("/api/employers", {"role": "ml-engineer", "year": "1999"}, 422, None, id="y"),
        pytest.param("/api/trends/software-engineer", {"country": "ZZ"}, 404, None, id="cty"),
    ],
)
def test_api_errors_have_the_one_shape(
    path: str, params: dict[str, str], status: int, code: str | None
) -> None:
    r = CLIENT.get(path, params=params)
    assert r.status_code == status
    assert_error(r.json(), code)
