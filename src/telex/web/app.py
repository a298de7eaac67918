"""The ``telex serve`` application: the JSON API, the web pages and their static files.

:func:`create_app` builds it for one store. Start-up opens nothing heavy: the NLP model loads in
the ingest worker when a job first needs it, and the actor knowledge base (for searches by name)
loads in a background thread once the server is up.

Every response carries a Content-Security-Policy that allows scripts, styles and fetches from the
server itself only, and no inline script: even if an escaping mistake let article text through as
markup, the browser would not run it.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from telex import __version__
from telex.errors import StoreSchemaOutdated, StoreUnavailable
from telex.ingest import DEFAULT_MAX_BYTES
from telex.store import Store

HERE = Path(__file__).parent
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
    " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
DESCRIPTION = """
telex's store over HTTP: articles, the actors they mention, quotes with their speakers and
CAMEO/PLOVER-coded events, every fact with character offsets into the article's text.

Listings page by cursor (`next_cursor`, null on the last page) over a stable order. A parameter
the API cannot use is a 422 that names it; an unknown id a 404. Writes (`POST /api/v1/ingest`)
exist only when the server was started with `TELEX_TOKEN` set, and need
`Authorization: Bearer <token>`.
"""


@dataclass(frozen=True, slots=True)
class ServerSettings:
    """What a server serves: its store, the token that allows ingest (None: read-only server), the
    largest upload it accepts, and where uploads are kept (default: ``<db>.uploads/`` beside the store)."""

    db: Path
    token: str | None = None
    max_upload: int = DEFAULT_MAX_BYTES
    uploads: Path | None = None

    @property
    def uploads_folder(self) -> Path:
        return self.uploads or self.db.with_name(self.db.name + ".uploads")


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response (streamed ones too)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((name, value) for name, value in SECURITY_HEADERS if name not in present),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def prepare_store(settings: ServerSettings) -> None:
    """Check the store before serving it: it must exist unless ingest is allowed (then it is
    created), and its schema must be current (an older one is migrated once, read-write)."""
    if not settings.db.exists():
        if not settings.token:
            raise StoreUnavailable(
                f"no store at {str(settings.db)!r}: ingest something first (telex ingest PAGES --db {settings.db}),"
                " or set TELEX_TOKEN to ingest through the API"
            )
        Store(settings.db).close()  # creates it with the current schema
        return
    try:
        Store(settings.db, read_only=True).close()
    except StoreSchemaOutdated:
        Store(settings.db).close()


def _templates() -> Any:
    from fastapi.templating import Jinja2Templates
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from telex.web.pages import safe_link

    environment = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: article text is hostile
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["safe_link"] = safe_link
    environment.globals["version"] = __version__
    return Jinja2Templates(env=environment)


def create_app(settings: ServerSettings) -> FastAPI:
    """The application serving ``settings.db``; raises :class:`StoreUnavailable` when it cannot."""
    from telex.web.api import ingest_router
    from telex.web.api import router as api_router
    from telex.web.jobs import IngestJobs
    from telex.web.lookup import warm_up
    from telex.web.pages import not_found_page
    from telex.web.pages import router as page_router
    from telex.web.stores import ReadOnlyStores

    settings = ServerSettings(settings.db.expanduser(), settings.token or None, settings.max_upload, settings.uploads)
    prepare_store(settings)
    stores = ReadOnlyStores(settings.db)
    jobs = IngestJobs(settings.db, settings.uploads_folder, settings.max_upload) if settings.token else None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=warm_up, name="telex-knowledge", daemon=True).start()
        yield
        if jobs is not None:
            jobs.close()
        stores.close()

    app = FastAPI(
        title="telex",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # served by the pages with Swagger UI shipped in the package, not from a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.stores = stores
    app.state.jobs = jobs
    app.state.templates = _templates()
    app.include_router(api_router)
    app.include_router(ingest_router(in_schema=bool(settings.token)))  # no token: not in the schema, 403
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Any:
        """JSON for the API, a page for the pages."""
        path = request.url.path
        if path.startswith(("/api/", "/static/", "/openapi.json")):
            return await http_exception_handler(request, error)
        return not_found_page(request, error)

    app.add_middleware(SecurityHeaders)
    return app
