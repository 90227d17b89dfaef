"""The web application and REST API (``stdgap serve``): pages that are also JSON, the API under
``/api/v1``, accounts with roles, CSRF-protected forms and an audit log of every write."""

from stdgap.web.app import create_app

__all__ = ["create_app"]
