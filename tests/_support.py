"""Helpers shared by the CLI, format, config, suppression and bad-input tests."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from hetao_facts.cli import main
from hetao_facts.model import Check, Location, Problem, Report, Severity, Status

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"

#: HF101 fails: 3.02 + 0.87 = 3.89, not 3.98.
MISMATCH = (
    "The zone comprises a 3.02 km² park in Shenzhen and a 0.87 km² park in Hong Kong. "
    "The zone covers 3.98 km²."
)
#: The same, consistent.
CONSISTENT = (
    "The zone comprises a 3.02 km² park in Shenzhen and a 0.87 km² park in Hong Kong. "
    "The zone covers 3.89 km²."
)


#: Nothing in common with the two above.
UNRELATED = "The museum opened in 2019 with three halls: north, south and east."


@dataclass
class Result:
    code: int
    out: str
    err: str


class FakeTTY(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def cli(*args: str, stdout: io.StringIO | None = None, stderr: io.StringIO | None = None) -> Result:
    """Run ``hetao-facts ARGS`` in-process and capture its output."""
    out = stdout if stdout is not None else io.StringIO()
    err = stderr if stderr is not None else io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Result(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def chdir(path: str | os.PathLike[str]) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def location(
    path: str = "docs/a.md", line: int = 3, column: int = 5, text: str = "3.98 km²"
) -> Location:
    return Location(
        claim="c1",
        document=path,
        path=path,
        start=10,
        end=10 + len(text),
        line=line,
        column=column,
        end_line=line,
        end_column=column + len(text),
        text=text,
    )


def make_check(
    rule: str = "HF101",
    name: str = "parts-sum-to-whole",
    status: str = "fail",
    severity: str = "error",
    message: str = "0.87 km² + 3.02 km² = 3.89 km² vs stated 3.98 km²",
    locations: Sequence[Location] | None = None,
    suppressed: bool = False,
    ident: str = "k1",
) -> Check:
    locs = tuple(locations) if locations is not None else (location(),)
    return Check(
        id=ident,
        rule=rule,
        name=name,
        status=Status(status),
        severity=Severity(severity),
        claims=tuple(loc.claim or "" for loc in locs),
        message=message,
        locations=locs,
        documents=tuple(dict.fromkeys(loc.document for loc in locs)),
        fingerprint="f" + ident,
        suppressed=suppressed,
    )


def make_report(checks: Sequence[Check] = (), problems: Sequence[Problem] = ()) -> Report:
    return Report(
        tool={"name": "hetao-facts", "version": "0.1.0"},
        checks=tuple(checks),
        problems=tuple(problems),
    )
