"""``hbh normen controleer`` names the model's own errors instead of checking again.

The rule codes of :data:`MODEL_RULES` hang on field names of the norm set models; if a field is
renamed, the mapping must follow (else the error falls back to rule ``schema``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hbh_indicatie.models.norm_set import Activity, Supplement
from hbh_indicatie.norm_tools.checks import MODEL_RULES, check_file

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("model", [Activity, Supplement], ids=lambda m: m.__name__)
def test_every_mapped_field_exists(model: type[Activity] | type[Supplement]) -> None:
    aliases = {field.alias for field in model.model_fields.values()}
    assert set(MODEL_RULES) <= aliases


@pytest.mark.parametrize(("change", "rule"), [
    ({"hoeveelheid": "veel"}, "hoeveelheid_niet_positief"),
    ({"frequentie": {"keer": 0, "per": "week"}}, "frequentie_niet_positief"),
    ({"categorie": "tuin"}, "geen_resultaatcategorie"),
    ({"uitstelbaar": "soms"}, "geen_uitstelbaar"),
    ({"herkomst": {"status": "gepubliceerd"}}, "geen_herkomst"),
    ({"id": "Met Spatie"}, "id_ongeldig"),
])
def test_model_error_gets_its_rule(tmp_path: Path, change: dict[str, object], rule: str) -> None:
    data = yaml.safe_load((ROOT / "norms" / "protocol-hbh" / "2015-01-01.yaml")
                          .read_text(encoding="utf-8"))
    data["activiteiten"][0].update(change)
    path = tmp_path / "set.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    findings = check_file(path).findings
    assert [f.rule for f in findings if f.item.startswith("activiteiten[0]")] == [rule]
    assert all(f.rule != "schema" for f in findings)
