"""Per-case output rows of a batch run: the indication in one flat-ish record.

Minutes keep the exact string form of the indication JSON (``"85/2"``); the rounded weekly
totals are integers. :func:`flat` turns a row into CSV columns.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from hbh_indicatie.engine import Evaluation
from hbh_indicatie.models.common import Category
from hbh_indicatie.models.indication import Indication
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import NormSet
from hbh_indicatie.rules import afronding
from hbh_indicatie.rules.state import minutes_of
from hbh_indicatie.version import ENGINE_VERSION

STAMP = ("normen_id", "normen_versie", "normen_sha256", "engine_versie")
CSV_COLUMNS = (
    "kenmerk", "peildatum", "totaal_minuten_per_week", "totaal_exact", "uren_per_jaar",
    "uren_per_jaar_exact", "voorlopig", *(f"minuten_{c.value}" for c in Category),
    *(f"uren_per_jaar_{c.value}" for c in Category), "perioden", *STAMP,
)
"""Hours per year (issue 11.11) stand beside the minutes: the set's rounding ('' without a
rule) and the exact fraction, in total and per result category."""

Year = tuple[Fraction, int | None]
"""Hours per year: exact, and rounded by the set's rule (None: no rule)."""


def _period(
    start: date, until: date | None, rounded: int, exact: Fraction, year: Year,
) -> dict[str, Any]:
    return {"van": start.isoformat(), "tot": until.isoformat() if until else None,
            "minuten_per_week": rounded, "minuten_exact": str(exact),
            "uren_per_jaar": year[1], "uren_per_jaar_exact": str(year[0])}


def _row(
    key: str, reference: date, rounded: int, exact: Fraction, year: Year, provisional: bool,
    categories: dict[str, str], categories_year: dict[str, str],
    periods: list[dict[str, Any]], stamp: tuple[str, str, str, str],
) -> dict[str, Any]:
    return {
        "kenmerk": key,
        "peildatum": reference.isoformat(),
        "totaal_minuten_per_week": rounded,
        "totaal_exact": str(exact),
        "uren_per_jaar": year[1],
        "uren_per_jaar_exact": str(year[0]),
        "voorlopig": provisional,
        "categorieen": categories,
        "categorieen_uren_per_jaar": categories_year,
        "perioden": periods,
        **dict(zip(STAMP, stamp, strict=True)),
    }


def summary(ind: Indication) -> dict[str, Any]:
    """The batch row of one indication (JSON Lines form)."""
    stamp = ind.stempel
    year = ind.uren_per_jaar
    return _row(
        ind.kenmerk, stamp.peildatum, ind.totaal_minuten_per_week, ind.afronding.exact,
        (year.exact, year.afgerond), ind.voorlopig,
        {c.categorie.value: str(c.hulp_minuten_per_week) for c in ind.categorieen},
        {c.categorie.value: str(c.hulp_uren_per_jaar) for c in ind.categorieen},
        [_period(p.van, p.tot, p.minuten_per_week, p.minuten_exact,
                 (p.uren_per_jaar_exact, p.uren_per_jaar)) for p in ind.perioden],
        (stamp.normen_id, stamp.normen_versie, stamp.normen_sha256, stamp.engine_versie),
    )


def summary_of(evaluation: Evaluation, loaded: LoadedNorms) -> dict[str, Any]:
    """The same row as :func:`summary`, read from the evaluated rules without building the
    explained :class:`Indication` (what ``hbh batch`` uses: the explanation is not written
    to the batch output, and building it costs more than the rules themselves)."""
    if loaded.norms is not evaluation.ctx.norms:
        raise ValueError("summary_of: 'loaded' is niet de normenset waarmee is gerekend")
    totals = evaluation.totals
    lines = evaluation.state.lines
    norms = loaded.norms
    per_category: dict[str, str] = {}
    per_category_year: dict[str, str] = {}
    for cat in Category:
        units = [u for line, u in zip(lines, totals.help_units, strict=True)
                 if line.category is cat]
        if units:
            exact = minutes_of(sum(units), totals.den)
            per_category[cat.value] = str(exact)
            per_category_year[cat.value] = str(
                afronding.hours_per_year(exact, norms.weeks_per_year))
    case = evaluation.ctx.case
    return _row(
        case.key, case.reference_date, totals.total, totals.exact, _year(totals.exact, norms),
        bool(evaluation.state.unknown), per_category, per_category_year,
        [_period(p.start, p.until, p.rounded, p.exact, _year(p.exact, norms))
         for p in totals.periods],
        (norms.id, norms.version, loaded.sha256, ENGINE_VERSION),
    )


def _year(minutes: Fraction, norms: NormSet) -> Year:
    """The same hours per year as the Indication's (``afronding``, as ``engine._build``)."""
    hours = afronding.hours_per_year(minutes, norms.weeks_per_year)
    return hours, afronding.round_hours(hours, norms.yearly_rounding)


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """CSV form: one column per result category (exact minutes, '0' when absent) and the
    periods as ``van..tot=minuten`` joined by ``;`` (an open end is written as ``..``)."""
    out = {k: row[k] for k in CSV_COLUMNS if k in row}
    for cat in Category:
        out[f"minuten_{cat.value}"] = row["categorieen"].get(cat.value, "0")
    for cat in Category:
        out[f"uren_per_jaar_{cat.value}"] = row["categorieen_uren_per_jaar"].get(cat.value, "0")
    out["uren_per_jaar"] = "" if row["uren_per_jaar"] is None else row["uren_per_jaar"]
    out["voorlopig"] = "ja" if row["voorlopig"] else "nee"
    out["perioden"] = ";".join(
        f"{p['van']}..{p['tot'] or ''}={p['minuten_per_week']}" for p in row["perioden"]
    )
    return out
