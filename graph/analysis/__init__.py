"""Stage 5: analyses of a snapshot (:func:`graph.network.snapshot.snapshot`), plain functions of a
networkx graph returning plain dicts: no I/O, no RDF.

- :mod:`.views`: the dependency view, the tie view and the money-flow view of a snapshot.
- :mod:`.centrality`: degrees, betweenness, PageRank, eigenvector (or Katz), value-weighted variants.
- :mod:`.concentration`: an actor's compute suppliers, their shares and the Herfindahl-Hirschman index.
- :mod:`.gatekeepers`: actors whose approval or right of first refusal stands before an actor's suppliers.
- :mod:`.cycles`: circular flows mixing money and compute or chips.
- :mod:`.exposure`: known value owed to or by each counterparty, and the largest single dependency.
- :mod:`.shift`: what changed between two snapshots (or several, in sequence).
- :mod:`.overview`: every analysis of one snapshot gathered for a report.

The public entry point the views use for node sizes is
``graph.analysis.centrality.centrality(snapshot_graph) -> dict[actor_iri, dict[measure, float]]``.
"""
