"""Stage 2a: what the data means, stated once. Every query, snapshot, analysis and view uses these
rules, on every store, so they cannot disagree (docs/semantics.md).

- :mod:`.inforce` — **time**: a relation's effective start and end, what "in force on day D"
  means, the data's horizon and the default day of every command.
- :mod:`.apply` — **identity**: which statements are one deal (``aikg:sameRelationAs``, end
  records), its primary statement, and how revision links end relations.
- :mod:`.status` — **status**: which status classes analyses count (talks and unreviewed
  candidates are kept and shown, not counted by default).
- :mod:`.values` — **values**: what each value counts (incremental, cumulative, maximum, part,
  level, annual) and how parts and totals add up without double counting.
- :mod:`.succession` — **organisation changes**: on whom an absorbed actor's relations are drawn.
- :mod:`.materialise` — the triples that make SPARQL give the snapshots' answers
  (``aikg:effectiveStart``, ``aikg:primaryStatement``, ``aikg:InForcePeriod`` …), added at load
  time by :mod:`graph.store.derive`.

The rules are plain functions of plain data (dicts of relation fields): no rdflib store, no
networkx, no I/O.
"""
