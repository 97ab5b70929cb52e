"""A remote SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso...) as an
rdflib graph, with timeouts and errors a user can act on, and a push of triples by SPARQL Update.

rdflib's own connector has no timeout and turns a refused connection into "You did something
wrong formulating either the URI or your SPARQL query"; this one says what happened.
"""

from __future__ import annotations

import http.client
import io
import socket
import threading
import time
from collections.abc import Iterable
from urllib.parse import urlencode, urljoin, urlsplit

from rdflib import Graph
from rdflib.plugins.stores.sparqlconnector import SPARQLConnector
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result

from .errors import AikgError

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
#: The largest answer read from an endpoint, by default (``--max-answer-mb``).
MAX_ANSWER_MB = 1024.0
#: Redirects followed within one request, all to the endpoint's own origin.
MAX_REDIRECTS = 5
_CHUNK = 1 << 16


def _origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


def _timed_out(url: str, timeout: float) -> AikgError:
    return AikgError(f"endpoint {url} did not answer within {timeout:g} s (raise it with --timeout)")


def _exchange(
    method: str,
    url: str,
    body: bytes | None,
    headers: dict[str, str],
    deadline: float,
    max_bytes: int,
    shown: str,
    timeout: float,
) -> tuple[int, str, http.client.HTTPMessage, bytes]:
    """One HTTP request, bounded by ``deadline`` as a whole and by ``max_bytes`` of answer.

    A socket timeout bounds each read, not the request: a server that sends a byte now and then
    would hold it forever. A watchdog shuts the socket down at the deadline instead, whatever the
    request is waiting for (connection, headers or body).
    """
    parts = urlsplit(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timed_out(shown, timeout)
    cls = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    conn = cls(parts.hostname or "", parts.port, timeout=remaining)
    fired = threading.Event()

    def abort() -> None:
        fired.set()
        sock = conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(remaining, abort)
    watchdog.daemon = True
    watchdog.start()
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    received = 0
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        declared = response.getheader("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > max_bytes:
            raise _too_large(shown, max_bytes)
        chunks = []
        while chunk := response.read(_CHUNK):
            received += len(chunk)
            if received > max_bytes:
                raise _too_large(shown, max_bytes)
            chunks.append(chunk)
        if fired.is_set():
            raise _timed_out(shown, timeout)
        if declared and declared.strip().isdigit() and received < int(declared):
            # http.client ends a short read quietly when the server closes early.
            raise AikgError(f"endpoint {shown} cut its answer off after {received} of the {declared} bytes announced")
        return response.status, response.reason, response.headers, b"".join(chunks)
    except AikgError:
        raise
    except TimeoutError:
        raise _timed_out(shown, timeout) from None
    except http.client.IncompleteRead as exc:
        if fired.is_set():
            raise _timed_out(shown, timeout) from None
        missing = f" ({exc.expected} more were announced)" if exc.expected else ""
        got = received + len(exc.partial)
        raise AikgError(f"endpoint {shown} cut its answer off after {got} bytes{missing}") from None
    except http.client.RemoteDisconnected:
        if fired.is_set():
            raise _timed_out(shown, timeout) from None
        raise AikgError(f"endpoint {shown} closed the connection without answering") from None
    except http.client.HTTPException as exc:
        if fired.is_set():
            raise _timed_out(shown, timeout) from None
        raise AikgError(f"endpoint {shown} sent an invalid HTTP answer: {type(exc).__name__} {exc}") from None
    except socket.gaierror as exc:
        raise AikgError(f"cannot reach endpoint {shown}: unknown host ({exc.strerror})") from None
    except OSError as exc:
        if fired.is_set():
            raise _timed_out(shown, timeout) from None
        raise AikgError(f"cannot reach endpoint {shown}: {exc.strerror or exc}") from None
    finally:
        watchdog.cancel()
        conn.close()


def _too_large(url: str, max_bytes: int) -> AikgError:
    return AikgError(
        f"endpoint {url} sent more than {max_bytes / 2**20:.4g} MB; refused (raise the limit with --max-answer-mb)"
    )


def http_post(
    url: str,
    body: bytes,
    content_type: str,
    accept: str,
    timeout: float,
    *,
    max_answer_mb: float = MAX_ANSWER_MB,
) -> tuple[str, bytes]:
    """POST ``body``; return (content type, response bytes), or raise a clear :class:`AikgError`.

    ``timeout`` bounds the whole request, redirects included; an answer larger than
    ``max_answer_mb`` is refused. Redirects are followed only to the same origin (scheme, host
    and port): a 307/308 (and a 301/302, which SPARQL servers use for a moved endpoint) sends
    the request again, a 303 fetches the new location; a redirect anywhere else is refused, so
    a query is never sent, nor an answer taken, from a host the user did not name.
    """
    deadline = time.monotonic() + timeout
    max_bytes = int(max_answer_mb * 2**20)
    origin = _origin(url)
    method, current, data = "POST", url, body
    for _ in range(MAX_REDIRECTS + 1):
        headers = {"Accept": accept}
        if data is not None:
            headers["Content-Type"] = content_type
        status, reason, answer_headers, payload = _exchange(
            method, current, data, headers, deadline, max_bytes, url, timeout
        )
        if status in (301, 302, 303, 307, 308):
            location = answer_headers.get("Location")
            if not location:
                raise AikgError(f"endpoint {url} answered HTTP {status} {reason} with no Location to go to")
            target = urljoin(current, location.strip())
            if _origin(target) != origin:
                raise AikgError(
                    f"endpoint {url} redirected to {target}, another host, port or scheme; aikg follows "
                    "redirects only within the endpoint's own origin (give that URL with --endpoint if you trust it)"
                )
            if status == 303:
                method, data = "GET", None
            current = target
            continue
        if status >= 400:
            detail = payload.decode("utf-8", "replace").strip().splitlines()
            first = detail[0][:300] if detail else ""
            raise AikgError(f"endpoint {url} answered HTTP {status} {reason}: {first}")
        return answer_headers.get("Content-Type", ""), payload
    raise AikgError(f"endpoint {url} redirected more than {MAX_REDIRECTS} times")


def _query_shape(query: str) -> tuple[str, list[str] | None] | None:
    """The form of ``query`` (SELECT, ASK, CONSTRUCT, DESCRIBE) and, for SELECT, its variables;
    None when rdflib cannot read it (a vendor extension the endpoint may know)."""
    from rdflib.plugins.sparql import prepareQuery

    try:
        algebra = prepareQuery(query).algebra
    except Exception:
        return None
    form = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
    kind = form.get(algebra.name)
    if kind is None:
        return None
    names = [str(v) for v in algebra.get("PV", [])] if kind == "SELECT" else None
    return kind, names


class _Connector(SPARQLConnector):
    timeout: float = 60.0
    max_answer_mb: float = MAX_ANSWER_MB

    def query(self, query: str, default_graph: str | None = None, named_graph: str | None = None) -> Result:
        url = str(self.query_endpoint)
        ctype, data = http_post(
            url,
            urlencode({"query": query}).encode("utf-8"),
            "application/x-www-form-urlencoded",
            ACCEPT,
            self.timeout,
            max_answer_mb=self.max_answer_mb,
        )
        if not data.strip():
            raise AikgError(f"endpoint {url} sent an empty answer")
        ctype = ctype.split(";")[0].strip().lower()
        shape = _query_shape(query)
        if ctype in ("application/n-triples", "text/turtle", "text/plain"):
            result = Result("CONSTRUCT")
            try:
                result.graph = Graph().parse(data=data.decode("utf-8"), format="turtle")
            except Exception as exc:
                raise AikgError(f"endpoint {url} sent an unreadable graph ({ctype}, cut off?): {exc}") from None
        else:
            try:
                result = Result.parse(io.BytesIO(data), format="json")
            except Exception as exc:
                raise AikgError(f"endpoint {url} sent an unreadable answer ({ctype}, cut off?): {exc}") from None
        if shape is not None:
            _check_shape(url, shape, result)
        return result


def _check_shape(url: str, shape: tuple[str, list[str] | None], result: Result) -> None:
    """Refuse an answer of another form than the query's, or with other variables."""
    kind, names = shape
    got = "CONSTRUCT" if result.type == "DESCRIBE" else result.type
    if got != ("CONSTRUCT" if kind == "DESCRIBE" else kind):
        raise AikgError(f"endpoint {url} answered a {kind} query with an answer of another form ({result.type})")
    if names is not None:
        have = [str(v) for v in result.vars or []]
        if sorted(have) != sorted(names):
            raise AikgError(
                f"endpoint {url} answered with the variables {', '.join(have) or 'none'} where the query "
                f"asks for {', '.join(names)}"
            )


class EndpointStore(SPARQLStore, _Connector):
    """rdflib's SPARQLStore speaking through :class:`_Connector` (read-only)."""

    def __init__(self, url: str, timeout: float = 60.0, max_answer_mb: float = MAX_ANSWER_MB) -> None:
        super().__init__(query_endpoint=url, returnFormat="json")
        self.timeout = timeout
        self.max_answer_mb = max_answer_mb


def endpoint_graph(url: str, timeout: float = 60.0, max_answer_mb: float = MAX_ANSWER_MB) -> Graph:
    """A read-only rdflib graph whose queries run on the endpoint at ``url``."""
    if not url.startswith(("http://", "https://")):
        raise AikgError(f"--endpoint {url!r}: expected an http:// or https:// URL")
    if timeout <= 0 or max_answer_mb <= 0:
        raise AikgError("--timeout and --max-answer-mb must be above 0")
    return Graph(store=EndpointStore(url, timeout, max_answer_mb))


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
