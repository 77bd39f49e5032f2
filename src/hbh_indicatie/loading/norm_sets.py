"""Finding and loading norm sets: shipped ones, a folder, a file, ``ID`` or ``ID@DATUM``.

Several versions may share an id; the one whose validity contains the date is chosen.
Overlapping validity within one id is an error; a date outside every version is an error
naming the covered ranges (never a silent fallback).
"""

from __future__ import annotations

import hashlib
import itertools
from datetime import date, timedelta
from pathlib import Path

from hbh_indicatie.errors import (
    HbhError,
    InputError,
    NormFolderMissing,
    Problem,
    UnknownNormSet,
)
from hbh_indicatie.loading import norm_cache
from hbh_indicatie.loading.limits import check_numbers, read_limited
from hbh_indicatie.loading.validation import validate
from hbh_indicatie.loading.yaml_io import decode_text, parse_text
from hbh_indicatie.models.loaded_norms import LoadedNorms
from hbh_indicatie.models.norm_set import NormSet


def shipped_norms_dir() -> Path:
    """The norm sets shipped with the package (wheel) or in the source tree (development)."""
    here = Path(__file__).resolve().parent.parent
    bundled = here / "_norms"
    if bundled.is_dir():
        return bundled
    for parent in here.parents:
        candidate = parent / "norms"
        if candidate.is_dir() and (parent / "pyproject.toml").is_file():
            return candidate
    raise HbhError("De meegeleverde normensets zijn niet gevonden (map 'norms').")


def load_norm_file(path: Path) -> LoadedNorms:
    """The norm set in ``path``, checked and validated; a set validated in an earlier run
    comes from the cache (:mod:`hbh_indicatie.loading.norm_cache`) without parsing again."""
    raw = read_limited(path, "normen")
    digest = hashlib.sha256(raw).hexdigest()
    norms = norm_cache.read(NormSet, digest)
    if norms is None:
        data = parse_text(decode_text(raw, str(path), "normen"), str(path), "normen")
        check_numbers(data, str(path), "normen")
        norms = validate(NormSet, data, str(path), "normen")
        check_mapping(norms, str(path))
        norm_cache.write(NormSet, digest, norms)
    else:
        check_mapping(norms, str(path))
    from hbh_indicatie.vocabulary.load import vocabulary

    return LoadedNorms(norms=norms, path=str(path), sha256=digest, vocabulary=vocabulary())


def check_mapping(norms: NormSet, path: str) -> None:
    """The set's 'omvat' and 'niet_in_normenset' name activities of the vocabulary
    (norms/activiteiten.yaml) of the item's own result category; otherwise it is refused."""
    from hbh_indicatie.vocabulary.load import vocabulary
    from hbh_indicatie.vocabulary.mapping import errors

    found = errors(norms, vocabulary())
    if found:
        raise InputError(path, [Problem("activiteiten", text, "ids uit norms/activiteiten.yaml")
                                for text in found], "normen")


def norm_files(folder: Path) -> list[Path]:
    """The norm set files in ``folder`` (the vocabulary ``activiteiten.yaml`` at its top is no
    norm set). A folder that does not exist is an error: a mistyped ``--normenmap`` or
    ``--map`` would otherwise silently give the shipped sets only."""
    if not _exists(folder, folder=True):
        raise NormFolderMissing(str(folder), "is geen map" if _exists(folder) else "bestaat niet")
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml", ".json")
                  and p != folder / "activiteiten.yaml")


def load_folder(folder: Path) -> list[LoadedNorms]:
    """Every norm set in ``folder`` (:func:`norm_files`)."""
    loaded = [load_norm_file(p) for p in norm_files(folder)]
    check_versions(loaded)
    return loaded


def _exists(path: Path, folder: bool = False) -> bool:
    """Whether a file (or with ``folder`` a folder) of that name exists; a name the system
    cannot look up (too long) is none, so it is taken as a norm set id (reported as unknown,
    never an internal error)."""
    try:
        return path.is_dir() if folder else path.exists()
    except OSError:
        return False


def versions_of(set_id: str, extra_dir: Path | None = None) -> list[LoadedNorms]:
    """Every version of norm set ``set_id``: shipped ones and those in ``extra_dir``.

    The shipped sets live in one folder per id (``norms/<id>/<geldig_van>.yaml``); only that
    folder is read when it exists (a test keeps folder and id in step), so ``hbh bereken``
    does not load every shipped set. An extra folder is always read whole.
    """
    shipped = shipped_norms_dir()
    folder = shipped / set_id
    if set_id and _exists(folder, folder=True) and folder.parent == shipped:
        candidates = load_folder(folder)
        if any(c.norms.id != set_id for c in candidates):  # not the convention: read all
            candidates = load_folder(shipped)
    else:
        candidates = load_folder(shipped)
    if extra_dir is not None:
        candidates += load_folder(extra_dir)
        check_versions(candidates)
    return [c for c in candidates if c.norms.id == set_id]


def known_ids(extra_dir: Path | None = None) -> list[str]:
    loaded = load_folder(shipped_norms_dir())
    if extra_dir is not None:
        loaded += load_folder(extra_dir)
    return sorted({c.norms.id for c in loaded})


