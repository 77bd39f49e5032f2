"""Golden cases: every cases/NN-*.yaml against its hand-computed cases/verwacht/NN-*.yaml.

The expectations were worked out by hand from the protocol text and the norm set (see the
``redenering`` block in each file); they are never copied from the engine's output.
Amounts are exact: an integer, a decimal (``"15.75"``), a fraction (``"2240/487"``) or a
sum of those (``"170 + 2240/487"``), so a hand computation can be written as it was done.
"""

from __future__ import annotations

import json
import re
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from hbh_indicatie.cli.main import app
from hbh_indicatie.engine import compute
from hbh_indicatie.errors import RuleConflict
from hbh_indicatie.iwmo import builder
from hbh_indicatie.loading.cases import load_case
from hbh_indicatie.loading.norm_sets import resolve
from hbh_indicatie.models.indication import Indication

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "cases"
EXPECTED = CASES / "verwacht"
CASE_FILES = sorted(CASES.glob("*.yaml"))
AMOUNT = re.compile(r"[+-]?\d+(\.\d+)?(/\d+)?([+-]\d+(\.\d+)?(/\d+)?)*")

runner = CliRunner()


def amount(value: object) -> Fraction:
    """An exact amount from the expectation file (no eval: a checked sum of numbers)."""
    text = str(value).replace(" ", "")
    if not AMOUNT.fullmatch(text):
        raise ValueError(f"geen geldig bedrag in minuten: {value!r}")
    return sum((Fraction(t) for t in re.findall(r"[+-]?[^+-]+", text)), Fraction(0))


def expected_for(case_path: Path) -> dict[str, Any]:
    path = EXPECTED / case_path.name
    assert path.exists(), f"{case_path.name}: verwachtingsbestand {path.name} ontbreekt"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: geen mapping"
    return data


def _compute(case_path: Path) -> Indication:
    case = load_case(case_path)
    assert case.norm_set is not None, f"{case_path.name}: noemt geen normenset"
    return compute(case, resolve(case.norm_set, case.reference_date), str(case_path))


class Checker:
    """Collects every difference as 'file › field: verwacht X, kreeg Y'."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[str] = []

    def same(self, field: str, expected: object, got: object) -> None:
        if expected != got:
            self.problems.append(
                f"{self.name} › {field}: verwacht {_show(expected)}, kreeg {_show(got)}"
            )

    def done(self) -> None:
        assert not self.problems, "\n".join(self.problems)


def _show(value: object) -> str:
    """Readable values in failure messages: fractions as '40/7', dates as ISO."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, (Fraction, date)):
        return str(value)
    return repr(value)


def _check_activities(check: Checker, expected: dict[str, Any], ind: Indication) -> None:
    got = {a.id: a for a in ind.activiteiten}
    check.same("activiteiten (ids)", sorted(expected), sorted(got))
    for act_id, exp in expected.items():
        act = got.get(act_id)
        if act is None:
            continue
        if "norm" in exp:
            check.same(f"activiteiten.{act_id}.norm", amount(exp["norm"]), act.norm_minuten_per_week)
        check.same(f"activiteiten.{act_id}.hulp", amount(exp["hulp"]), act.hulp_minuten_per_week)
        for actor, minutes in (exp.get("verdeling") or {}).items():
            total = sum((s.minuten_per_week for s in act.verdeling if s.uitvoerder == actor),
                        Fraction(0))
            check.same(f"activiteiten.{act_id}.verdeling.{actor}", amount(minutes), total)


def _check_periods(check: Checker, expected: list[dict[str, Any]], ind: Indication) -> None:
    got = [(p.van, p.tot, p.minuten_per_week) for p in ind.perioden]
    want = [(p["van"], p["tot"], p["minuten_per_week"]) for p in expected]
    check.same("perioden (van, tot, minuten)", want, got)
    for i, period in enumerate(expected):
        if "minuten_exact" in period and i < len(ind.perioden):
            check.same(f"perioden[{i}].minuten_exact", amount(period["minuten_exact"]),
                       ind.perioden[i].minuten_exact)


