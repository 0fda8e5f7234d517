"""Configuration: ``[tool.hetao-facts]`` in pyproject.toml, or a ``hetao-facts.toml``.

The file is looked for in the working directory and then its parents; in each folder a
``hetao-facts.toml`` (keys at its top level) wins over a ``pyproject.toml`` that has a
``[tool.hetao-facts]`` table, and a pyproject.toml without that table is passed over.
``--config FILE`` names one; ``--isolated`` ignores them all. Command-line flags override
the file. Every key may be written in kebab-case (``fail-on``) or snake_case::

    [tool.hetao-facts]
    paths = ["docs"]                  # what `hetao-facts check` reads when given no path
    include = ["*.md", "*.txt"]       # names taken from folders (default *.txt *.md *.markdown)
    exclude = ["drafts", "docs/archive/*.md"]  # names, or paths from this file
    facts = ["facts/zone.toml"]       # fact sheets, relative to this file
    select = ["HF1", "HF201"]         # rules by code, family prefix or name (default: all)
    ignore = ["HF603"]                # the most specific selector wins; ignore wins a tie
    extend-select = ["HF9"]           # added to select (which --select replaces)
    extend-ignore = ["HF604"]         # added to ignore (which --ignore replaces)
    force-exclude = true              # apply exclude to files named explicitly (pre-commit)
    follow-links = false              # follow symlinks that lead out of a folder checked
    fail-on = "error"                 # or "warning" (warn-status checks count too) or "info"
    encoding = "utf-8"
    max-size = "10 MB"                # larger files are refused (HF904)
    time-limit = 60                   # seconds one document's extraction may take (HF907)
    memory-limit = "2 GB"             # memory one document's extraction may add (HF907; Linux)
    baseline = ".hetao-facts-baseline.json"
    jobs = 1                          # processes for extraction (0: one per core)

    [tool.hetao-facts.severity]       # by code or prefix
    HF201 = "warning"

    [tool.hetao-facts.tolerances]     # hetao_facts.intervals.Tolerances
    approx = 0.1                      # how much a hedge ("about") widens a figure
    hedge-digits = 5                  # ... at most this many units of its last digit
    round-trailing-zeros = true

    [tool.hetao-facts.rules.HF201]    # the rule's Options model
    min-claims = 3

    [tool.hetao-facts.per-file-ignores]   # globs (relative to this file's folder) -> rules
    "CHANGELOG.md" = ["HF603"]
    "archive/**" = ["HF6", "HF201"]

Paths in fingerprints and baselines are relative to the folder of the configuration file
(or ``--root``), so a baseline written at the repository root matches in a subfolder.

Everything is validated before anything runs; :class:`~hetao_facts.errors.ConfigError`
lists every problem at once, each with its line, key path, what was expected and, for a
near miss, a suggestion::

    line 14: tool.hetao-facts.tolerances.approx: expected a number between 0 and 1, got '10%'
    line 17: tool.hetao-facts.rules.HF110: unknown rule 'HF110'; did you mean 'HF101'?
"""

from __future__ import annotations

import codecs
import datetime
import difflib
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from hetao_facts import _rx
from hetao_facts.documents import DEFAULT_INCLUDE
from hetao_facts.errors import ConfigError
from hetao_facts.intervals import DEFAULT_TOLERANCES, Tolerances
from hetao_facts.model import Check, Report, Severity
from hetao_facts.rules.base import Rule, RuleOptions

__all__ = [
    "CONFIG_FILES",
    "DEFAULT_MAX_SIZE",
    "Config",
    "apply_severity",
    "build_rules",
    "did_you_mean",
    "effective_selection",
    "find_config",
    "load_config",
    "parse_size",
    "select_rules",
]

