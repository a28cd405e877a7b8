"""The web app and JSON API (`paypath serve`)."""

from __future__ import annotations

from paypath.web.app import create_app

__all__ = ["create_app"]
