"""Renderers: turn a finished Indication into text. Renderers never compute."""