CONFIG_FILES = ("hetao-facts.toml", "pyproject.toml")
DEFAULT_MAX_SIZE = 10 * 1024 * 1024
_SIZE = _rx.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b|bytes?)?\s*$", re.I)
_FACTORS = {"": 1, "b": 1, "byte": 1, "bytes": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: int | str) -> int:
    """Bytes from ``10485760``, ``"10 MB"``, ``"512k"`` (binary multiples); ValueError if not."""
    if isinstance(value, bool):
        raise ValueError("not a size")
    if isinstance(value, int):
        if value < 1:
            raise ValueError("not a size")
        return value
    m = _SIZE.match(str(value))
    if not m:
        raise ValueError("not a size")
    unit = (m.group(2) or "").lower()
    key = unit if unit in _FACTORS else unit[:1]
    n = int(float(m.group(1)) * _FACTORS[key])
    if n < 1:
        raise ValueError("not a size")
    return n


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _RawConfig(BaseModel):
    """The table as written (validated); `Config` is what it resolves to."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, alias_generator=_kebab)

    paths: list[str] = Field(default_factory=list)
    include: list[str] | None = None
    exclude: list[str] = Field(default_factory=list)
    facts: list[str] = Field(default_factory=list)
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    extend_select: list[str] = Field(default_factory=list)
    extend_ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    force_exclude: StrictBool = False
    follow_links: StrictBool = False
    time_limit: float | None = Field(default=None, gt=0)
    memory_limit: int | str | None = None
    severity: dict[str, str] = Field(default_factory=dict)
    tolerances: dict[str, Any] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    fail_on: Literal["error", "warning", "info"] = "error"
    encoding: str = "utf-8"
    max_size: int | str = DEFAULT_MAX_SIZE
    baseline: str | None = None
    jobs: int = Field(default=1, ge=0)

    @field_validator(
        "facts", "paths", "include", "exclude", "select", "ignore", "extend_select",
        "extend_ignore", mode="before",
    )  # fmt: skip
    @classmethod
    def _one_string(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("per_file_ignores", mode="before")
    @classmethod
    def _one_code(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {k: [c] if isinstance(c, str) else c for k, c in v.items()}
        return v


# What each key expects, in words (for messages).
_EXPECT = {
    "paths": "a list of paths (strings)",
    "include": "a list of glob patterns (strings)",
    "exclude": "a list of glob patterns (strings)",
    "facts": "a list of fact sheet paths (strings)",
    "select": "a list of rule codes, prefixes or names (strings)",
    "ignore": "a list of rule codes, prefixes or names (strings)",
    "extend-select": "a list of rule codes, prefixes or names (strings)",
    "extend-ignore": "a list of rule codes, prefixes or names (strings)",
    "per-file-ignores": "a table of glob = list of rule codes",
    "force-exclude": "true or false",
    "follow-links": "true or false",
    "time-limit": "a number of seconds > 0",
    "memory-limit": "a size such as '2 GB'",
    "severity": "a table of rule code = 'error', 'warning' or 'info'",
    "tolerances": "a table (approx, hedge-digits, round-trailing-zeros)",
    "rules": "a table of rule code = table of options",
    "fail-on": "'error', 'warning' or 'info'",
    "encoding": "an encoding name such as 'utf-8'",
    "max-size": "a size such as 10485760 or '10 MB'",
    "baseline": "a path (string)",
    "jobs": "a whole number >= 0 (0: one per core)",
    "approx": "a number between 0 and 1",
    "hedge-digits": "a whole number >= 0 (0: no cap)",
    "round-trailing-zeros": "true or false",
}


class Config(BaseModel):
    """Resolved configuration (paths made usable from the working directory)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    source: str | None = None
    paths: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    force_exclude: bool = False
    follow_links: bool = False
    time_limit: float | None = None
    memory_limit: int | None = None  # bytes the extraction may add to the process
    root: str | None = None  # fingerprints' paths are relative to it (the config's folder)
    suppressions: bool = True  # inline comments; False: they are not read
    date: datetime.date | None = None  # for documents that state no date
    severity: dict[str, Severity] = Field(default_factory=dict)
    tolerances: Tolerances = DEFAULT_TOLERANCES
    rule_options: dict[str, RuleOptions] = Field(default_factory=dict)
    fail_on: str = "error"
    encoding: str = "utf-8"
    max_size: int = DEFAULT_MAX_SIZE
    baseline: str | None = None
    jobs: int = 1


# --------------------------------------------------------------------------------------------
# Finding and reading


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    shown = str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(shown, ["no such file"]) from None
    except IsADirectoryError:
        raise ConfigError(shown, ["is a directory, not a file"]) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(shown, [f"not valid UTF-8 at byte {exc.start}"]) from None
    except OSError as exc:
        raise ConfigError(shown, [f"cannot read: {exc.strerror or exc}"]) from None
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)$", msg)
        if m:
            msg = f"line {m.group(1)}, column {m.group(2)}: invalid TOML: {msg[: m.start()]}"
        else:
            msg = f"invalid TOML: {msg}"
        raise ConfigError(shown, [msg]) from None


