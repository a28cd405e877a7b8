"""paypath: where the money flows in tech, from real and cited data.

The public API is what ``__all__`` lists; everything else is private.
"""

from __future__ import annotations

from paypath.catalog import Role, Skill, get_role, get_skill, load_roles, load_skills
from paypath.errors import PaypathError

__all__ = [
    "PaypathError",
    "Role",
    "Skill",
    "get_role",
    "get_skill",
    "load_roles",
    "load_skills",
]

__version__ = "0.1.0"
