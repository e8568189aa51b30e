"""Claims: numeric claims (casualties, displaced, quantities) with their qualifiers."""

from zenobia.extract.claims.finding import find_claims

__all__ = ["find_claims"]
