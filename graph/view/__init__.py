"""Stage 6b: interactive HTML views of snapshots (pyvis / vis-network), offline and injection-safe.

``render_view`` draws one snapshot, ``render_compare`` two (before and after) with the same
positions and the changed relations highlighted. Both return one self-contained HTML page:
vis-network inlined, no request to any other host, every text from the data shown as text.
See ``docs/views.md``. Rendering only: centrality figures come from the caller.
"""

from .compare import changed_relations, render_compare
from .page import DEFAULT_HEADING, assert_offline, render_view

__all__ = ["DEFAULT_HEADING", "assert_offline", "changed_relations", "render_compare", "render_view"]
