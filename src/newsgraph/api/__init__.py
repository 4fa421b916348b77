"""The web UI and JSON API (``newsgraph serve``)."""
from newsgraph.api.app import create_app

__all__ = ["create_app"]
