"""The floor for `bench/web_load.py`: a bare FastAPI application answering the same bytes on the
same stack (uvicorn, the same HTTP parser and event loop, the same number of workers).

    python bench/web_floor.py --port PORT --workers N --body FILE --media-type TYPE [--path PATH]

Answers GET PATH (query ignored) with the bytes of FILE, nothing else: no middleware, no store.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Response

from stdgap.web.cli import server_stack


def from_env() -> FastAPI:
    """The factory uvicorn's workers call: the body and route from the environment."""
    body = Path(os.environ["FLOOR_BODY"]).read_bytes()
    media_type = os.environ["FLOOR_MEDIA_TYPE"]
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get(os.environ["FLOOR_PATH"])
    def answer() -> Response:
        return Response(body, media_type=media_type)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--body", required=True)
    parser.add_argument("--media-type", default="application/json")
    parser.add_argument("--path", default="/api/v1/indicators")
    args = parser.parse_args()
    os.environ.update(FLOOR_BODY=args.body, FLOOR_MEDIA_TYPE=args.media_type, FLOOR_PATH=args.path)
    stack = server_stack()
    uvicorn.run(
        "web_floor:from_env",
        factory=True,
        host="127.0.0.1",
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
        app_dir=str(Path(__file__).parent),
        http=stack.http,
        loop=stack.loop,
    )


if __name__ == "__main__":
    main()