def _check_parts(check: Checker, expected: list[dict[str, Any]], ind: Indication) -> None:
    want = sorted((p["reden"], p["tot"], amount(p["minuten_per_week"])) for p in expected)
    got = sorted((t.reden.value, t.tot, t.minuten_per_week) for t in ind.tijdelijke_delen)
    check.same("tijdelijke_delen (reden, tot, minuten)", want, got)


def _check_yearly(check: Checker, expected: dict[str, Any], ind: Indication) -> None:
    """Hours per year (issue 11.11): exact, and as the set rounds it (null: no rule)."""
    got = ind.uren_per_jaar
    check.same("uren_per_jaar.exact", amount(expected["exact"]), got.exact)
    check.same("uren_per_jaar.afgerond", expected["afgerond"], got.afgerond)
    categories = {c.categorie.value: c for c in ind.categorieen}
    for cat, exp in (expected.get("categorieen") or {}).items():
        outcome = categories.get(cat)
        if outcome is None:
            check.same(f"uren_per_jaar.categorieen.{cat}", exp, None)
            continue
        check.same(f"uren_per_jaar.categorieen.{cat}.exact", amount(exp["exact"]),
                   outcome.hulp_uren_per_jaar)
        check.same(f"uren_per_jaar.categorieen.{cat}.afgerond", exp["afgerond"],
                   outcome.hulp_uren_per_jaar_afgerond)


def _check_agreements(check: Checker, expected: dict[str, Any], ind: Indication) -> None:
    """Issue 17: the afsprakenoverzicht per carer (role, counts, sustainable, minutes, when)."""
    got = {a.naam: a for a in ind.afspraken}
    check.same("afspraken (namen)", sorted(expected), sorted(got))
    for name, exp in expected.items():
        found = got.get(name)
        if found is None:
            continue
        check.same(f"afspraken.{name}.rol", exp["rol"], found.rol)
        check.same(f"afspraken.{name}.telt_mee", exp["telt_mee"], found.telt_mee)
        check.same(f"afspraken.{name}.duurzaam", exp["duurzaam"], found.duurzaam)
        check.same(f"afspraken.{name}.minuten", amount(exp["minuten"]),
                   sum((t.minuten_per_week for t in found.taken), Fraction(0)))
        check.same(f"afspraken.{name}.frequentie", exp.get("frequentie"), found.frequentie)


def _check_assignments(check: Checker, expected: list[dict[str, Any]], ind: Indication) -> None:
    """Issue 17: the iWmo toewijzingen follow the periods, one per period (IV093)."""
    export = builder.build(ind, builder.IwmoSettings(eenheid="minuut"))
    got = [(t.start, t.end, t.omvang.volume) for t in export.toegewezen_producten]
    want = [(t["van"], t["tot"], t["minuten_per_week"]) for t in expected]
    check.same("toewijzingen (van, tot, minuten)", want, got)


