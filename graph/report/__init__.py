"""Stage 6: reports. Rendering only: each function turns the dicts of :mod:`graph.analysis` into
CSV, JSON, Markdown, HTML or PNG, and computes nothing about the network.

- :mod:`.fmt`: numbers, values and dates as text.
- :mod:`.centrality_tables`: ``centrality.csv``, ``centrality.json``, ``centrality.md``.
- :mod:`.charts`: matplotlib charts as PNG bytes (Agg backend, byte-stable).
- :mod:`.html`: ``report.html`` and ``shift.html``, every source-derived string escaped.
- :mod:`.shift_text`: the shift as terminal text, ``shift.md`` and ``shift.json``.
"""
