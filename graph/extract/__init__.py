"""Stage 1b: from news text to candidate facts (``aikg extract``), for a person to review.

One module per concern:

``text``      read the file safely (size limit, UTF-8), fold text for matching, clauses, language
``gazetteer`` the graph's actors by their labels and aliases, both languages
``ner``       organisations new to the graph (spaCy's French model, or capitalised names)
``amounts``   money, capacity, percentages; the French long-scale trap
``temporal``  relative dates, bounds and durations against the publication date
``patterns``  the relation patterns, French and English
``relations`` anaphora, masking, clause subjects, pattern matches
``pipeline``  the stages in order, attaching values and dates, merging, confidence
``compare``   known / new / conflict against the graph's relation nodes
``to_rdf``    candidates as aikg:Relation nodes with status "extracted" and their evidence
``render``    table and JSON

spaCy is optional (``pip install 'aikg[extract]'``) and imported only when the recogniser runs.
"""

from __future__ import annotations

from .model import Extraction
from .pipeline import extract
from .text import MAX_BYTES, read_text

__all__ = ["MAX_BYTES", "Extraction", "extract", "read_text"]
