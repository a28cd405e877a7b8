"""Every error path of the web app returns the one error shape, with an actionable message."""

from __future__ import annotations

import pytest

from _web_client import TestClient, assert_error, client
from paypath.web import create_app
from paypath.web.security import TEXT_BODY_MAX, UPLOAD_BODY_MAX

C = client()


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        pytest.param("GET", "/no/such/page", 404, "not_found", id="unknown-route"),
        pytest.param("GET", "/api/nothing", 404, "not_found", id="unknown-api-route"),
        pytest.param("GET", "/api/roles/astronaut", 404, "unknown_role", id="unknown-role"),
        pytest.param("GET", "/roles/astronaut", 404, "unknown_role", id="unknown-role-page"),
        pytest.param("DELETE", "/api/roles", 405, "method_not_allowed", id="wrong-method"),
        pytest.param("GET", "/static/nope.js", 404, "not_found", id="unknown-static-file"),
    ],
)
def test_error_paths_share_one_shape(method: str, url: str, status: int, code: str) -> None:
    response = C.request(method, url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert_error(response.json(), code)


def test_unknown_role_message_lists_the_known_roles() -> None:
    message = assert_error(C.get("/api/roles/astronaut").json())
    assert "astronaut" in message and "ml-engineer" in message


def test_browsers_get_the_same_error_as_a_page() -> None:
    response = C.get("/roles/astronaut", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert 'data-code="unknown_role"' in response.text and "astronaut" in response.text


def test_api_errors_stay_json_for_browsers() -> None:
    response = C.get("/api/roles/astronaut", headers={"accept": "text/html"})
    assert response.headers["content-type"].startswith("application/json")
    assert_error(response.json(), "unknown_role")


@pytest.mark.parametrize(
    ("url", "limit"),
    [
        pytest.param("/api/roles", TEXT_BODY_MAX, id="text-route"),
        pytest.param("/advisor", UPLOAD_BODY_MAX, id="upload-route"),
    ],
)
def test_declared_oversized_bodies_are_refused_before_reading(url: str, limit: int) -> None:
    response = C.post(url, content=b"x" * (limit + 1), headers={"content-type": "text/plain"})
    assert response.status_code == 413
    assert "limit" in assert_error(response.json(), "too_large")


def _broken_app() -> TestClient:
    app = create_app()

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    return TestClient(app, raise_server_exceptions=False)


def test_unexpected_errors_hide_the_stack_trace() -> None:
    response = _broken_app().get("/api/boom")
    assert response.status_code == 500
    message = assert_error(response.json(), "internal_error")
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "try again" in message.lower()
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    ("url", "body", "mentions"),
    [
        pytest.param("/api/advise", {"skills": ["python"], "years": -3}, "years", id="neg-years"),
        pytest.param("/api/advise", {"skills": ["python"], "salary": 0}, "salary", id="zero-pay"),
        pytest.param("/api/advise", {"skills": "python", "extra": 1}, "extra", id="unknown-field"),
        pytest.param("/api/offer", {"salary": 150000}, "role", id="offer-missing-role"),
        pytest.param("/api/offer", {"role": "ml-engineer", "salary": "lots"}, "salary", id="nan"),
        pytest.param("/api/skills/extract", {"text": ""}, "text", id="empty-text"),
        pytest.param("/api/skills/extract", {"text": "x" * 200_001}, "200000", id="text-too-long"),
    ],
)
def test_invalid_bodies_get_an_actionable_422(url: str, body: object, mentions: str) -> None:
    response = C.post(url, json=body)
    assert response.status_code == 422
    message = assert_error(response.json(), "invalid_input")
    assert mentions in message and "Fix" in message


def test_a_body_that_is_not_json_gets_a_422() -> None:
    response = C.post("/api/offer", content=b"role=ml", headers={"content-type": "text/plain"})
    assert response.status_code == 422
    assert_error(response.json(), "invalid_input")


def test_streamed_oversized_bodies_are_cut_off() -> None:
    def chunks() -> object:
        for _ in range(40):
            yield b'{"text": "' + b"a" * 10_000

    response = C.post(
        "/api/skills/extract", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert_error(response.json(), "too_large")
