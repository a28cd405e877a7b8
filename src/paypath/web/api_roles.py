"""`/api/roles…`: the role catalog, in the shapes of `paypath roles … --json`."""

from __future__ import annotations

from fastapi import APIRouter, Path

from paypath.catalog import Role, SalaryBand, get_role, load_roles
from paypath.web.errors import ERROR_RESPONSES
from paypath.web.models import RoleSummary

__all__ = ["ranked_roles", "role_summary", "router"]

router = APIRouter(prefix="/api", tags=["roles"], responses=ERROR_RESPONSES)

ROLE_ID = Path(
    description="Role id, e.g. ml-engineer (see /api/roles).",
    max_length=80,
    examples=["ml-engineer"],
)


def ranked_roles() -> list[Role]:
    """Roles with a seed band first, highest band minimum first (as `paypath roles list`)."""

    def key(role: Role) -> tuple[bool, int, str]:
        band: SalaryBand | None = role.salary_band
        return (band is None, -(band.min if band else 0), role.id)

    return sorted(load_roles(), key=key)


def role_summary(role: Role) -> RoleSummary:
    return RoleSummary(
        id=role.id,
        title=role.title,
        salary_band=role.salary_band,
        soc_codes=list(role.soc_codes),
        seed=role.seed,
    )


@router.get("/roles", response_model=list[RoleSummary], summary="List roles")
def list_roles() -> list[RoleSummary]:
    """The roles, the seed article's roles ranked by their pay band first."""
    return [role_summary(r) for r in ranked_roles()]


@router.get("/roles/{role_id}", response_model=Role, summary="Show a role")
def show_role(role_id: str = ROLE_ID) -> Role:
    """One role: band, responsibilities, skills (required or nice to have), SOC codes."""
    return get_role(role_id)
