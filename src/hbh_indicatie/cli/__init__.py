"""Command-line interface ``hbh`` (Dutch). Commands import their work lazily for a fast start."""
