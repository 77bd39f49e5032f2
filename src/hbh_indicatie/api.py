"""Stable Python API for embedders.

>>> from hbh_indicatie.api import load_norms, case_from_dict, compute, render_json

See docs/api.md for a worked example (examples/api_voorbeeld.py).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hbh_indicatie.batch import rows as _rows
from hbh_indicatie.engine import compute as _compute
from hbh_indicatie.engine import evaluate as _evaluate
from hbh_indicatie.iwmo import bericht as _iwmo_bericht
from hbh_indicatie.iwmo import builder as _iwmo
from hbh_indicatie.iwmo import render as _iwmo_render
from hbh_indicatie.iwmo.builder import IwmoSettings
from hbh_indicatie.iwmo.gegevens import BerichtGegevens
from hbh_indicatie.iwmo.models import IwmoExport, ToegewezenProduct
from hbh_indicatie.loading import berichtgegevens as _gegevens
from hbh_indicatie.loading.cases import case_from_data, load_case
from hbh_indicatie.loading.norms import LoadedNorms, load_norm_file, resolve
from hbh_indicatie.models.case import Case
from hbh_indicatie.models.comparison import NormComparison
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.normen import vergelijk as _vergelijk
from hbh_indicatie.render import json_out, onderbouwing, terminal
from hbh_indicatie.schemas import json_schema

__all__ = [
    "BerichtGegevens",
    "Case",
    "Indication",
    "IwmoExport",
    "IwmoSettings",
    "LoadedNorms",
    "NormComparison",
    "ToegewezenProduct",
    "batch_row",
    "berichtgegevens_from_dict",
    "case_from_dict",
    "change_toewijzing",
    "compare_norms",
    "compute",
    "json_schema",
    "load_berichtgegevens",
    "load_case",
    "load_norm_file",
    "load_norms",
    "render_html",
    "render_iwmo",
    "render_iwmo_bericht",
    "render_json",
    "render_markdown",
    "render_taakverdeling",
    "render_text",
    "toewijzing",
]


def load_norms(spec: str, on: date, extra_dir: Path | None = None) -> LoadedNorms:
    """A norm set by file name, ``ID`` or ``ID@JJJJ-MM-DD``, the version in force on ``on``."""
    return resolve(spec, on, extra_dir)


def case_from_dict(data: dict[str, Any]) -> Case:
    return case_from_data(data)


def compute(case: Case, norms: LoadedNorms) -> Indication:
    return _compute(case, norms)


def batch_row(case: Case, norms: LoadedNorms) -> dict[str, Any]:
    """The figures of the indication without its explanation, as one ``hbh batch`` row: key,
    peildatum, total (rounded and exact), voorlopig, minutes per result category, periods and
    the norm stamp. The same figures as :func:`compute`, without building the explanation
    (for recomputing many cases)."""
    return _rows.summary_of(_evaluate(case, norms), norms)


def compare_norms(old: LoadedNorms, new: LoadedNorms) -> NormComparison:
    """What changed from norm set ``old`` (A) to ``new`` (B): per activity or toeslag, and the
    engine's total for each reference household under both (``hbh normen vergelijk``; JSON
    via ``.model_dump(mode="json", by_alias=True)``, schema ``hbh.normvergelijking.v1``)."""
    return _vergelijk.record(_vergelijk.compare(old, new))


def render_json(indication: Indication) -> str:
    return json_out.render(indication)


def render_text(indication: Indication, width: int = 120) -> str:
    return terminal.render(indication, width)


def render_markdown(indication: Indication, norms: LoadedNorms | None = None) -> str:
    """The onderbouwing in Markdown; with ``norms`` it also lists the norm set's sources."""
    return onderbouwing.render_markdown(indication, norms.norms if norms else None)


def render_html(indication: Indication, norms: LoadedNorms | None = None) -> str:
    """The onderbouwing as one self-contained HTML page that prints on A4."""
    return onderbouwing.render_html(indication, norms.norms if norms else None)


def render_taakverdeling(indication: Indication) -> str:
    return onderbouwing.render_taakverdeling(indication)


def toewijzing(indication: Indication, delivery: str = "zin", **settings: Any) -> IwmoExport:
    """iWmo ToegewezenProduct periods; ``settings``: productcode, einddatum, looptijd_maanden,
    eenheid ('auto' or 'minuut'), toewijzingnummer (of the first period; further periods get
    the next numbers), toewijzingsdatum and toewijzingstijd (the moment of the decision; the
    XML needs all three). Raises :class:`hbh_indicatie.errors.HbhError` (Dutch), also when
    there can be no toewijzing: a pgb, a voorlopig indication, 0 minutes per week."""
    checked = _iwmo.settings_from(f"casus {indication.kenmerk}", **settings)
    return _iwmo.build(indication, checked, "pgb" if delivery == "pgb" else "zin")


def render_iwmo(export: IwmoExport, xml: bool = False) -> str:
    """JSON (``hbh.iwmo.v1``) or the XML fragment (wmo301:ToegewezenProducten); the XML
    raises an ``HbhError`` when ToewijzingNummer, Toewijzingsdatum or -tijd is missing."""
    return _iwmo_render.render_xml(export) if xml else _iwmo_render.render_json(export)


def berichtgegevens_from_dict(data: dict[str, Any]) -> BerichtGegevens:
    """Header and client data for a WMO301 Bericht, from a dict with the keys of
    examples/iwmo-bericht.yaml (schema ``hbh.berichtgegevens.v1``); ``InputError`` per field."""
    return _gegevens.berichtgegevens_from_data(data)


def load_berichtgegevens(path: Path) -> BerichtGegevens:
    return _gegevens.load_berichtgegevens(path)


def render_iwmo_bericht(export: IwmoExport, gegevens: BerichtGegevens) -> str:
    """The complete WMO301 Bericht (iWmo 3.2) as XML text: ``gegevens``' header and client
    with the toewijzingen of ``export`` (which need number, date and time, as for the XML)."""
    return _iwmo_bericht.render_bericht(export, gegevens)


def change_toewijzing(
    old: ToegewezenProduct, new: ToegewezenProduct, last_day: date, reason: str
) -> tuple[ToegewezenProduct, ToegewezenProduct]:
    """A change of hours: ``old`` ends on ``last_day`` (RedenWijziging ``reason``), the new
    volume starts the day after (IV093)."""
    return _iwmo.change(old, new, last_day, reason)
