"""A remote SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso...) as an
rdflib graph, with timeouts and errors a user can act on, and a push of triples by SPARQL Update.

rdflib's own connector has no timeout and turns a refused connection into "You did something
wrong formulating either the URI or your SPARQL query"; this one says what happened.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlencode

from rdflib import Graph
from rdflib.plugins.stores.sparqlconnector import SPARQLConnector
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from .errors import AikgError

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


def http_post(url: str, body: bytes, content_type: str, accept: str, timeout: float) -> tuple[str, bytes]:
    """POST ``body``; return (content type, response bytes), or raise a clear :class:`AikgError`."""
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": content_type, "Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip().splitlines()
        first = detail[0][:300] if detail else ""
        raise AikgError(f"endpoint {url} answered HTTP {exc.code} {exc.reason}: {first}") from None
    except TimeoutError:
        raise AikgError(f"endpoint {url} did not answer within {timeout:g} s (raise it with --timeout)") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise AikgError(f"endpoint {url} did not answer within {timeout:g} s (raise it with --timeout)") from None
        raise AikgError(f"cannot reach endpoint {url}: {exc.reason}") from None
    except (ConnectionError, OSError) as exc:
        raise AikgError(f"cannot reach endpoint {url}: {exc}") from None


class _Connector(SPARQLConnector):
    timeout: float = 60.0

    def query(self, query: str, default_graph: str | None = None, named_graph: str | None = None) -> Result:
        ctype, data = http_post(
            str(self.query_endpoint),
            urlencode({"query": query}).encode("utf-8"),
            "application/x-www-form-urlencoded",
            ACCEPT,
            self.timeout,
        )
        ctype = ctype.split(";")[0].strip().lower()
        if ctype in ("application/n-triples", "text/turtle", "text/plain"):
            result = Result("CONSTRUCT")
            result.graph = Graph().parse(data=data.decode("utf-8"), format="turtle")
            return result
        try:
            return Result.parse(io.BytesIO(data), format="json")
        except Exception as exc:
            raise AikgError(f"endpoint {self.query_endpoint} sent an unreadable answer ({ctype}): {exc}") from None


class EndpointStore(SPARQLStore, _Connector):
    """rdflib's SPARQLStore speaking through :class:`_Connector` (read-only)."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        super().__init__(query_endpoint=url, returnFormat="json")
        self.timeout = timeout


def endpoint_graph(url: str, timeout: float = 60.0) -> Graph:
    """A read-only rdflib graph whose queries run on the endpoint at ``url``."""
    if not url.startswith(("http://", "https://")):
        raise AikgError(f"--endpoint {url!r}: expected an http:// or https:// URL")
    return Graph(store=EndpointStore(url, timeout))


def post_update(url: str, update: str, timeout: float = 60.0) -> None:
    """Send one SPARQL Update request."""
    http_post(url, update.encode("utf-8"), "application/sparql-update", "*/*", timeout)


def push_ntriples(
    url: str, lines: Iterable[str], *, graph: str | None = None, batch: int = 5000, timeout: float = 120.0
) -> int:
    """Insert N-Triples ``lines`` with ``INSERT DATA`` batches, into ``graph`` or the default graph.

    Returns the number of triples sent. Plain SPARQL Update, so it works on any SPARQL 1.1
    server; some (Virtuoso) have no writable default graph and need ``graph``.
    """
    open_, close = ("INSERT DATA {\n", "\n}") if graph is None else (f"INSERT DATA {{ GRAPH <{graph}> {{\n", "\n}}")
    sent, chunk = 0, []
    for line in lines:
        if line.strip():
            chunk.append(line)
        if len(chunk) >= batch:
            post_update(url, open_ + "\n".join(chunk) + close, timeout)
            sent, chunk = sent + len(chunk), []
    if chunk:
        post_update(url, open_ + "\n".join(chunk) + close, timeout)
        sent += len(chunk)
    return sent


def push_graph_store(url: str, lines: Iterable[str], *, batch: int = 50000, timeout: float = 120.0) -> int:
    """POST N-Triples ``lines`` to a Graph Store Protocol URL (it names the graph itself:
    Oxigraph ``/store?default``, Virtuoso ``/sparql-graph-crud?graph-uri=IRI``); return the count."""
    sent, chunk = 0, []

    def flush() -> None:
        http_post(url, ("\n".join(chunk) + "\n").encode("utf-8"), "application/n-triples", "*/*", timeout)

    for line in lines:
        if line.strip():
            chunk.append(line)
        if len(chunk) >= batch:
            flush()
            sent, chunk = sent + len(chunk), []
    if chunk:
        flush()
        sent += len(chunk)
    return sent


def update_url_for(query_url: str) -> str:
    """The update endpoint for a query URL: Oxigraph's ``/query`` pairs with ``/update``; else the same URL."""
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url
