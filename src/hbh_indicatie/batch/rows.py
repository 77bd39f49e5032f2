"""Per-case output rows of a batch run: the indication in one flat-ish record.

Minutes keep the exact string form of the indication JSON (``"85/2"``); the rounded weekly
totals are integers. :func:`flat` turns a row into CSV columns.
"""

from __future__ import annotations

from typing import Any

from hbh_indicatie.engine import Evaluation
from hbh_indicatie.loading.norms import LoadedNorms
from hbh_indicatie.models.common import Category
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.rules.state import total
from hbh_indicatie.version import ENGINE_VERSION

STAMP = ("normen_id", "normen_versie", "normen_sha256", "engine_versie")
CSV_COLUMNS = (
    "kenmerk", "peildatum", "totaal_minuten_per_week", "totaal_exact", "voorlopig",
    *(f"minuten_{c.value}" for c in Category), "perioden", *STAMP,
)


def summary(ind: Indication) -> dict[str, Any]:
    """The batch row of one indication (JSON Lines form)."""
    stamp = ind.stempel
    return {
        "kenmerk": ind.kenmerk,
        "peildatum": stamp.peildatum.isoformat(),
        "totaal_minuten_per_week": ind.totaal_minuten_per_week,
        "totaal_exact": str(ind.afronding.exact),
        "voorlopig": ind.voorlopig,
        "categorieen": {c.categorie.value: str(c.hulp_minuten_per_week) for c in ind.categorieen},
        "perioden": [
            {"van": p.van.isoformat(), "tot": p.tot.isoformat() if p.tot else None,
             "minuten_per_week": p.minuten_per_week, "minuten_exact": str(p.minuten_exact)}
            for p in ind.perioden
        ],
        "normen_id": stamp.normen_id,
        "normen_versie": stamp.normen_versie,
        "normen_sha256": stamp.normen_sha256,
        "engine_versie": stamp.engine_versie,
    }


def summary_of(evaluation: Evaluation, loaded: LoadedNorms) -> dict[str, Any]:
    """The same row as :func:`summary`, read from the evaluated rules without building the
    explained :class:`Indication` (what ``hbh batch`` uses: the explanation is not written
    to the batch output, and building it costs more than the rules themselves)."""
    if loaded.norms is not evaluation.ctx.norms:
        raise ValueError("summary_of: 'loaded' is niet de normenset waarmee is gerekend")
    totals = evaluation.totals
    lines = evaluation.state.lines
    norms = loaded.norms
    per_category = {}
    for cat in Category:
        minutes = [m for line, m in zip(lines, totals.help_now, strict=True)
                   if line.category is cat]
        if minutes:
            per_category[cat.value] = str(total(minutes))
    return {
        "kenmerk": evaluation.ctx.case.key,
        "peildatum": evaluation.ctx.case.reference_date.isoformat(),
        "totaal_minuten_per_week": totals.total,
        "totaal_exact": str(totals.exact),
        "voorlopig": bool(evaluation.state.unknown),
        "categorieen": per_category,
        "perioden": [
            {"van": p.start.isoformat(), "tot": p.until.isoformat() if p.until else None,
             "minuten_per_week": p.rounded, "minuten_exact": str(p.exact)}
            for p in totals.periods
        ],
        "normen_id": norms.id,
        "normen_versie": norms.version,
        "normen_sha256": loaded.sha256,
        "engine_versie": ENGINE_VERSION,
    }


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """CSV form: one column per result category (exact minutes, '0' when absent) and the
    periods as ``van..tot=minuten`` joined by ``;`` (an open end is written as ``..``)."""
    out = {k: row[k] for k in CSV_COLUMNS if k in row}
    for cat in Category:
        out[f"minuten_{cat.value}"] = row["categorieen"].get(cat.value, "0")
    out["voorlopig"] = "ja" if row["voorlopig"] else "nee"
    out["perioden"] = ";".join(
        f"{p['van']}..{p['tot'] or ''}={p['minuten_per_week']}" for p in row["perioden"]
    )
    return out
