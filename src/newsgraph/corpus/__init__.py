"""Cross-article work over the store: near-duplicates, stories, reactions and rhetoric."""
