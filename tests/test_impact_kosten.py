"""The cost difference of an impact run is one figure: the exact difference rounded once.

The terminal, the memo (Markdown and HTML) and the JSON report show the same whole euros,
computed from the exact amounts, not by subtracting two rounded amounts.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from typer.testing import CliRunner

from hbh_indicatie.batch.impact_memo import Money
from hbh_indicatie.cli.main import app
from hbh_indicatie.render.impact import environment

ROOT = Path(__file__).resolve().parent.parent
cli = CliRunner()


def _euros(text: str) -> int:
    return int(text.replace(".", ""))


def _half_up(amount: Fraction) -> int:
    whole = int(abs(amount) + Fraction(1, 2))
    return whole if amount >= 0 else -whole


def test_terminal_memo_and_json_show_the_same_difference(tmp_path: Path) -> None:
    caseload = tmp_path / "c.jsonl"
    assert cli.invoke(app, ["genereer", "60", "--seed", "5", "-o", str(caseload)]).exit_code == 0
    shown: dict[str, int] = {}
    data: dict[str, object] = {}
    for suffix in ("md", "html", "json"):
        report = tmp_path / f"r.{suffix}"
        result = cli.invoke(app, ["impact", str(caseload), "--van", "protocol-hbh",
                                  "--naar", str(ROOT / "benchmarks" / "normwijziging.yaml"),
                                  "--rapport", str(report), "--tarief", "32,57", "-p", "1", "--stil"])
        assert result.exit_code == 0, result.output
        terminal = re.search(r"verschil ([+-])€\xa0([\d.]+) per jaar", result.output)
        assert terminal, result.output
        shown["terminal"] = int(terminal.group(1) + "1") * _euros(terminal.group(2))
        text = report.read_text(encoding="utf-8")
        if suffix == "json":
            data = json.loads(text)
            continue
        memo = re.search(r"in plaats van €\xa0[\d.]+: €\xa0([\d.]+) per jaar (meer|minder)", text)
        assert memo, text
        shown[suffix] = (1 if memo.group(2) == "meer" else -1) * _euros(memo.group(1))
    costs = data["kosten"]
    assert isinstance(costs, dict)
    exact = Fraction(costs["verschil_per_jaar"])
    assert exact == Fraction(costs["nieuw_per_jaar"]) - Fraction(costs["oud_per_jaar"])
    verschil = data["verschil"]
    assert isinstance(verschil, dict)
    assert exact == Fraction(verschil["totaal_uren_per_jaar"]) * Fraction(Decimal("32.57"))
    assert shown == {"terminal": _half_up(exact), "md": _half_up(exact), "html": _half_up(exact)}
    assert costs["verschil_hele_euros"] == _half_up(exact)


def test_difference_rounds_the_exact_amount_and_says_so_when_it_does_not_add_up() -> None:
    money = Money(Decimal(1), Fraction(4, 10), Fraction(16, 10))  # 0,40 -> 1,60: 1,20 more
    assert (money.old_euros, money.new_euros, money.delta_euros) == (0, 2, 1)
    assert not money.adds_up
    words = environment().get_template("_impact.j2").module
    sentence = words.geld(money)  # type: ignore[attr-defined]
    assert "€\xa01 per jaar meer (het verschil is berekend vóór het afronden op hele euro's)." in sentence
    even = Money(Decimal(1), Fraction(4, 10), Fraction(14, 10))
    assert even.adds_up and "afronden" not in words.geld(even)  # type: ignore[attr-defined]
    assert Money(Decimal(1), Fraction(3), Fraction(1, 2)).delta_euros == -3  # -2,50: half away from 0