def validity_problems(loaded: list[LoadedNorms]) -> list[tuple[str, str, Problem]]:
    """Versions of one id must follow each other without overlap and without a gap.

    Returns (file, kind 'overlap' or 'gat', problem) triples; a gap means some date has no
    version in force, which would leave a case without norms for that date.
    """
    by_id: dict[str, list[LoadedNorms]] = {}
    for item in loaded:
        by_id.setdefault(item.norms.id, []).append(item)
    found: list[tuple[str, str, Problem]] = []
    for set_id, items in by_id.items():
        ordered = sorted(items, key=lambda i: i.norms.valid_from)
        for prev, nxt in itertools.pairwise(ordered):
            end = prev.norms.valid_to
            where = f"(normenset '{set_id}', versie {prev.norms.version})"
            if end is None or end >= nxt.norms.valid_from:
                found.append((nxt.path, "overlap", Problem(
                    "geldig_van", f"geldigheid overlapt met {prev.path} {where}",
                    f"na {end}" if end else "eerst 'geldig_tot' in de vorige versie")))
            elif end + timedelta(days=1) < nxt.norms.valid_from:
                found.append((nxt.path, "gat", Problem(
                    "geldig_van", f"gat in de geldigheid na {prev.path} {where}: "
                    f"van {end + timedelta(days=1)} t/m {nxt.norms.valid_from - timedelta(days=1)} "
                    "geldt geen versie", f"{end + timedelta(days=1)}")))
    return found


def check_versions(loaded: list[LoadedNorms]) -> None:
    """Raise on the first overlap or gap between versions of one id."""
    problems = validity_problems(loaded)
    if problems:
        path, _, problem = problems[0]
        raise InputError(path, [problem], "normen")


def split_spec(spec: str) -> tuple[str, date | None]:
    """``ID`` or ``ID@JJJJ-MM-DD`` as (id, date or None)."""
    set_id, _, at = spec.partition("@")
    if not at:
        return set_id, None
    try:
        return set_id, date.fromisoformat(at)
    except ValueError:
        raise HbhError(f"Ongeldige datum in normenset '{spec}': gebruik ID@JJJJ-MM-DD.") from None


def in_force(set_id: str, versions: list[LoadedNorms], when: date, known: list[str],
             files: bool = True) -> LoadedNorms:
    """The version of ``set_id`` in force on ``when``; Dutch errors for an unknown id
    (:class:`UnknownNormSet`, naming the ``known`` ids, and a file as alternative where
    ``files`` may be given) or a date no version covers."""
    if not versions:
        raise UnknownNormSet(f"Normenset '{set_id}' bestaat niet. Beschikbaar: {', '.join(known)}"
                             + ("; of geef een bestandsnaam." if files else "."))
    for version in versions:
        if _in_force(version.norms, when):
            return version
    ranges = ", ".join(
        f"{v.norms.version}: {v.norms.valid_from} t/m {v.norms.valid_to or 'heden'}"
        for v in sorted(versions, key=lambda v: v.norms.valid_from)
    )
    raise HbhError(f"Geen versie van normenset '{set_id}' geldig op {when}. Versies: {ranges}.")


def resolve(spec: str, on: date, extra_dir: Path | None = None) -> LoadedNorms:
    """Resolve ``FILE``, ``ID`` or ``ID@JJJJ-MM-DD`` to the version in force on the date."""
    path = Path(spec)
    if path.suffix in (".yaml", ".yml", ".json") or _exists(path):
        loaded = load_norm_file(path)
        _check_in_force(loaded, on)
        return loaded
    set_id, at = split_spec(spec)
    versions = versions_of(set_id, extra_dir)
    return in_force(set_id, versions, at or on, [] if versions else known_ids(extra_dir))


def resolve_for_case(spec: str, on: date, extra_dir: Path | None, origin: str) -> LoadedNorms:
    """The norm set a case names in its field ``normen`` (an ID or ID@JJJJ-MM-DD, never a
    file), in force on ``on``. An unknown set or a date no version covers is an error in the
    case (``origin``), field ``normen``."""
    try:
        set_id, at = split_spec(spec)
        versions = versions_of(set_id, extra_dir)
        return in_force(set_id, versions, at or on, [] if versions else known_ids(extra_dir),
                        files=False)
    except (InputError, NormFolderMissing):  # a broken norm file, a wrong --normenmap
        raise
    except HbhError as exc:
        raise InputError(origin, [Problem("normen", exc.message)], "casus") from None


def _in_force(norms: NormSet, on: date) -> bool:
    return norms.valid_from <= on and (norms.valid_to is None or on <= norms.valid_to)


def _check_in_force(loaded: LoadedNorms, on: date) -> None:
    norms = loaded.norms
    if not _in_force(norms, on):
        raise HbhError(
            f"Normenset {loaded.path} (versie {norms.version}) is niet geldig op {on}: "
            f"geldig van {norms.valid_from} t/m {norms.valid_to or 'heden'}."
        )
