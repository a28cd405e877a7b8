"""Career paths: the shortest sequence of roles between two roles over a skill-distance graph.

Nodes are the catalog roles. Two roles are linked when one lists the other in
``Role.related`` or when their skill similarity is at least ``EDGE_SIMILARITY``.
Similarity is the weighted Jaccard index of the roles' skill weights
(Σ min(w_a, w_b) / Σ max(w_a, w_b)), leaving out the skills that half or more of the
roles list (the seed article's cross-role meta skills, which do not tell roles apart).
An edge costs ``1 - similarity`` (the skill distance) plus ``HOP_COST`` per move, so
that a chain of near-identical roles does not beat one clear step. The path is found
with Dijkstra's algorithm (``heapq``; the graph has a few dozen nodes, so no graph
library is needed). Each step lists the required skills of the new role that neither
the person nor the required skills of the roles before it on the path already cover.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable
from functools import cache

from pydantic import BaseModel

from paypath.catalog import Role, get_role, implied_skills, load_roles
from paypath.errors import InsufficientData

__all__ = [
    "EDGE_SIMILARITY",
    "HOP_COST",
    "CareerPath",
    "CareerStep",
    "career_path",
    "role_graph",
    "shortest_path",
    "similarity",
]

EDGE_SIMILARITY = 0.15
HOP_COST = 0.05
COMMON_SHARE = 0.5


class CareerStep(BaseModel):
    role: str
    title: str
    distance: float  # skill distance from the previous step (0 for the start)
    add_skills: list[str]  # required skills to add at this step
    also_useful: list[str]  # nice-to-have skills not yet covered
    via: str  # "start", "related", or "skill overlap"


class CareerPath(BaseModel):
    from_role: str
    to_role: str
    steps: list[CareerStep]
    total_distance: float
    method: str
    source: str = "catalog: roles.yaml (skills, weights, related roles)"


@cache
def _common_skills() -> frozenset[str]:
    roles = load_roles()
    counts: dict[str, int] = {}
    for role in roles:
        for skill in set(role.skill_ids()):
            counts[skill] = counts.get(skill, 0) + 1
    return frozenset(s for s, n in counts.items() if n >= COMMON_SHARE * len(roles))


def _vector(role: Role) -> dict[str, float]:
    common = _common_skills()
    return {s.skill: s.weight for s in role.skills if s.skill not in common}


def similarity(a: Role, b: Role) -> float:
    """Weighted Jaccard similarity of two roles' distinguishing skills (0..1)."""
    va, vb = _vector(a), _vector(b)
    keys = sorted(va.keys() | vb.keys())  # one summation order: symmetric to the last bit
    top = sum(max(va.get(k, 0.0), vb.get(k, 0.0)) for k in keys)
    if not top:
        return 0.0
    return sum(min(va.get(k, 0.0), vb.get(k, 0.0)) for k in keys) / top


@cache
def role_graph() -> dict[str, dict[str, tuple[float, str]]]:
    """Adjacency: role id -> {neighbour id: (edge cost, "related"|"skill overlap")}."""
    roles = load_roles()
    graph: dict[str, dict[str, tuple[float, str]]] = {r.id: {} for r in roles}
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            sim = similarity(a, b)
            linked = b.id in a.related or a.id in b.related
            if linked or sim >= EDGE_SIMILARITY:
                edge = (round(1.0 - sim + HOP_COST, 6), "related" if linked else "skill overlap")
                graph[a.id][b.id] = edge
                graph[b.id][a.id] = edge
    return graph


def shortest_path(
    graph: dict[str, dict[str, tuple[float, str]]], start: str, goal: str
) -> tuple[float, list[str]] | None:
    """Dijkstra over a weighted adjacency map: (cost, nodes) or None when unreachable."""
    best = {start: 0.0}
    previous: dict[str, str] = {}
    queue: list[tuple[float, str]] = [(0.0, start)]
    done: set[str] = set()
    while queue:
        cost, node = heapq.heappop(queue)
        if node in done:
            continue
        if node == goal:
            path = [goal]
            while path[-1] != start:
                path.append(previous[path[-1]])
            return cost, path[::-1]
        done.add(node)
        for nxt, (weight, _) in sorted(graph.get(node, {}).items()):
            new = cost + weight
            if nxt not in done and new < best.get(nxt, float("inf")):
                best[nxt], previous[nxt] = new, node
                heapq.heappush(queue, (new, nxt))
    return None


def career_path(from_role: str, to_role: str, *, have: Iterable[str] = ()) -> CareerPath:
    """The cheapest sequence of roles from one role to another, with the skills to add.

    Role ids are checked (:class:`~paypath.errors.UnknownRole`); ``have`` holds skill
    ids the person already has. :class:`InsufficientData` if no path exists.
    """
    start, goal = get_role(from_role), get_role(to_role)
    graph = role_graph()
    found = shortest_path(graph, start.id, goal.id)
    if found is None:
        raise InsufficientData(
            f"no path from {start.id} to {goal.id}: the roles share too few skills"
        )
    cost, nodes = found
    covered = set(have) | set(start.skill_ids(required=True))
    covered |= implied_skills(covered)  # PyTorch -> Python: never listed to add
    steps = [
        CareerStep(
            role=start.id,
            title=start.title,
            distance=0.0,
            add_skills=[],
            also_useful=[],
            via="start",
        )
    ]
    for prev, node in itertools.pairwise(nodes):
        role = get_role(node)
        weight, via = graph[prev][node]
        add = [s for s in role.skill_ids(required=True) if s not in covered]
        useful = [s for s in role.skill_ids(required=False) if s not in covered]
        covered |= set(add) | implied_skills(add)
        steps.append(
            CareerStep(
                role=role.id,
                title=role.title,
                distance=round(weight - HOP_COST, 4),
                add_skills=add,
                also_useful=useful,
                via=via,
            )
        )
    return CareerPath(
        from_role=start.id,
        to_role=goal.id,
        steps=steps,
        total_distance=round(cost, 4),
        method=(
            f"Dijkstra over roles; edge = related roles or weighted-Jaccard skill similarity "
            f"≥ {EDGE_SIMILARITY}; cost = 1 - similarity + {HOP_COST} per step"
        ),
    )
