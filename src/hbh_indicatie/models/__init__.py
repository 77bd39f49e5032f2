"""Validated, immutable models: case (casus), norm set (normen) and indication (indicatie)."""
