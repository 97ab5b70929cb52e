"""The ontology's metadata (licence, creator, dates, version), a domain and a range for every
property that agree with the shipped data, and its HTML documentation by ``aikg docs``
(pyLODE): every term documented, reachable by its IRI's fragment, nothing loaded from another
host."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from graph.core import resources
from graph.core.vocab import AIKG, ONTOLOGY_IRI
from graph.store.memory import load_graph

NS = str(AIKG._NS)
VANN = "http://purl.org/vocab/vann/"


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(resources.ontology_file())


def _terms(onto: Graph) -> list[URIRef]:
    return sorted(s for s in set(onto.subjects(RDF.type, None)) if str(s).startswith(NS))


def _properties(onto: Graph) -> list[URIRef]:
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted(s for k in kinds for s in onto.subjects(RDF.type, k) if str(s).startswith(NS))


def test_the_ontology_says_who_made_it_when_and_under_which_licence(onto):
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")
    assert onto.value(ONTOLOGY_IRI, DCTERMS.creator) is not None
    for prop in (DCTERMS.created, DCTERMS.modified):
        date = onto.value(ONTOLOGY_IRI, prop)
        assert isinstance(date, Literal) and date.datatype == XSD.date, prop
    assert onto.value(ONTOLOGY_IRI, DCTERMS.created) <= onto.value(ONTOLOGY_IRI, DCTERMS.modified)
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) is not None
    assert str(onto.value(ONTOLOGY_IRI, URIRef(VANN + "preferredNamespaceUri"))) == NS
    assert str(onto.value(ONTOLOGY_IRI, URIRef(VANN + "preferredNamespacePrefix"))) == "aikg"


def test_every_property_has_one_domain_and_one_range(onto):
    props = _properties(onto)
    assert len(props) > 60
    missing = [
        (str(p)[len(NS) :], axis)
        for p in props
        for axis in (RDFS.domain, RDFS.range)
        if len(list(onto.objects(p, axis))) != 1
    ]
    assert missing == []


def _instances(graph: Graph, cls: URIRef) -> set:
    """Instances of ``cls`` or of its subclasses, as the ontology states them."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {s for c in classes for s in graph.subjects(RDF.type, c)}


def _fits_range(o, rng: URIRef, graph: Graph, members: dict) -> bool:
    if rng in (OWL.Thing, RDFS.Resource):
        return True
    if rng == RDFS.Literal:
        return isinstance(o, Literal)
    if str(rng).startswith(str(XSD)):
        if not isinstance(o, Literal) or o.language:
            return False
        datatype = o.datatype or XSD.string
        return datatype == rng or (rng == XSD.decimal and datatype == XSD.integer)
    if rng in (OWL.ObjectProperty, RDF.Property):
        return (o, RDF.type, OWL.ObjectProperty) in graph or (o, RDF.type, OWL.DatatypeProperty) in graph
    return o in members.setdefault(rng, _instances(graph, rng))


@pytest.mark.slow
def test_domains_and_ranges_agree_with_the_shipped_data(onto):
    """Every triple of the shipped data, derived ones included, has a subject in its property's
    domain and an object in its range: they describe the data, they do not change its meaning."""
    graph = load_graph()
    members: dict = {}
    wrong = []
    for p in _properties(onto):
        domain, rng = onto.value(p, RDFS.domain), onto.value(p, RDFS.range)
        for s, o in graph.subject_objects(p):
            if domain not in (OWL.Thing, RDFS.Resource) and s not in members.setdefault(
                domain, _instances(graph, domain)
            ):
                wrong.append((str(p)[len(NS) :], "domain", str(s)))
            if not _fits_range(o, rng, graph, members):
                wrong.append((str(p)[len(NS) :], "range", repr(o)))
    assert wrong == []


@pytest.mark.slow
def test_owl_rl_finds_no_inconsistency_and_no_new_members_of_the_core_classes():
    import owlrl

    graph = load_graph()
    closure = Graph()
    for t in graph:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=True).expand(closure)
    errors = list(closure.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")))
    assert errors == []
    # owl:sameAs makes each actor's Wikidata entity an actor too: that is the data's own statement.
    same = set(graph.objects(None, OWL.sameAs))
    for cls in (AIKG.Relation, AIKG.Actor, AIKG.Evidence, AIKG.Source, AIKG.Commitment, AIKG.Claim):
        assert set(closure.subjects(RDF.type, cls)) - same == _instances(graph, cls), cls


class _Page(HTMLParser):
    """Element ids, and every place the page could load something from."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.loads: list[tuple[str, str]] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "script":
            self.scripts.append(a)
        for key in ("src", "srcset", "data"):
            if a.get(key):
                self.loads.append((tag, a[key]))
        if tag == "link" and a.get("href") and not a["href"].startswith("data:"):
            self.loads.append((tag, a["href"]))


def test_aikg_docs_documents_every_term_offline(cli, tmp_path, onto):
    out = tmp_path / "site"
    r = cli("docs", "--out", out)
    assert r.code == 0, r.err
    from graph.report.ontology_docs import FILES

    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)
    html = (out / "index.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    terms = _terms(onto)
    assert len(terms) == len(AIKG.__annotations__)
    for term in terms:
        assert str(term) in html, term
        assert str(term)[len(NS) :] in page.ids, f"no anchor #{str(term)[len(NS) :]}"
    assert str(ONTOLOGY_IRI) in html and "https://spdx.org/licenses/MIT" in html
    # Self-contained: nothing fetched, no script but inline data.
    assert page.loads == []
    assert all(s.get("type") == "application/ld+json" and "src" not in s for s in page.scripts)
    assert "@import" not in html and "url(http" not in html.replace(" ", "")
    # The RDF files say the same as the shipped ontology.
    assert (out / "ontology.ttl").read_bytes() == resources.ontology_file().read_bytes()
    assert isomorphic(Graph().parse(out / "ontology.nt", format="nt"), onto)
    assert isomorphic(Graph().parse(out / "ontology.jsonld", format="json-ld"), onto)
    assert (out / "shapes.ttl").read_bytes() == resources.shapes_file().read_bytes()
    # The same ontology gives the same bytes.
    again = tmp_path / "again"
    assert cli("docs", "--out", again).code == 0
    assert all((again / n).read_bytes() == (out / n).read_bytes() for n in FILES)
