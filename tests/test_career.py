"""Career paths over the role graph: Dijkstra, skill distances, and real role-to-role paths."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paypath.career import career_path, role_graph, shortest_path, similarity
from paypath.catalog import get_role, implied_skills, load_roles
from paypath.errors import UnknownRole

Graph = dict[str, dict[str, tuple[float, str]]]


def _graph(edges: list[tuple[str, str, float]]) -> Graph:
    graph: Graph = {}
    for a, b, w in edges:
        graph.setdefault(a, {})[b] = (w, "x")
        graph.setdefault(b, {})[a] = (w, "x")
    return graph


@pytest.mark.parametrize(
    ("edges", "start", "goal", "expected"),
    [
        pytest.param(
            [("a", "b", 1.0), ("b", "c", 1.0), ("a", "c", 3.0)],
            "a",
            "c",
            (2.0, ["a", "b", "c"]),
            id="two-cheap-hops-beat-one-dear",
        ),
        pytest.param(
            [("a", "b", 1.0), ("b", "c", 1.0), ("a", "c", 1.5)],
            "a",
            "c",
            (1.5, ["a", "c"]),
            id="direct-edge",
        ),
        pytest.param([("a", "b", 1.0), ("c", "d", 1.0)], "a", "d", None, id="unreachable"),
        pytest.param([("a", "b", 1.0)], "a", "a", (0.0, ["a"]), id="start-is-goal"),
    ],
)
def test_shortest_path(
    edges: list[tuple[str, str, float]],
    start: str,
    goal: str,
    expected: tuple[float, list[str]] | None,
) -> None:
    assert shortest_path(_graph(edges), start, goal) == expected


def _floyd(graph: Graph, nodes: list[str]) -> dict[tuple[str, str], float]:
    inf = float("inf")
    dist = {
        (a, b): 0.0 if a == b else graph.get(a, {}).get(b, (inf, ""))[0]
        for a in nodes
        for b in nodes
    }
    for k, i, j in itertools.product(nodes, nodes, nodes):
        dist[i, j] = min(dist[i, j], dist[i, k] + dist[k, j])
    return dist


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcdef"), st.sampled_from("abcdef"), st.integers(1, 20)),
        max_size=15,
    )
)
def test_dijkstra_matches_floyd_warshall(raw: list[tuple[str, str, int]]) -> None:
    graph = _graph([(a, b, float(w)) for a, b, w in raw if a != b])
    nodes = list("abcdef")
    dist = _floyd(graph, nodes)
    for goal in nodes:
        found = shortest_path(graph, "a", goal)
        if found is None:
            assert dist["a", goal] == float("inf")
            continue
        cost, path = found
        assert cost == pytest.approx(dist["a", goal])
        assert path[0] == "a" and path[-1] == goal
        assert cost == pytest.approx(sum(graph[x][y][0] for x, y in itertools.pairwise(path)))


def test_similarity_is_a_symmetric_score() -> None:
    roles = load_roles()
    for a, b in itertools.combinations(roles, 2):
        assert 0.0 <= similarity(a, b) == similarity(b, a) <= 1.0
    assert all(similarity(r, r) == 1.0 for r in roles)


@pytest.mark.parametrize(
    ("role", "closer", "farther"),
    [
        pytest.param("ml-engineer", "data-engineer", "cybersecurity-architect", id="ml"),
        pytest.param("devops-engineer", "site-reliability-engineer", "data-analyst", id="devops"),
        pytest.param(
            "security-engineer", "cybersecurity-architect", "ai-product-manager", id="security"
        ),
    ],
)
def test_skill_similarity_orders_neighbours(role: str, closer: str, farther: str) -> None:
    r = get_role(role)
    assert similarity(r, get_role(closer)) > similarity(r, get_role(farther))


def test_every_role_can_reach_every_other() -> None:
    ids = [r.id for r in load_roles()]
    graph = role_graph()
    assert all(shortest_path(graph, a, b) is not None for a in ids for b in ids)


@pytest.mark.parametrize(
    ("start", "goal", "through"),
    [
        pytest.param("data-analyst", "ml-engineer", "data-scientist", id="analyst-to-mle"),
        pytest.param("systems-administrator", "cloud-solutions-architect", None, id="sysadmin"),
        pytest.param("qa-engineer", "ai-research-scientist", "ml-engineer", id="qa-to-research"),
    ],
)
def test_real_paths(start: str, goal: str, through: str | None) -> None:
    path = career_path(start, goal)
    roles = [s.role for s in path.steps]
    assert roles[0] == start and roles[-1] == goal
    assert len(set(roles)) == len(roles)
    if through:
        assert through in roles
    graph = role_graph()
    for (a, b), step in zip(itertools.pairwise(roles), path.steps[1:], strict=True):
        assert b in graph[a]
        required = set(get_role(b).skill_ids(required=True))
        assert set(step.add_skills) <= required
    # every required skill of the goal is covered by the start or added on the way
    gained = set(get_role(start).skill_ids(required=True))
    gained |= {s for step in path.steps for s in step.add_skills}
    gained |= implied_skills(gained)  # an added PyTorch brings Python and deep learning
    assert set(get_role(goal).skill_ids(required=True)) <= gained
    assert path.total_distance == pytest.approx(
        sum(graph[a][b][0] for a, b in itertools.pairwise(roles)), abs=1e-3
    )


def test_known_skills_are_not_listed_to_add() -> None:
    plain = career_path("data-analyst", "ml-engineer")
    skilled = career_path("data-analyst", "ml-engineer", have=["machine-learning", "docker"])
    added = {s for step in skilled.steps for s in step.add_skills}
    assert {"machine-learning", "docker"} <= {s for step in plain.steps for s in step.add_skills}
    assert not added & {"machine-learning", "docker"}


def test_implied_skills_are_not_listed_to_add() -> None:
    # Kubernetes implies Docker (skill_implications.yaml): a Kubernetes user is not told to learn it
    skilled = career_path("data-analyst", "ml-engineer", have=["kubernetes"])
    added = {s for step in skilled.steps for s in step.add_skills}
    assert "docker" not in added


def test_same_role_is_a_one_step_path() -> None:
    path = career_path("devops-engineer", "devops-engineer")
    assert [s.role for s in path.steps] == ["devops-engineer"] and path.total_distance == 0


def test_unknown_role() -> None:
    with pytest.raises(UnknownRole, match="known roles"):
        career_path("astronaut", "ml-engineer")
