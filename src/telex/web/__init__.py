"""``telex serve``: the store over HTTP, as a JSON API under ``/api/v1`` and as web pages.

>>> from telex.web import ServerSettings, create_app
>>> app = create_app(ServerSettings(Path("example.db")))  # an ASGI application for uvicorn

Reads go through read-only connections; ingest exists only with a token (see :mod:`telex.web.app`).
Nothing here imports spaCy: the NLP loads in the ingest worker when a job needs it.
"""

from telex.web.app import ServerSettings, create_app

__all__ = ["ServerSettings", "create_app"]
