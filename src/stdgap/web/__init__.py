"""The web application and REST API (``stdgap serve``), assembled from the capabilities' pages
(:func:`stdgap.web.app.create_app`): pages that are also JSON, the API under ``/api/v1``,
accounts with roles and permissions, CSRF-protected forms, every write audited."""
