"""`make eval`: zenobia scored on real annotated news, each figure beside a baseline.

Every corpus is split once, by a hash of its document ids, into a `tune` part (about 60 %: read
its errors, write rules from it) and a `check` part (about 40 %: scored, never read). The check
figure is the one reported; see `bench/EVAL.md` and `split.py`.
"""
