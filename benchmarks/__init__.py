"""Side-by-side benchmarks of tinkex and the official tinker SDK (``make bench``; see run.py)."""
