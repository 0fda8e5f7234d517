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

Every field is validated; errors name the file, the line and what was expected, and every
problem is reported at once: a unit of the wrong dimension for the attribute (``unit =
"km"`` for an area), an area, floor area or length that is zero or negative, a negative
count, a top level that is not a table, and part-of links that form a cycle (A is part of
B and B of A). The line cited is the one in the ``[[facts]]`` or ``[[entities]]`` entry at
fault (in YAML, the list item).
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

#: The unit dimension each attribute needs (attributes not listed take any unit).
_DIMENSION = {
    "area": "area", "floor_area": "area", "length": "length", "density": "density",
    "percent": "percent",
}  # fmt: skip
#: Attributes that are counts or calendar values: a physical unit makes no sense.
_UNITLESS = frozenset({"count", "year", "date", "period", "ordinal"})
_POSITIVE = frozenset({"area", "floor_area", "length"})  # zero or less is a mistake
_NOT_NEGATIVE = frozenset({"count", "duration", "density", "money", "ratio"})


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


def _item_start(raw: str, section: str, index: int) -> int | None:
    """Offset of the ``index``-th entry of ``section`` (``[[facts]]`` or a YAML list item)."""
    toml = list(re.finditer(rf"^\s*\[\[\s*{re.escape(section)}\s*\]\]", raw, re.M))
    if toml:
        return toml[index].start() if index < len(toml) else None
    head = re.search(rf"^{re.escape(section)}\s*:\s*$", raw, re.M)
    if head is None:
        return None
    rest = raw[head.end() :]
    end = re.search(r"^[^\s#-]", rest, re.M)  # the next top-level key ends the list
    body = rest[: end.start()] if end else rest
    items: list[re.Match[str]] = []
    for m in re.finditer(r"^([ \t]*)-\s", body, re.M):
        if not items or len(m.group(1)) == len(items[0].group(1)):
            items.append(m)
    return head.end() + items[index].start() if index < len(items) else None


def _line_of(raw: str, loc: tuple[Any, ...]) -> int | None:
    """Best-effort line number of a key path in the source text: within the entry the
    path names (``facts.3.unit``: the fourth ``[[facts]]``), else the first match."""
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        start = _item_start(raw, loc[0], loc[1])
        if start is not None:
            nxt = _item_start(raw, loc[0], loc[1] + 1)
            body = raw[start : nxt if nxt is not None else len(raw)]
            line = raw.count("\n", 0, start) + 1
            for part in reversed(loc[2:]):
                if isinstance(part, str):
                    m = re.search(rf"^\s*-?\s*{re.escape(part)}\s*[:=]", body, re.M)
                    if m:
                        return line + body.count("\n", 0, m.start())
            return line
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
        got = "a list" if isinstance(data, list) else type(data).__name__
        raise FactSheetError(
            str(p),
            [
                "line 1: expected a table/mapping at the top level (meta, entities, facts), "
                f"got {got}"
            ],
        )
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
    bad = [*_fact_problems(sheet, raw), *_cycle_problems(sheet, raw)]
    if bad:
        raise FactSheetError(str(p), bad)
    return sheet


def _at(raw: str, *loc: Any) -> str:
    line = _line_of(raw, loc)
    return f"line {line}: " if line else ""


def _fact_problems(sheet: FactSheet, raw: str) -> list[str]:
    from hetao_facts.units import parse_unit

    out = []
    for i, f in enumerate(sheet.facts):
        try:
            f.normalized()
        except ValueError as exc:
            out.append(f"{_at(raw, 'facts', i, 'unit')}facts.{i}.unit: {exc}")
            continue
        info = parse_unit(f.unit) if f.unit else None
        want = _DIMENSION.get(f.attribute)
        if info is not None and want is not None and info.dimension != want:
            out.append(
                f"{_at(raw, 'facts', i, 'unit')}facts.{i}.unit: {f.unit!r} measures "
                f"{info.dimension.strip('[]')}, not {want}, as attribute {f.attribute!r} needs"
            )
        elif info is not None and f.attribute in _UNITLESS:
            out.append(
                f"{_at(raw, 'facts', i, 'unit')}facts.{i}.unit: attribute {f.attribute!r} "
                f"takes no unit of measure, got {f.unit!r}"
            )
        if f.attribute in _POSITIVE and f.value <= 0:
            out.append(
                f"{_at(raw, 'facts', i, 'value')}facts.{i}.value: expected a number > 0 for "
                f"{f.attribute!r}, got {f.value}"
            )
        elif f.attribute in _NOT_NEGATIVE and f.value < 0:
            out.append(
                f"{_at(raw, 'facts', i, 'value')}facts.{i}.value: expected a number >= 0 for "
                f"{f.attribute!r}, got {f.value}"
            )
    return out


def _cycle_problems(sheet: FactSheet, raw: str) -> list[str]:
    """Part-of links that lead back to where they start (names and aliases are one)."""
    canon: dict[str, str] = {}
    for e in sheet.entities:
        key = normalize_name(e.name)
        canon[key] = key
        for a in e.aliases:
            canon.setdefault(normalize_name(a), key)
    parts: dict[str, set[str]] = {}
    where: dict[str, int] = {}
    for i, e in enumerate(sheet.entities):
        key = normalize_name(e.name)
        where.setdefault(key, i)
        parts.setdefault(key, set()).update(
            canon.get(normalize_name(x), normalize_name(x)) for x in e.parts
        )
    names = {normalize_name(e.name): e.name for e in sheet.entities}
    out: list[str] = []
    reported: set[frozenset[str]] = set()

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(parts.get(node, ())):
            if nxt in path:
                cycle = path[path.index(nxt) :]
                if frozenset(cycle) not in reported:
                    reported.add(frozenset(cycle))
                    shown = " -> ".join(names.get(n, n) for n in [*cycle, nxt])
                    i = where[cycle[0]]
                    out.append(
                        f"{_at(raw, 'entities', i, 'parts')}entities.{i}.parts: part-of links "
                        f"form a cycle: {shown}"
                    )
            elif len(path) < 50:
                walk(nxt, [*path, nxt])

    for start in sorted(parts):
        walk(start, [start])
    return out


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
