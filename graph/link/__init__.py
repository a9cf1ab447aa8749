"""Cross-level linking: resolve cited plans, align targets, link tasks to the targets they serve."""
