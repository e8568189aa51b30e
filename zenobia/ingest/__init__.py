"""Ingest: turn files, pages and feeds into cleaned Documents."""
