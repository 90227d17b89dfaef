"""Programmes that bridge the standardization gap: fellowships, mentorship and awards.

Each programme is its own package with its models (tables of migration 0003), its operations
(writes, one transaction each), its queries (reads) and the pure computations (eligibility,
allocation, matching, scoring) that those call. What a programme produces that the indicators
can count (a fellowship granted) is written through the import pipeline.
"""
