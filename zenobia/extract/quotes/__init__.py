"""Quotes: direct and reported speech with its speaker."""

from zenobia.extract.quotes.finding import find_quotes
from zenobia.extract.quotes.marks import find_quoted_spans

__all__ = ["find_quoted_spans", "find_quotes"]
