"""Fact sheets: entities, aliases, part-of links and reference figures for a domain.

A fact sheet is TOML or YAML::

    [meta]
    name = "Hetao zone"
    source = "State Council plan, 2023"

    [[entities]]
    name = "Hetao Shenzhen-Hong Kong Science and Technology Innovation Cooperation Zone"
    aliases = ["HTCZ", "Hetao zone", "the cooperation zone"]
    parts = ["Shenzhen park", "Hong Kong park"]       # a complete partition
    complete = true

    [[facts]]
    subject = "HTCZ"
    attribute = "area"                                # a claim kind
    value = 3.89
    unit = "km2"
    precision = 0.01                                  # optional; default from the digits
    source = "State Council plan for the Shenzhen park, 2023"

Every field is validated; errors name the file, the line and what was expected.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from hetao_facts.claims import KINDS
from hetao_facts.errors import FactSheetError
from hetao_facts.intervals import Interval, Qualifier, interval_for, step_of
from hetao_facts.subjects import EntityIndex, normalize_name

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

__all__ = ["Entity", "Fact", "FactSheet", "load_fact_sheet", "load_fact_sheets"]

HERE = Path(__file__).parent
ATTRIBUTES = KINDS  # a fact's attribute is a claim kind


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = ""
    source: str = ""
    description: str = ""


class Entity(BaseModel):
    """A thing the texts talk about, with its other names and its parts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    complete: bool = Field(
        default=False, description="the parts partition the whole (they sum to it)"
    )


class Fact(BaseModel):
    """A reference figure: subject, attribute, value with unit and precision, source."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    subject: str = Field(min_length=1)
    attribute: str
    value: Decimal
    unit: str | None = None
    precision: Decimal | None = Field(default=None, gt=0)
    qualifier: Qualifier = Qualifier.EXACT
    source: str = ""

    @field_validator("attribute")
    @classmethod
    def _attr(cls, v: str) -> str:
        if v not in ATTRIBUTES:
            import difflib

            close = difflib.get_close_matches(v, ATTRIBUTES, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"unknown attribute {v!r}, expected one of {', '.join(ATTRIBUTES)}{hint}"
            )
        return v

    def normalized(self) -> tuple[Decimal, Interval]:
        """The value and interval in the claim kind's normalized unit."""
        from hetao_facts.units import parse_unit, to_normalized

        digits = format(self.value, "f")
        step = self.precision if self.precision is not None else step_of(digits, scaled=False)
        iv = interval_for(self.value, self.qualifier, step=step)
        if self.unit:
            u = parse_unit(self.unit)
            if u is None:
                raise ValueError(f"unknown unit {self.unit!r}")
            return to_normalized(self.value, u), iv.scale(u.factor).shift(u.offset)
        return self.value, iv


class FactSheet(BaseModel):
    """Entities, aliases, part-of links and reference figures (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    meta: Meta = Field(default_factory=Meta)
    entities: tuple[Entity, ...] = ()
    facts: tuple[Fact, ...] = ()
    path: str | None = None

    def apply(self, index: EntityIndex) -> None:
        """Teach an EntityIndex this sheet's names and parts."""
        for e in self.entities:
            key = normalize_name(e.name)
            index.long_names.add(key)
            for a in e.aliases:
                if re.fullmatch(r"[A-Z][A-Za-z&]{1,9}", a):
                    index.acronyms.setdefault(a, e.name)
                    index.display.setdefault(key, a)
                else:
                    index.add_alias(a, e.name)
            for p in e.parts:
                index.part_of[key][index.canonical(p)] = e.complete

    def merge(self, other: FactSheet) -> FactSheet:
        return FactSheet(
            meta=self.meta,
            entities=self.entities + other.entities,
            facts=self.facts + other.facts,
            path=self.path,
        )


def _line_of(raw: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number of a key path in the source text."""
    for part in reversed(loc):
        if isinstance(part, str):
            m = re.search(rf"^\s*-?\s*{re.escape(part)}\s*[:=]", raw, re.M)
            if m:
                return raw.count("\n", 0, m.start()) + 1
    return None


def load_fact_sheet(path: str | os.PathLike[str]) -> FactSheet:
    """Read and validate one fact sheet (TOML or YAML); FactSheetError lists every problem."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FactSheetError(str(p), ["no such file"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FactSheetError(str(p), [f"cannot read: {exc}"]) from None
    try:
        if p.suffix.lower() in {".yaml", ".yml"}:
            data = yaml.safe_load(raw) or {}
        else:
            data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise FactSheetError(str(p), [f"invalid TOML: {exc}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise FactSheetError(
            str(p), [f"{where}invalid YAML: {getattr(exc, 'problem', exc)}"]
        ) from None
    if not isinstance(data, dict):
        raise FactSheetError(str(p), ["expected a table/mapping at the top level"])
    try:
        sheet = FactSheet.model_validate({**data, "path": str(p)})
    except ValidationError as exc:
        problems = []
        for e in exc.errors():
            keypath = ".".join(str(x) for x in e["loc"])
            line = _line_of(raw, e["loc"])
            where = f"line {line}: " if line else ""
            got = e.get("input")
            got_s = f", got {got!r}" if not isinstance(got, (dict, list)) else ""
            problems.append(f"{where}{keypath}: {e['msg']}{got_s}")
        raise FactSheetError(str(p), problems) from None
    bad = []
    for i, f in enumerate(sheet.facts):
        try:
            f.normalized()
        except ValueError as exc:
            bad.append(f"facts.{i}.unit: {exc}")
    if bad:
        raise FactSheetError(str(p), bad)
    return sheet


def load_fact_sheets(paths: str | os.PathLike[str] | list[Any] | tuple[Any, ...]) -> FactSheet:
    """Read one or several fact sheets into one."""
    if isinstance(paths, (str, os.PathLike)):
        return load_fact_sheet(paths)
    sheets = [load_fact_sheet(p) for p in paths]
    if not sheets:
        return FactSheet()
    out = sheets[0]
    for s in sheets[1:]:
        out = out.merge(s)
    return out


def bundled(name: str = "hetao") -> Path:
    """Path of a fact sheet shipped with the package (e.g. 'hetao')."""
    return HERE / f"{name}.toml"
