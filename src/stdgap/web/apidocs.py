"""The API's documentation for people: Swagger UI at ``/api/docs``, reading
``/api/v1/openapi.json``. Swagger UI's files come from the ``fastapi-offline`` package (its
``static`` folder: Swagger UI 5, which reads OpenAPI 3.1), served by stdgap itself
(``/api/docs/assets``), never from a CDN; its start-up script is a static file
(``/static/apidocs.js``), so the page needs no inline script. Its style sheet draws icons as
``data:`` images, which this page's Content-Security-Policy alone allows."""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from stdgap.http.headers import CONTENT_SECURITY_POLICY

PATH = "/api/docs"
ASSETS = f"{PATH}/assets"
#: The site's policy, and icons as ``data:`` images (Swagger UI's style sheet draws them so).
POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self'", "img-src 'self' data:")

PAGE = f"""<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>stdgap API (OpenAPI)</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" href="{ASSETS}/favicon.png">
<script src="{ASSETS}/swagger-ui-bundle.js" defer></script>
<script src="/static/apidocs.js" defer></script>
</head>
<body>
<main id="swagger-ui" data-openapi="/api/v1/openapi.json">
<h1>stdgap API</h1>
<p>The interactive documentation needs JavaScript; the description itself is
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI).</p>
</main>
</body>
</html>
"""

router = APIRouter()


@router.get(PATH, include_in_schema=False, response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    return HTMLResponse(PAGE, headers={"content-security-policy": POLICY})


def install(app: FastAPI) -> None:
    """The documentation page and Swagger UI's files."""
    app.include_router(router)
    folder = files("fastapi_offline") / "static"
    app.mount(ASSETS, StaticFiles(directory=str(folder)), name="swagger-ui")
