"""Command line: hetao-facts check | claims | rules | rule CODE.

Exit codes: 0 no failing check at or above --fail-on; 1 failing checks; 2 usage or
configuration error, or any input that could not be processed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from hetao_facts import __version__

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hetao-facts",
        description="Check the facts and figures in English prose for consistency.",
    )
    p.add_argument("--version", action="version", version=f"hetao-facts {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="check documents and report every tested relation")
    c.add_argument("paths", nargs="+", help="files or folders of .txt and .md documents")
    c.add_argument("--facts", action="append", default=[], help="a fact sheet (TOML or YAML); repeatable")
    c.add_argument("--format", default="text", choices=["text", "json"])
    c.add_argument("--output", "-o", help="write the report to this file")

    cl = sub.add_parser("claims", help="list the claims found in documents")
    cl.add_argument("paths", nargs="+")
    cl.add_argument("--format", default="table", choices=["table", "json"])
    cl.add_argument("--output", "-o")

    sub.add_parser("rules", help="list the rules")
    r = sub.add_parser("rule", help="print one rule's documentation")
    r.add_argument("code")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from hetao_facts.api import check, explain
    from hetao_facts.errors import UsageError
    from hetao_facts.rules.registry import all_rules

    if args.command == "rules":
        for cls in all_rules():
            print(f"{cls.code}  {cls.name:32s} {cls.severity.value:8s} {cls.summary()}")
        return 0
    if args.command == "rule":
        try:
            print(explain(args.code))
        except UsageError as exc:
            print(f"hetao-facts: {exc}", file=sys.stderr)
            return 2
        return 0
    report = check(args.paths, facts=args.facts or None)
    if args.command == "claims":
        if args.format == "json":
            out = report.model_copy(update={"checks": ()}).to_json()
        else:
            from hetao_facts.report.text import claims_table

            out = claims_table(report)
    elif args.format == "json":
        out = report.to_json()
    else:
        from hetao_facts.report.text import render_text

        out = render_text(report)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(out + "\n")
    else:
        sys.stdout.write(out + "\n")
    for p in report.problems:
        print(f"{p.path or ''}: {p.code} {p.message}", file=sys.stderr)
    if report.problems:
        return 2
    return 1 if report.failing else 0
