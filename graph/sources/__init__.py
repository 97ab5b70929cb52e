"""Stage 1: read sources (RDF files now; CSV facts and news text in later modules)."""
