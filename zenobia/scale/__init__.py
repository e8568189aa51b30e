"""Beyond one machine: the per-document analysis on Spark, into Parquet shards, and the load
that merges shards into a store (`zenobia analyze --engine spark`, `zenobia load`).

PySpark is an optional extra (`pip install 'zenobia[spark]'`); loading shards needs only pyarrow.
"""

from __future__ import annotations

from zenobia.scale.load import ShardLoad, load_shards
from zenobia.scale.spark import ShardSummary, run_spark

__all__ = ["ShardLoad", "ShardSummary", "load_shards", "run_spark"]
