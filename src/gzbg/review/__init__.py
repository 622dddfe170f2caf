"""Human review: the terminal view, the review page and the corrections file."""
