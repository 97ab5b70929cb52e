"""Stage 4a: SPARQL, bundled and the user's own, with parameters bound safely."""

from .runner import BundledQuery, QueryResult, bundled_queries, resolve_query, run_query

__all__ = ["BundledQuery", "QueryResult", "bundled_queries", "resolve_query", "run_query"]
