"""``hbh server``: the HTTP face of :mod:`hbh_indicatie.api` (FastAPI + uvicorn)."""
