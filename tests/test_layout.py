"""The package's layout is the data's flow: each stage imports only from the stages before it, no
module imports itself back through another, and the command line answers nothing the Python API
does not (the same bytes from both)."""

from __future__ import annotations

import ast
import csv
import json
from pathlib import Path

import networkx as nx
import pytest

import graph as aikg

from .conftest import ROOT

#: The stages in the data's order; a stage may import from any stage before it, never after.
STAGES = (
    "core",
    "rules",
    "query",
    "sources",
    "store",
    "validation",
    "network",
    "analysis",
    "view",
    "report",
    "extract",
    "api",
    "server",
    "cli",
)


def import_graph(root: Path, package: str = "graph") -> nx.DiGraph:
    """Modules of ``root/package`` and what each imports, lazily inside functions included."""
    modules: dict[str, tuple[Path, bool]] = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        modules[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    G = nx.DiGraph()
    for name, (path, is_package) in modules.items():
        G.add_node(name)
        here = name if is_package else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules]
                targets = subs if subs and len(subs) == len(node.names) else [target, *subs]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            G.add_edges_from((name, t) for t in targets if t in modules and t != name)
    return G


def stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def layering_faults(G: nx.DiGraph) -> list[str]:
    """Imports against the flow, and import cycles between modules."""
    faults = [f"cycle: {' -> '.join(sorted(c))}" for c in nx.strongly_connected_components(G) if len(c) > 1]
    for a, b in sorted(G.edges()):
        sa, sb = stage(a), stage(b)
        if sa and sb and STAGES.index(sb) > STAGES.index(sa):
            faults.append(f"{a} ({sa}) imports {b} ({sb}), a later stage")
    return faults


def test_every_module_belongs_to_a_stage():
    G = import_graph(ROOT)
    loose = sorted(m for m in G if stage(m) is None and m not in ("graph", "graph.__main__"))
    assert loose == []


def test_stages_import_only_earlier_stages_and_no_cycle():
    assert layering_faults(import_graph(ROOT)) == []


def test_the_check_finds_a_cycle_and_a_backward_import(tmp_path):
    # A layout checker that cannot fail proves nothing: build a small package with both faults.
    pkg = tmp_path / "graph"
    for folder in ("core", "analysis"):
        (pkg / folder).mkdir(parents=True)
        (pkg / folder / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "core" / "a.py").write_text("from ..analysis import b\n")
    (pkg / "analysis" / "b.py").write_text("def f():\n    from ..core import a\n")
    faults = layering_faults(import_graph(tmp_path))
    assert any(f.startswith("cycle:") for f in faults)
    assert "graph.core.a (core) imports graph.analysis.b (analysis), a later stage" in faults


def test_the_command_line_reads_no_network_and_computes_no_analysis():
    # The CLI parses, calls the API and prints: a question answered below it is answered once.
    G = import_graph(ROOT)
    direct = sorted(
        f"{a} -> {b}" for a, b in G.edges() if stage(a) == "cli" and stage(b) in ("network", "analysis", "view")
    )
    assert direct == []


# -- the command line and the Python API give the same answers -----------------------------------


@pytest.fixture(scope="module")
def kg():
    return aikg.open(layers="article")


def test_query_rows_are_the_commands_rows(kg, cli):
    rows = kg.query("compute-suppliers", actor="OpenAI", at="2025-11-10")
    out = cli(
        "query",
        "compute-suppliers",
        "--actor",
        "OpenAI",
        "--at",
        "2025-11-10",
        "--format",
        "csv",
        "--layers",
        "article",
    )
    assert out.code == 0
    assert rows.text("csv") == out.out
    assert len(rows) >= 1 and {"supplier"} <= set(rows.vars)


def test_shift_is_the_commands_shift(kg, cli, tmp_path):
    out = cli("shift", "--event", "restructuring", "--layers", "article", "--out", tmp_path / "cli")
    assert out.code == 0
    shift = kg.shift(["restructuring"])
    assert shift.text() == out.out
    written = sorted(p.name for p in shift.write(tmp_path / "api"))
    assert written == ["shift.html", "shift.json", "shift.md"]
    for name in written:
        assert (tmp_path / "cli" / name).read_bytes() == (tmp_path / "api" / name).read_bytes(), name
    assert shift.before < shift.after


