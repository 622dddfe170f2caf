"""Research over many reports: diffs of plans, targets against outcomes."""
