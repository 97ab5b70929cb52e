"""The Python API: :func:`graph.api.kg.open` gives a :class:`graph.api.kg.KnowledgeGraph` whose
methods answer what the commands answer (query, snapshot, shift, report, view, timeline, export,
validate), returning typed results (:mod:`graph.api.results`). The modules beside it hold what
each command computes; the command line (:mod:`graph.cli`) only parses, calls and prints.
"""
