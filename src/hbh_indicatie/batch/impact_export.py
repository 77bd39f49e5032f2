"""The impact report as data (``hbh impact --rapport x.json``) and the files of a run.

:func:`report` puts the running totals of :class:`~hbh_indicatie.batch.impact.Impact` into the
published shape ``hbh.impact.v1``; :func:`to_json` only formats it. :func:`files` renders
what the options ask for (JSON, or the council memo as Markdown, HTML or PDF, and the chart)
into bytes, so the command can put them all in place at once. The memo names which norm set
versions (with sha256) computed the clients, so it can be traced back to the exact tables.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from pathlib import Path

from hbh_indicatie.batch.impact import Impact, NormStamp, class_bounds, class_label
from hbh_indicatie.batch.impact_memo import Memo, chart_path
from hbh_indicatie.models import impact as model
from hbh_indicatie.render import stable_json
from hbh_indicatie.version import __version__

REPORT_SUFFIXES = (".json", ".md", ".html", ".pdf")
JSON_WIDTH = 15
"""Class width of the JSON report's distribution when --klasse is not given (as before)."""


def _side(asked: str, used: Counter[NormStamp]) -> model.Side:
    return model.Side(gevraagd=asked, normensets=[
        model.NormSetUse(id=nid, versie=version, sha256=sha, clienten=count)
        for (nid, version, sha), count in sorted(used.items())
    ])


def _clients(rows: list[tuple[str, int, int]]) -> list[model.Client]:
    return [model.Client(kenmerk=key, oud_minuten_per_week=old, nieuw_minuten_per_week=new,
                         verschil=new - old) for key, old, new in rows]


def _drivers(rows: list[tuple[str, Fraction]], touched: Counter[str]) -> list[model.Driver]:
    return [model.Driver(id=key, minuten_per_week=value, clienten=touched[key])
            for key, value in rows]


def report(result: Impact, old: str, new: str, source: str, failed: int,
           errors: str, width: int | None = None,
           unknown: list[tuple[str, int]] | None = None) -> model.ImpactReport:
    """The report of an impact run over ``source``; ``failed`` cases could not be read or
    computed (listed in the file ``errors``); classes of ``width`` (standard: --klasse)."""
    width = width or result.width
    unknown_count = sum(n for _, n in unknown or ())
    classes = []
    for k, count in result.class_counts(width):
        low, high = class_bounds(k, width)
        classes.append(model.HistogramClass(klasse=class_label(k, width), van=low,
                                            tot_en_met=high, aantal=count))
    return model.ImpactReport(
        engineversie=__version__,
        invoer=source,
        foutenbestand=errors,
        niet_berekend_cijfer_onbekend=[model.UnknownFigure(reden=r, aantal=n)
                                       for r, n in unknown or ()],
        van=_side(old, result.old_sets),
        naar=_side(new, result.new_sets),
        clienten=model.Clients(ingelezen=result.clients + failed + unknown_count,
                               berekend=result.clients, cijfer_onbekend=unknown_count,
                               mislukt=failed, omhoog=result.up, omlaag=result.down,
                               gelijk=result.same),
        verschil=model.Difference(
            totaal_minuten_per_week=result.sum_minutes, totaal_uren_per_jaar=result.sum_hours,
            gemiddeld_minuten_per_week=result.mean_minutes,
            gemiddeld_uren_per_jaar=result.mean_hours),
        verdeling=model.Distribution(klassebreedte=width, klassen=classes),
        verliezers=_clients(result.losers()),
        winnaars=_clients(result.gainers()),
        activiteiten=_drivers(result.drivers(result.activities), result.touched),
        regels=_drivers(result.drivers(result.rules), result.touched),
    )


def with_costs(data: model.ImpactReport, memo: Memo) -> model.ImpactReport:
    """The report with the costs the memo computed (when the run has --tarief): the JSON
    carries the same figures as the terminal and the memo."""
    money = memo.money
    if money is None:
        return data
    costs = model.Costs(tarief=Fraction(money.rate), oud_per_jaar=money.old,
                        nieuw_per_jaar=money.new, verschil_per_jaar=money.delta,
                        verschil_hele_euros=money.delta_euros)
    return data.model_copy(update={"kosten": costs})


def to_json(data: model.ImpactReport) -> str:
    """Stable JSON: sorted keys, exact figures as strings, no floats."""
    dumped = data.model_dump(mode="json", by_alias=True)
    return stable_json.dumps(dumped)


def files(memo: Memo, data: model.ImpactReport, report_path: Path | None,
          chart: Path | None) -> dict[Path, bytes]:
    """The files of a run: the report (by its suffix) and the chart. A Markdown memo shows the
    chart from a file beside it (``--grafiek``, or ``<naam>-verdeling.png``); HTML and PDF carry
    it inside. Without matplotlib the memo has the distribution as a table only."""
    from dataclasses import replace

    from hbh_indicatie.batch import impact_chart
    from hbh_indicatie.render import impact as memo_render

    out: dict[Path, bytes] = {}
    suffix = report_path.suffix.lower() if report_path is not None else ""
    wants_png = chart is not None or (suffix in (".md", ".html", ".pdf") and impact_chart.available())
    png = impact_chart.png(memo) if wants_png else None
    if chart is not None and png is not None:
        out[chart] = png
    if report_path is None:
        return out
    if suffix == ".json":
        out[report_path] = to_json(with_costs(data, memo)).encode("utf-8")
    elif suffix == ".md":
        beside = chart or chart_path(report_path)
        if png is not None:
            out[beside] = png
            memo = replace(memo, chart=_relative(beside, report_path.parent))
        out[report_path] = memo_render.render_markdown(memo).encode("utf-8")
    else:
        if png is not None:
            memo = replace(memo, chart=memo_render.data_uri(png))
        out[report_path] = (memo_render.render_pdf(memo) if suffix == ".pdf"
                            else memo_render.render_html(memo).encode("utf-8"))
    return out


def _relative(target: Path, folder: Path) -> str:
    try:
        return target.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return target.resolve().as_posix()
