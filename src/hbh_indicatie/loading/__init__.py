"""Imperative shell: reading files into validated models. Rules never read files."""
