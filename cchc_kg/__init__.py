"""cchc-kg: knowledge graph of Vietnamese CCHC plans."""
