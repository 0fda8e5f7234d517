"""One documentation page per rule, generated from the rule itself.

``docs/rules/HF101.md`` ... come from each rule's docstring (what it checks, why it
matters, a flagged and a consistent example) and its ``Options`` model (each option's
key, type, default and description), plus an index ``docs/rules/README.md``. Regenerate
them with ``python -m hetao_facts.report.rule_pages docs/rules``; a test fails when a page
is out of date. ``hetao-facts rule CODE`` prints the same text and options.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from hetao_facts.rules.base import Rule

__all__ = ["index_page", "option_rows", "options_text", "rule_page", "write_pages"]

_SECTIONS = ("What it checks", "Why it matters", "Flagged", "Consistent")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def _type_name(annotation: Any) -> str:
    names = {
        int: "whole number",
        float: "number",
        Decimal: "number",
        bool: "true/false",
        str: "string",
    }
    return names.get(annotation, getattr(annotation, "__name__", str(annotation)))


def option_rows(cls: type[Rule]) -> list[tuple[str, str, str, str]]:
    """(key as written in the config, type, default, description) of each option."""
    rows = []
    for name, field in cls.Options.model_fields.items():
        desc = field.description or ""
        if not desc:
            doc = (cls.Options.__doc__ or "").strip()
            if doc.startswith(f"{name}:"):
                desc = doc.split(":", 1)[1].strip()
        rows.append(
            (name.replace("_", "-"), _type_name(field.annotation), _shown(field.default), desc)
        )
    return rows


def options_text(cls: type[Rule]) -> str:
    """The options as plain text lines (empty when the rule has none)."""
    return "\n".join(
        f"    {key} = {default}   ({kind}) {desc}".rstrip()
        for key, kind, default, desc in option_rows(cls)
    )


def rule_page(cls: type[Rule]) -> str:
    """The Markdown page of one rule."""
    out = [
        f"# {cls.code} {cls.name}",
        "",
        f"{cls.summary()}",
        "",
        f"Default severity: **{cls.severity.value}**. Family: {cls.code[:3]}xx.",
        "",
    ]
    for heading in _SECTIONS:
        body = cls.section(heading)
        if not body:
            continue
        out += [f"## {heading}", ""]
        if heading in ("Flagged", "Consistent"):
            out += ["```", body, "```", ""]
        else:
            out += [body, ""]
    out += ["## Options", ""]
    rows = option_rows(cls)
    if rows:
        out += [
            f"In `[tool.hetao-facts.rules.{cls.code}]`:",
            "",
            "| option | type | default | meaning |",
            "|---|---|---|---|",
        ]
        out += [f"| `{k}` | {t} | `{d}` | {m} |" for k, t, d, m in rows]
    else:
        out.append("None.")
    out += [
        "",
        "## Silencing it",
        "",
        f'`ignore = ["{cls.code}"]` in the configuration, '
        f"`<!-- hetao-facts: ignore {cls.code} -->` above a paragraph, or "
        f"`[tool.hetao-facts.per-file-ignores]` for some files.",
        "",
    ]
    return "\n".join(out)


def index_page(classes: Iterable[type[Rule]]) -> str:
    lines = ["# Rules", "", "| code | name | severity | checks |", "|---|---|---|---|"]
    for cls in classes:
        lines.append(
            f"| [{cls.code}]({cls.code}.md) | {cls.name} | {cls.severity.value} | {cls.summary()} |"
        )
    return "\n".join(lines) + "\n"


def pages() -> dict[str, str]:
    """File name -> content of every page."""
    from hetao_facts.rules.registry import all_rules

    classes = sorted(all_rules(), key=lambda c: c.code)
    out = {f"{cls.code}.md": rule_page(cls) for cls in classes}
    out["README.md"] = index_page(classes)
    return out


def write_pages(folder: str | Path) -> list[Path]:
    """Write every page into ``folder``; returns the files written."""
    from hetao_facts._io import atomic_write

    base = Path(folder)
    base.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages().items():
        atomic_write(base / name, text)
        written.append(base / name)
    return written


if __name__ == "__main__":  # pragma: no cover - python -m hetao_facts.report.rule_pages DIR
    for path in write_pages(sys.argv[1] if len(sys.argv) > 1 else "docs/rules"):
        print(path)
