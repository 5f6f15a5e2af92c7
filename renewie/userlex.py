"""User lexicons: add place aliases, trigger words and units without editing the package.

A user lexicon is a folder (or a :class:`UserLexicon` object written to one) with any of:

* ``places.tsv`` — ``alias<TAB>adcode`` rows: a new or informal name (a project name that
  implies a place, a district renamed after the division table's vintage);
* ``categories.yaml`` — ``category: [trigger, …]``, added to the packaged triggers;
* ``status.yaml`` — ``status_class: [word, …]`` (classes as in the packaged ``status.yaml``);
* ``units.yaml`` — ``units: [{surface, unit, kind, factor}]``.

>>> from renewie import Pipeline, UserLexicon
>>> lex = UserLexicon(places={"两江新区": "500112"})
>>> pipe = Pipeline(lex.write_to(__import__("tempfile").mkdtemp()))
>>> pipe.extract("两江新区完成老旧小区改造12个。").records[0].region.adcode
'500112'
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import LexiconError

__all__ = ["UserLexicon", "merge_user_lexicon"]


@dataclass
class UserLexicon:
    """A user lexicon as an object; ``write_to(folder)`` makes the folder ``Pipeline`` reads."""

    places: dict[str, str] = field(default_factory=dict)
    categories: dict[str, list[str]] = field(default_factory=dict)
    status: dict[str, list[str]] = field(default_factory=dict)
    units: list[dict[str, Any]] = field(default_factory=list)

    def write_to(self, folder: str | Path) -> str:
        import yaml

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        if self.places:
            with open(folder / "places.tsv", "w", encoding="utf-8", newline="") as f:
                f.write("alias\tadcode\n")
                for alias, code in self.places.items():
                    f.write(f"{alias}\t{code}\n")
        for name, data in (("categories", self.categories), ("status", self.status)):
            if data:
                (folder / f"{name}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        if self.units:
            (folder / "units.yaml").write_text(yaml.safe_dump({"units": self.units}, allow_unicode=True), encoding="utf-8")
        return str(folder)


def merge_user_lexicon(folder: Path, places: dict, aliases: dict, categories: dict, status: dict,
                       units: dict) -> None:
    """Merge the files of ``folder`` into the dictionaries being assembled by ``lexicons.load``."""
    import yaml

    from .lexicons import CATEGORIES, KINDS, Unit

    if not folder.is_dir():
        raise LexiconError(f"user lexicon folder not found: {folder}")
    tsv = folder / "places.tsv"
    if tsv.exists():
        with open(tsv, encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f, delimiter="\t"), 2):
                alias, code = (row.get("alias") or "").strip(), (row.get("adcode") or "").strip()
                if not alias or code not in places:
                    raise LexiconError(f"{tsv}:{n}: needs an alias and an adcode of the division table, got {code!r}")
                aliases[alias] = tuple(dict.fromkeys([*aliases.get(alias, ()), code]))
    for name, target in (("categories", categories), ("status", status)):
        path = folder / f"{name}.yaml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise LexiconError(f"{path}: expected a mapping of lists")
        for key, words in data.items():
            if name == "categories" and key not in CATEGORIES:
                raise LexiconError(f"{path}: {key} is not a SPEC category ({', '.join(CATEGORIES)})")
            if name == "status" and key not in target:
                raise LexiconError(f"{path}: {key} is not a status class ({', '.join(target)})")
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise LexiconError(f"{path}: {key} must be a list of words")
            target[key] = tuple(dict.fromkeys([*target.get(key, ()), *words]))
    path = folder / "units.yaml"
    if path.exists():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for row in data.get("units", []):
            try:
                u = Unit(row["surface"], row["unit"], row["kind"], int(row.get("factor", 1)))
            except (KeyError, TypeError, ValueError) as exc:
                raise LexiconError(f"{path}: bad unit row {row!r}: {exc}") from None
            if u.kind not in KINDS:
                raise LexiconError(f"{path}: {u.surface}: kind must be one of {', '.join(KINDS)}")
            units[u.surface] = u
