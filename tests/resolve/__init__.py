"""Tests of corpus-level resolution (a package: its module names repeat tests/extract/)."""
