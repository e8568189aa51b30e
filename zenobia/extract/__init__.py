"""Per-document extraction: mentions, events, time, quotes, claims and stance from a parse."""
