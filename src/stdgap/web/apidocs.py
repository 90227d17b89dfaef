"""The API's documentation for people: Swagger UI at ``/api/docs``, reading
``/api/v1/openapi.json``. Swagger UI's files come from the ``fastapi-offline`` package (its
``static`` folder: Swagger UI 5, which reads OpenAPI 3.1), served by stdgap itself
(``/api/docs/assets``), never from a CDN; its start-up script is a static file
(``/static/apidocs.js``), so the page needs no inline script. Its style sheet draws icons as
``data:`` images, which this page's Content-Security-Policy alone allows."""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from stdgap.http.headers import CONTENT_SECURITY_POLICY
from stdgap.http.render import render_page

PATH = "/api/docs"
ASSETS = f"{PATH}/assets"
#: The site's policy, and icons as ``data:`` images (Swagger UI's style sheet draws them so).
POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self'", "img-src 'self' data:")

router = APIRouter()


@router.get(PATH, include_in_schema=False, response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The page in the reader's language and direction (Swagger UI's own words are English)."""
    page = render_page(request, "api_docs.html", {}, assets=ASSETS)
    page.headers["content-security-policy"] = POLICY
    return page


def install(app: FastAPI) -> None:
    """The documentation page and Swagger UI's files."""
    app.include_router(router)
    folder = files("fastapi_offline") / "static"
    app.mount(ASSETS, StaticFiles(directory=str(folder)), name="swagger-ui")