def test_report_files_are_the_commands_files(kg, cli, tmp_path):
    assert cli("report", "--at", "2025-11-10", "--layers", "article", "--out", tmp_path / "cli").code == 0
    kg.report("2025-11-10").write(tmp_path / "api")
    names = sorted(p.name for p in (tmp_path / "cli").iterdir())
    assert "centrality.csv" in names
    assert names == sorted(p.name for p in (tmp_path / "api").iterdir())
    for name in names:
        assert (tmp_path / "cli" / name).read_bytes() == (tmp_path / "api" / name).read_bytes(), name


def test_timeline_is_the_commands_timeline(kg, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the command fits its table to the terminal
    out = cli("timeline", "OpenAI", "--with", "Microsoft", "--layers", "article", "--out", tmp_path)
    assert out.code == 0
    timeline = kg.timeline("OpenAI", "Microsoft")
    assert timeline.text(100) == out.out
    assert (tmp_path / "timeline.csv").exists()
    assert {r["counterpart_label"] for r in timeline.relations} == {"Microsoft"}


def test_view_page_is_the_commands_page(kg, cli, tmp_path):
    page = tmp_path / "view.html"
    assert cli("view", "--event", "restructuring", "--layers", "article", "--out", page).code == 0
    view = kg.view(event="restructuring")
    assert view.html == page.read_text(encoding="utf-8")
    assert view.counts["dates"][0] < view.counts["dates"][1]


def test_export_is_the_commands_export(kg, cli, tmp_path):
    target = tmp_path / "g.graphml"
    assert cli("export", "--format", "graphml", "--at", "2025-11-10", "--layers", "article", "--out", target).code == 0
    assert kg.export("graphml", at="2025-11-10") == target.read_text(encoding="utf-8")


def test_extract_and_import_are_the_commands(kg, cli, tmp_path):
    article = ROOT / "data" / "article" / "000_789b65b4e7b126be.txt"
    out = cli("extract", article, "--published", "2025-11-03", "--format", "json", "--layers", "article")
    assert out.code == 0
    found = kg.extract([article], published="2025-11-03", compare=False)
    assert found.text("json") == out.out
    assert found.found and "2025-11-03" in out.out
    # the review sheet, accepted as it stands, imported by the API and by the command alike
    sheet = tmp_path / "review.csv"
    assert cli("extract", article, "--published", "2025-11-03", "--layers", "article", "--out", sheet).code == 0
    with sheet.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["object"] == "Amazon Web Services" and rows[0]["accept"] == ""
    rows[0]["accept"] = "yes"
    with sheet.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    done = kg.import_csv(sheet)
    imported = cli("import", sheet, "--layers", "article")
    assert done.stopped == "" and imported.code == 0, imported.err
    assert done.facts_text == imported.out
    assert "38000000000" in done.facts_text


def test_snapshot_default_day_is_the_commands_default(kg, cli, tmp_path):
    assert cli("report", "--layers", "article", "--out", tmp_path).code == 0
    day = kg.default_date()
    assert day is not None
    assert json.loads((tmp_path / "centrality.json").read_text())["at"] == day
    assert set(kg.snapshot().nodes) == set(kg.snapshot(day).nodes)


def test_counting_changes_what_the_api_counts(kg):
    # The default counts no talks; all statuses count them: the two snapshots must differ where
    # the article layer has talks, or the option would do nothing.
    default = kg.snapshot("2025-11-10")
    everything = kg.counting("all").snapshot("2025-11-10")
    assert default.number_of_edges() <= everything.number_of_edges()
    assert kg.counting("all").statuses != kg.statuses


def test_bad_names_are_refused_with_the_closest(kg):
    from graph.core.errors import AikgError

    with pytest.raises(AikgError, match="Microsoft"):
        kg.timeline("Microsfot")
    with pytest.raises(AikgError):
        kg.counting(group_by="famliy")
