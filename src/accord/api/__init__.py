"""HTTP API and offline dashboard: ``create_app(store)`` for an ASGI app, ``serve(db, host, port, token,
workers)`` to run it.

Charts use Vega-Lite (with vega and vega-embed, vendored from npm): a spec is plain JSON, so the
server builds each chart with its data inline (``accord.api.specs``) and tests check it as data; one
library covers the map (``geoshape`` over the vendored world-atlas TopoJSON, no tiles), the stacked
timeline and the dyad trend, with tooltips and click events. Everything else (filters, lists, the
article view with highlighted evidence) is small hand-written JS that only ever inserts article text
with ``textContent``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from accord.store import Store

__all__ = ["create_app", "serve"]


def create_app(store: Store, *, token: str | None = None, read_token_required: bool = False, **kw: Any) -> FastAPI:
    from accord.api.app import create_app as _create

    return _create(store, token=token, read_token_required=read_token_required, **kw)


def serve(
    db: str | None, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, workers: int = 1
) -> None:
    """Run the server; ``workers`` > 1 runs that many uvicorn processes (see :func:`accord.api.app.serve`)."""
    from accord.api.app import serve as _serve

    _serve(db, host, port, token, workers)
