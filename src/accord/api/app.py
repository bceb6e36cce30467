"""The FastAPI application: JSON API under ``/api``, the dashboard at ``/``, offline docs at ``/docs``.

Security choices, all server-side so every client gets them:

* writes (``POST /api/articles``) need ``Authorization: Bearer <token>``, compared with
  :func:`hmac.compare_digest`; with no token configured writes are off (403), never open;
* reads are open unless ``read_token_required``;
* request bodies are capped (413) before they are buffered, whether or not a Content-Length is sent;
* every response carries a Content-Security-Policy allowing only our own origin (no CDN, no inline
  script; ``'unsafe-eval'`` because Vega compiles its expression language with ``Function``), plus
  ``nosniff``, ``no-referrer`` and frame denial. The dashboard also escapes all article text itself.
"""

from __future__ import annotations

import hmac
import json
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from accord import __version__
from accord.errors import ConfigError
from accord.store import Store

STATIC_DIR = Path(str(resources.files("accord.api") / "static"))
MAX_BODY_BYTES = 5 * 1024 * 1024

CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class _TooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """Reject request bodies over ``max_bytes`` with 413: by Content-Length up front, else while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = False
                if too_big:
                    await self._reject(send)
                    return
        seen = 0
        started = False

        async def limited() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited, tracking_send)
        except _TooLarge:
            if not started:
                await self._reject(send)

    def _body_message(self) -> bytes:
        return json.dumps({"detail": f"request body too large (limit {self.max_bytes} bytes)"}).encode()

    async def _reject(self, send: Send) -> None:
        body = self._body_message()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = [h for h in msg.get("headers", []) if h[0] not in {k for k, _ in SECURITY_HEADERS}]
                msg = {**msg, "headers": headers + SECURITY_HEADERS}
            await send(msg)

        await self.app(scope, receive, with_headers)


class Auth:
    """Bearer-token checks; the token is compared in constant time."""

    def __init__(self, token: str | None, read_token_required: bool) -> None:
        self.token = token or None
        self.read_token_required = read_token_required

    def _matches(self, request: Request) -> bool:
        if self.token is None:
            return False
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(value.strip().encode("utf-8"), self.token.encode("utf-8"))

    def check_write(self, request: Request) -> None:
        if self.token is None:
            raise StarletteHTTPException(403, "writes are disabled: the server has no token (set ACCORD_TOKEN)")
        if not self._matches(request):
            raise StarletteHTTPException(401, "missing or wrong bearer token")

    def check_read(self, request: Request) -> None:
        if self.read_token_required and not self._matches(request):
            raise StarletteHTTPException(401, "this server requires a bearer token for reads")


def create_app(
    store: Store,
    *,
    token: str | None = None,
    read_token_required: bool = False,
    pipeline: Any = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The API + dashboard over ``store``. ``pipeline`` (a :class:`accord.pipeline.Pipeline`) is built
    on the first ingest when not given, so a read-only server never loads spaCy."""
    from accord.api.routes import open_router, router

    if read_token_required and not token:
        raise ConfigError("read_token_required needs a token")
    app = FastAPI(
        title="accord API",
        version=__version__,
        description=(
            "Verifiable, structured event data (PLOVER) extracted from news: events, actors, quotes, "
            "agreements — every item with its evidence span in the article text."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    tune_sqlite_readers(store)
    app.state.store = store
    app.state.auth = Auth(token, read_token_required)
    app.state.pipeline = pipeline
    app.state.pipeline_lock = threading.Lock()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
        parts = []
        for e in errors:
            loc = [str(x) for x in e.get("loc", []) if x not in ("query", "path", "body")]
            parts.append(f"parameter '{'.'.join(loc) or 'body'}': {e.get('msg')}")
        return JSONResponse({"detail": "; ".join(parts) or "invalid request", "errors": errors}, status_code=422)

    app.include_router(open_router)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def _dashboard() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.api_route("/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def _docs() -> FileResponse:
        return FileResponse(STATIC_DIR / "docs.html", media_type="text/html")

    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


#: Per-connection SQLite settings for the API's reads: a memory-mapped file (readers share the OS page
#: cache instead of copying pages into each connection's own cache) and a larger page cache.
SQLITE_READ_PRAGMAS = ("PRAGMA mmap_size=268435456", "PRAGMA cache_size=-32768")


def tune_sqlite_readers(store: Store) -> None:
    """Apply :data:`SQLITE_READ_PRAGMAS` to every connection the store opens from now on (no-op
    elsewhere); pooled connections opened before are dropped so that they get them too."""
    engine = store.engine
    if engine.dialect.name != "sqlite" or getattr(engine, "_accord_read_tuned", False):
        return
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        for pragma in SQLITE_READ_PRAGMAS:
            cur.execute(pragma)
        cur.close()

    engine._accord_read_tuned = True  # type: ignore[attr-defined]
    engine.dispose()


def _read_locked() -> bool:
    import os

    return os.environ.get("ACCORD_READ_TOKEN_REQUIRED", "").lower() in ("1", "true", "yes")


def app_from_env() -> FastAPI:
    """The app as configured by the environment (``$ACCORD_DB``, ``$ACCORD_TOKEN``,
    ``$ACCORD_READ_TOKEN_REQUIRED``): the factory each worker process calls under ``serve(workers=N)``."""
    import os

    token = os.environ.get("ACCORD_TOKEN") or None
    return create_app(Store(None), token=token, read_token_required=_read_locked())


def serve(
    db: str | None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, workers: int = 1
) -> None:
    """Run the API + dashboard with uvicorn (blocking). ``token`` defaults to ``$ACCORD_TOKEN``;
    ``$ACCORD_READ_TOKEN_REQUIRED=1`` also locks reads behind it.

    ``workers`` > 1 runs that many server processes on one port, each with its own connection pool:
    Python executes one request at a time per process, so on a multi-core machine more processes
    answer more requests at once. SQLite in WAL mode lets them all read while one writes; a POST
    served by one worker (and its relink) is seen by the others on their next query."""
    import os

    import uvicorn

    token = token or os.environ.get("ACCORD_TOKEN") or None
    if _read_locked() and not token:
        raise ConfigError("ACCORD_READ_TOKEN_REQUIRED is set but no token is configured (set ACCORD_TOKEN)")
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    if workers > 1:
        from accord.store import resolve_url

        Store(db).close()  # open (and migrate) once up front, so a bad --db fails here, not in every worker
        os.environ["ACCORD_DB"] = resolve_url(db)
        if token:
            os.environ["ACCORD_TOKEN"] = token
        uvicorn.run(
            "accord.api.app:app_from_env", factory=True, workers=workers, host=host, port=port, log_level="info",
            server_header=False,
        )  # fmt: skip
        return
    store = Store(db)
    app = create_app(store, token=token, read_token_required=_read_locked())
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
    finally:
        store.close()