def _check_indication(name: str, exp: dict[str, Any], ind: Indication) -> None:
    check = Checker(name)
    check.same("totaal_minuten_per_week", exp["totaal_minuten_per_week"], ind.totaal_minuten_per_week)
    check.same("totaal_exact", amount(exp["totaal_exact"]), ind.afronding.exact)
    for key in ("einddatum", "herindicatiedatum", "voorlopig"):
        if key in exp:
            check.same(key, exp[key], getattr(ind, key))
    if "waarschuwingen" in exp:
        check.same("waarschuwingen", sorted(set(exp["waarschuwingen"])),
                   sorted({w.code for w in ind.waarschuwingen}))
    if "activiteiten" in exp:
        _check_activities(check, exp["activiteiten"], ind)
    if "perioden" in exp:
        _check_periods(check, exp["perioden"], ind)
    if "tijdelijke_delen" in exp:
        _check_parts(check, exp["tijdelijke_delen"], ind)
    if "uren_per_jaar" in exp:
        _check_yearly(check, exp["uren_per_jaar"], ind)
    if "herindicatiedata" in exp:
        check.same("herindicatiedata (datum, reden)",
                   [(h["datum"], h["reden"]) for h in exp["herindicatiedata"]],
                   [(h.datum, h.reden) for h in ind.herindicatiedata])
    if "afspraken" in exp:
        _check_agreements(check, exp["afspraken"], ind)
    if "zrm" in exp:
        step = next((s for s in ind.uitleg if s.regel.startswith("zrm.")), None)
        check.same("zrm.regel", exp["zrm"]["regel"], step.regel if step else None)
        check.same("zrm.profiel", exp["zrm"].get("profiel"),
                   step.feiten.get("profiel") if step else None)
    if "toewijzingen" in exp:
        _check_assignments(check, exp["toewijzingen"], ind)
    if "ongebruikte_feiten" in exp:
        check.same("ongebruikte_feiten", sorted(exp["ongebruikte_feiten"]),
                   sorted(u.veld for u in ind.ongebruikte_feiten))
    check.done()


@pytest.mark.parametrize("case_path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden_case(case_path: Path) -> None:
    exp = expected_for(case_path)
    if "fout" in exp:
        with pytest.raises(RuleConflict) as info:
            _compute(case_path)
        assert set(info.value.paragraphs) == set(exp["fout"]["paragrafen"]), (
            f"{case_path.name} › fout.paragrafen: verwacht {exp['fout']['paragrafen']}, "
            f"kreeg {list(info.value.paragraphs)}"
        )
        return
    _check_indication(case_path.name, exp, _compute(case_path))


@pytest.mark.parametrize("case_path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden_case_is_documented(case_path: Path) -> None:
    """A case explains itself in Dutch; its expectation shows the hand computation."""
    first = case_path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# "), f"{case_path.name}: begint niet met een beschrijving (# ...)"
    exp = expected_for(case_path)
    assert len(str(exp.get("redenering", ""))) > 80, f"{case_path.name}: redenering ontbreekt"


@pytest.mark.parametrize("case_path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_golden_case_via_cli(case_path: Path) -> None:
    exp = expected_for(case_path)
    table = runner.invoke(app, ["bereken", str(case_path)])
    as_json = runner.invoke(app, ["bereken", str(case_path), "--formaat", "json"])
    if "fout" in exp:
        for result in (table, as_json):
            assert result.exit_code == 2, result.output
            assert "Regels spreken elkaar tegen" in result.output
            for paragraph in exp["fout"]["paragrafen"]:
                assert paragraph in result.output
            assert "Traceback" not in result.output
        return
    assert table.exit_code == 0, table.output
    assert table.output.strip() and "Traceback" not in table.output
    assert as_json.exit_code == 0, as_json.output
    data = json.loads(as_json.stdout)
    assert data["totaal_minuten_per_week"] == exp["totaal_minuten_per_week"]
    assert Fraction(data["afronding"]["exact"]) == amount(exp["totaal_exact"])


def test_every_case_has_an_expectation() -> None:
    assert len(CASE_FILES) >= 14
    for path in CASE_FILES:
        assert (EXPECTED / path.name).exists(), f"{path.name}: geen verwachting in cases/verwacht/"
    for path in EXPECTED.glob("*.yaml"):
        assert (CASES / path.name).exists(), f"verwacht/{path.name}: er is geen casus {path.name}"


def test_amount_parser() -> None:
    assert amount("170 + 2240/487") == 170 + Fraction(2240, 487)
    assert amount("15.75") == Fraction(63, 4)
    assert amount(-3) == -3
    assert amount("1/2 - 1/4") == Fraction(1, 4)
    with pytest.raises(ValueError):
        amount("__import__('os')")
    assert date(2026, 3, 2) == yaml.safe_load("2026-03-02")
