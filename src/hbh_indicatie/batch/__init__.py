"""Whole caseloads: streaming readers, a process pool, atomic writers, impact of a norm change.

The shell reads items (one case each) lazily; workers parse, validate and compute them with the
norm set loaded once per process; results stream to a temporary file that is renamed at the end.
"""
