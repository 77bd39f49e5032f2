"""Differential test (issue 15): the engine gives the same rows and the same explained
indications as the reference commit, to the last fraction and the last word.

``tests/data/verschil-500.txt`` holds, per shipped norm set file and generated case
(``hbh genereer --seed 1``, facts on the vocabulary of activities, 500 each), a digest of the batch row
and one of the whole indication as JSON (or of the error message), made by
``benchmarks/verschil.py`` from the commit named in its first line. The 10,000-case run
against any commit: see that script.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIGESTS = ROOT / "tests" / "data" / "verschil-500.txt"


def test_500_cases_per_norm_set_equal_the_reference() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import verschil
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    expected = verschil._read(DIGESTS)
    assert len(expected) >= 3000
    computed = {}
    for line in verschil.digests(500):
        number, name, row, ind = line.split()
        computed[(number, name)] = (row, ind)
    different = sorted(
        (f"casus {k[0]} onder {k[1]}: "
         + ("batchrij" if expected[k][0] != computed.get(k, ("", ""))[0] else "uitleg"))
        for k in expected if computed.get(k) != expected[k]
    )
    assert different == []
    assert computed.keys() == expected.keys()
