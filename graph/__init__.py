"""aikg: a knowledge graph of AI-infrastructure relationships.

The package follows the data's one-way flow, one module (or sub-package) per stage:

``sources``  read Turtle, N-Triples, JSON-LD (and later CSV and text) with clear errors
``store``    put the ontology, the shipped layers and the user's files in one RDF graph
``derive``   add the direct actor-to-actor triples of relations in force
``validate`` SHACL over everything loaded
``query``    bundled and user SPARQL, bound parameters, W3C result formats
``cli``      the ``aikg`` command

Heavy libraries are imported inside the functions that need them, so that
``import graph`` and ``aikg --help`` stay fast.
"""

__version__ = "0.1.0"
