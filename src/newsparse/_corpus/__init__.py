"""Corpus I/O: which files, worker processes, records to JSON/CSV/Arrow, outputs and resumption."""