def _table_of(path: Path, data: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """The configuration table of a file and its key-path prefix, or None if it has none."""
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "hetao-facts" not in tool:
            return None
        table = tool["hetao-facts"]
        if not isinstance(table, dict):
            raise ConfigError(str(path), ["tool.hetao-facts: expected a table"])
        return table, "tool.hetao-facts."
    return data, ""


def find_config(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The configuration file for ``start`` (default: the working directory), or None."""
    here = Path(start if start is not None else os.getcwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "hetao-facts.toml"
        if own.is_file():
            return own
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                data = tomllib.loads(py.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                # A broken pyproject.toml: only an error if it is ours (checked by text).
                try:
                    if "[tool.hetao-facts" in py.read_text(encoding="utf-8", errors="replace"):
                        return py
                except OSError:
                    pass
                continue
            if _table_of(py, data) is not None:
                return py
    return None


# --------------------------------------------------------------------------------------------
# Validation


def _got(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbours as one edit (HF110 -> HF101)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'X'?`` for the nearest choice, or nothing if none is near."""
    choices = list(choices)
    if not word or not choices:
        return ""
    best = min(choices, key=lambda c: (_distance(word.lower(), c.lower()), c))
    d = _distance(word.lower(), best.lower())
    if d <= max(1, len(word) // 3):
        return f"; did you mean {best!r}?"
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.75)
    return f"; did you mean {close[0]!r}?" if close else ""


def _line_of(raw: str, keys: Sequence[str]) -> int | None:
    """Best-effort line of a key path (``["tool", "hetao-facts", "tolerances", "approx"]``)."""
    lines = raw.splitlines()
    # the deepest [table] header that is a prefix of the path, then the key after it
    for depth in range(len(keys), 0, -1):
        pat = re.compile(
            r"^\s*\[\s*" + r"\s*\.\s*".join(_key_pattern(k) for k in keys[:depth]) + r"\s*\]"
        )
        for i, line in enumerate(lines):
            if pat.match(line):
                if depth == len(keys):
                    return i + 1
                rest = keys[depth:]
                key_pat = re.compile(
                    r"^\s*" + r"\s*\.\s*".join(_key_pattern(k) for k in rest[:1]) + r"\s*[=.]"
                )
                for j in range(i + 1, len(lines)):
                    if re.match(r"^\s*\[", lines[j]):
                        break
                    if key_pat.match(lines[j]):
                        return j + 1
                return i + 1
    last = keys[-1] if keys else ""
    for i, line in enumerate(lines):
        if re.match(r"^\s*" + _key_pattern(last) + r"\s*=", line):
            return i + 1
    return None


def _key_pattern(key: str) -> str:
    k = re.escape(key)
    return rf"(?:{k}|\"{k}\"|'{k}')"


def _describe(err: Mapping[str, Any], field: str) -> str:
    """What a pydantic error says was expected, in words."""
    if field in _EXPECT:
        return _EXPECT[field]
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "a whole number"
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type"):
        return "a number"
    if kind in ("bool_parsing", "bool_type"):
        return "true or false"
    if kind in ("string_type",):
        return "a string"
    if kind in ("list_type", "tuple_type"):
        return "a list"
    if kind in ("dict_type", "model_type"):
        return "a table"
    if kind == "greater_than_equal":
        return f"a number >= {ctx.get('ge')}"
    if kind == "greater_than":
        return f"a number > {ctx.get('gt')}"
    if kind == "less_than_equal":
        return f"a number <= {ctx.get('le')}"
    if kind == "less_than":
        return f"a number < {ctx.get('lt')}"
    if kind == "literal_error":
        return f"one of {ctx.get('expected')}"
    return str(err.get("msg", "a valid value")).lower()


def _pydantic_problems(
    exc: ValidationError,
    prefix: Sequence[str],
    known_keys: Sequence[str],
    raw: str,
    spelling: Mapping[str, str] | None = None,
) -> list[str]:
    out = []
    for e in exc.errors(include_url=False):
        loc = [str(x) for x in e["loc"]]
        if loc and spelling:
            loc[0] = spelling.get(loc[0], loc[0])
        keys = [*prefix, *loc]
        path = ".".join(keys)
        if e["type"] == "extra_forbidden":
            msg = f"{path}: unknown key {loc[-1]!r}" + did_you_mean(loc[-1], known_keys)
        else:
            field = next((k for k in reversed(loc) if not k.isdigit()), "")
            got = e.get("input")
            msg = f"{path}: expected {_describe(e, _kebab(field))}, got {_got(got)}"
            if e["type"] == "literal_error" and isinstance(got, str):
                choices = re.findall(r"'([^']+)'", str((e.get("ctx") or {}).get("expected", "")))
                msg += did_you_mean(got, choices)
        out.append(_with_line(raw, keys, msg))
    return out


def _with_line(raw: str, keys: Sequence[str], msg: str) -> str:
    line = _line_of(raw, [k for k in keys if not k.isdigit()])
    return f"line {line}: {msg}" if line else msg


def _snake(table: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The table with snake_case keys, and each new key's spelling as written."""
    out: dict[str, Any] = {}
    spelling: dict[str, str] = {}
    for k, v in table.items():
        key = str(k).replace("-", "_")
        out[key] = v
        spelling[key] = str(k)
    return out, spelling


def _rule_classes() -> dict[str, type[Rule]]:
    from hetao_facts.rules.registry import all_rules

    return {cls.code: cls for cls in all_rules()}


def _selector_problem(token: str, rules: Mapping[str, type[Rule]]) -> str | None:
    up = token.upper()
    if up == "ALL":
        return None
    if re.fullmatch(r"HF\d{0,3}", up) and any(code.startswith(up) for code in rules):
        return None
    if token.lower() in {cls.name for cls in rules.values()}:
        return None
    choices = sorted(rules) + sorted(cls.name for cls in rules.values())
    return f"unknown rule {token!r}" + did_you_mean(
        up if up.startswith("HF") else token.lower(), choices
    )


def _resolve(base: Path, value: str) -> str:
    """A path from the config file, usable from the working directory."""
    p = Path(value).expanduser()
    full = p if p.is_absolute() else base / p
    try:
        return os.path.relpath(full, os.getcwd())
    except ValueError:  # another drive
        return str(full)


def parse_config(
    table: Mapping[str, Any],
    *,
    source: str = "<config>",
    prefix: str = "",
    raw: str = "",
    base: Path | None = None,
) -> Config:
    """Validate a configuration table; ConfigError lists every problem."""
    keys_prefix = [k for k in prefix.split(".") if k]
    problems: list[str] = []
    known_top = [_kebab(n) for n in _RawConfig.model_fields]
    try:
        rc = _RawConfig.model_validate(dict(table))
    except ValidationError as exc:
        problems.extend(_pydantic_problems(exc, keys_prefix, known_top, raw))
        # validate what can be, to report the nested problems too
        good = {}
        bad_top = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
        for k, v in table.items():
            if k not in bad_top:
                good[k] = v
        try:
            rc = _RawConfig.model_validate(good)
        except ValidationError:  # pragma: no cover - every bad key was removed
            raise ConfigError(source, problems) from None
    rules = _rule_classes()
    where = base if base is not None else Path.cwd()

    def at(*keys: str) -> list[str]:
        return [*keys_prefix, *keys]

    for key in ("select", "ignore", "extend_select", "extend_ignore"):
        for i, token in enumerate(getattr(rc, key)):
            err = _selector_problem(token, rules)
            if err:
                name = _kebab(key)
                problems.append(_with_line(raw, at(name), f"{'.'.join(at(name))}[{i}]: {err}"))
    for glob, codes in rc.per_file_ignores.items():
        for i, token in enumerate(codes):
            err = _selector_problem(token, rules)
            if err:
                keys = at("per-file-ignores", glob)
                problems.append(_with_line(raw, keys, f"{'.'.join(keys)}[{i}]: {err}"))
    severity: dict[str, Severity] = {}
    levels = [s.value for s in Severity]
    for code, value in rc.severity.items():
        keypath = ".".join(at("severity", code))
        err = _selector_problem(code, rules)
        if err:
            problems.append(_with_line(raw, at("severity", code), f"{keypath}: {err}"))
        elif value not in levels:
            problems.append(
                _with_line(
                    raw,
                    at("severity", code),
                    f"{keypath}: expected 'error', 'warning' or 'info', got {_got(value)}"
                    + did_you_mean(value, levels),
                )
            )
        else:
            severity[code.upper() if code.upper().startswith("HF") else code.lower()] = Severity(
                value
            )
    tolerances = DEFAULT_TOLERANCES
    if rc.tolerances:
        snake, spelling = _snake(rc.tolerances)
        bad = _non_booleans(Tolerances, snake, at("tolerances"), spelling, raw)
        problems.extend(bad)
        try:
            if bad:  # validate the rest too, so that every bad value is reported
                snake = {k: v for k, v in snake.items() if not _is_bool_field(Tolerances, k)}
            tolerances = Tolerances.model_validate(snake)
        except ValidationError as exc:
            known = [_kebab(n) for n in Tolerances.model_fields]
            problems.extend(_pydantic_problems(exc, at("tolerances"), known, raw, spelling))
    options: dict[str, RuleOptions] = {}
    for code, table_ in rc.rules.items():
        cls = rules.get(code.upper())
        if cls is None:
            by_name = {c.name: c for c in rules.values()}
            cls = by_name.get(code.lower())
        if cls is None:
            problems.append(
                _with_line(
                    raw,
                    at("rules", code),
                    f"{'.'.join(at('rules', code))}: unknown rule {code!r}"
                    + did_you_mean(code.upper(), sorted(rules)),
                )
            )
            continue
        snake, spelling = _snake(table_)
        bad = _non_booleans(cls.Options, snake, at("rules", code), spelling, raw)
        problems.extend(bad)
        try:
            if bad:
                snake = {k: v for k, v in snake.items() if not _is_bool_field(cls.Options, k)}
            options[cls.code] = cls.Options.model_validate(snake)
        except ValidationError as exc:
            known = [_kebab(n) for n in cls.Options.model_fields]
            found = _pydantic_problems(exc, at("rules", code), known, raw, spelling)
            if not cls.Options.model_fields:
                found = [f + f" ({cls.code} takes no options)" for f in found]
            problems.extend(found)
    try:
        codecs.lookup(rc.encoding)
    except LookupError:
        problems.append(
            _with_line(
                raw,
                at("encoding"),
                f"{'.'.join(at('encoding'))}: unknown encoding {rc.encoding!r}; "
                "expected a name such as 'utf-8', 'utf-16' or 'latin-1'",
            )
        )
    memory_limit = None
    if rc.memory_limit is not None:
        try:
            memory_limit = parse_size(rc.memory_limit)
        except ValueError:
            problems.append(
                _with_line(
                    raw,
                    at("memory-limit"),
                    f"{'.'.join(at('memory-limit'))}: expected {_EXPECT['memory-limit']}, "
                    f"got {_got(rc.memory_limit)}",
                )
            )
    max_size = DEFAULT_MAX_SIZE
    try:
        max_size = parse_size(rc.max_size)
    except ValueError:
        problems.append(
            _with_line(
                raw,
                at("max-size"),
                f"{'.'.join(at('max-size'))}: expected {_EXPECT['max-size']}, "
                f"got {_got(rc.max_size)}",
            )
        )
    if problems:
        raise ConfigError(source, sorted(problems, key=_line_key))
    return Config(
        source=source,
        paths=tuple(_resolve(where, p) for p in rc.paths),
        include=tuple(rc.include) if rc.include is not None else DEFAULT_INCLUDE,
        exclude=tuple(rc.exclude),
        facts=tuple(_resolve(where, f) for f in rc.facts),
        select=tuple(rc.select),
        ignore=tuple(rc.ignore),
        extend_select=tuple(rc.extend_select),
        extend_ignore=tuple(rc.extend_ignore),
        per_file_ignores=tuple((g, tuple(c)) for g, c in rc.per_file_ignores.items()),
        force_exclude=rc.force_exclude,
        follow_links=rc.follow_links,
        time_limit=rc.time_limit,
        memory_limit=memory_limit,
        root=_resolve(where, ".") if base is not None else None,
        severity=severity,
        tolerances=tolerances,
        rule_options=options,
        fail_on=rc.fail_on,
        encoding=rc.encoding,
        max_size=max_size,
        baseline=_resolve(where, rc.baseline) if rc.baseline else None,
        jobs=rc.jobs,
    )


def _is_bool_field(model: type[BaseModel], name: str) -> bool:
    field = model.model_fields.get(name)
    return field is not None and field.annotation is bool


def _non_booleans(
    model: type[BaseModel],
    snake: Mapping[str, Any],
    prefix: Sequence[str],
    spelling: Mapping[str, str],
    raw: str,
) -> list[str]:
    """Problems for boolean options given anything but true or false ("yes", 1...)."""
    out = []
    for key, value in snake.items():
        if _is_bool_field(model, key) and not isinstance(value, bool):
            keys = [*prefix, spelling.get(key, key)]
            out.append(
                _with_line(
                    raw, keys, f"{'.'.join(keys)}: expected true or false, got {_got(value)}"
                )
            )
    return out


def _line_key(problem: str) -> int:
    m = re.match(r"line (\d+)", problem)
    return int(m.group(1)) if m else 0


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate one configuration file (hetao-facts.toml or pyproject.toml)."""
    p = Path(path)
    shown = _shown(p)
    try:
        data, raw = _read_toml(p)
    except ConfigError as exc:
        raise ConfigError(shown, exc.problems) from None
    found = _table_of(p, data)
    if found is None:
        return Config(source=shown)
    table, prefix = found
    return parse_config(table, source=shown, prefix=prefix, raw=raw, base=p.resolve().parent)


def _shown(p: Path) -> str:
    try:
        rel = os.path.relpath(p.resolve(), os.getcwd())
    except ValueError:
        return str(p)
    return str(p) if rel.startswith(os.pardir + os.sep + os.pardir) else rel


# --------------------------------------------------------------------------------------------
# Using it


def _specificity(selector: str, code: str, name: str) -> int:
    """How specifically ``selector`` names the rule (-1: not at all)."""
    up = selector.upper()
    if up == "ALL":
        return 0
    if selector.lower() == name:
        return 10
    if up.startswith("HF") and code.startswith(up):
        return len(up)
    return -1


def select_rules(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Iterable[type[Rule]] | None = None,
) -> list[type[Rule]]:
    """The rules ``select`` and ``ignore`` leave on: the most specific selector naming a rule
    decides (a code beats its family prefix, "ALL" is the least specific, ignore wins a
    tie); a rule no selector names is on when ``select`` is empty."""
    if rules is None:
        rules = _rule_classes().values()
    out = []
    for cls in sorted(rules, key=lambda c: c.code):
        best_sel = max((_specificity(s, cls.code, cls.name) for s in select), default=-1)
        best_ign = max((_specificity(s, cls.code, cls.name) for s in ignore), default=-1)
        named = best_sel >= 0 or best_ign >= 0
        if (best_sel > best_ign) if named else not select:
            out.append(cls)
    return out


def effective_selection(config: Config) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(select, ignore) with ``extend-select`` and ``extend-ignore`` added: an empty
    ``select`` (every rule) stays every rule when ``extend-select`` names more."""
    select = tuple(config.select)
    if config.extend_select:
        select = (*(select or ("ALL",)), *config.extend_select)
    return select, (*config.ignore, *config.extend_ignore)


def build_rules(config: Config) -> list[Rule]:
    """Rule instances for a run: selected by the config, with their options."""
    select, ignore = effective_selection(config)
    return [cls(config.rule_options.get(cls.code)) for cls in select_rules(select, ignore)]


def apply_severity(report: Report, overrides: Mapping[str, Severity | str]) -> Report:
    """Give checks the severity configured for their rule (the most specific selector wins)."""
    if not overrides:
        return report
    checks: list[Check] = []
    for c in report.checks:
        best, chosen = -1, None
        for sel, sev in overrides.items():
            s = _specificity(sel, c.rule, c.name)
            if s > best:
                best, chosen = s, sev
        if chosen is not None and Severity(chosen) is not c.severity:
            checks.append(c.model_copy(update={"severity": Severity(chosen)}))
        else:
            checks.append(c)
    return report.model_copy(update={"checks": tuple(checks)})
