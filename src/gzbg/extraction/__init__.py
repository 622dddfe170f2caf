"""The pipeline over one text: normalise → sections → sentences → quantities → targets → meaning → table."""
