"""Command line: ``hetao-facts check | claims | rules | rule CODE``.

``hetao-facts check PATH...`` reads files and folders, checks them and writes the report
in one format (``--format text|json|sarif|junit|github|html``) to stdout, or to a file
with ``-o FILE``; then a short summary (the failing and warning checks and one count line)
still goes to stdout, which the report no longer uses. Inputs that could not be read are
one line each on stderr (``error: docs/a.md: not valid UTF-8 at byte 12 ... [HF902]``),
whatever the format; the other documents are still checked and reported.

Exit codes
    0  no failing check at or above ``--fail-on`` (``error`` by default; ``warning``
       also counts warn-status checks and checks of severity warning)
    1  failing checks
    2  usage or configuration error, or any input that could not be processed (an HF9xx
       problem in the report); unused suppression comments (HF920) and stale baseline
       entries (HF921) are warnings and change nothing
    The report is written whatever the exit code. Suppressed checks never count.

Configuration comes from ``[tool.hetao-facts]`` in pyproject.toml or a hetao-facts.toml
(see :mod:`hetao_facts.config`); flags override it. Suppression comments and baselines:
see :mod:`hetao_facts.suppress`. ``--quiet`` prints only errors: the checks that fail the
run (text) or the report asked for, and unreadable inputs. A progress bar appears on
stderr when it is a terminal and there are more than 20 files. An unexpected error is
one line and exit 2; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from hetao_facts import __version__

if TYPE_CHECKING:
    from hetao_facts._io import Encoded
    from hetao_facts.config import Config
    from hetao_facts.model import Problem, Report

__all__ = ["main"]

FORMATS = ("text", "json", "sarif", "junit", "github", "html")
PROGRESS_MIN_FILES = 20


class _Usage(Exception):
    """A usage error found after parsing (exit 2, one line per message)."""

    def __init__(self, *messages: str) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show tracebacks of unexpected errors",
    )
    p = argparse.ArgumentParser(
        prog="hetao-facts",
        description="Check the facts and figures in English prose for consistency.",
        parents=[common],
    )
    p.add_argument("--version", action="version", version=f"hetao-facts {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    inputs = argparse.ArgumentParser(add_help=False)
    inputs.add_argument(
        "paths", nargs="*", help="files or folders (default: `paths` in the config)"
    )
    inputs.add_argument(
        "--config", metavar="FILE", help="configuration file (default: found upwards)"
    )
    inputs.add_argument("--isolated", action="store_true", help="ignore configuration files")
    inputs.add_argument(
        "--facts",
        action="append",
        metavar="SHEET",
        help="a fact sheet (TOML or YAML); repeatable; replaces the config's",
    )
    inputs.add_argument(
        "--encoding",
        help="fallback for files that are not valid UTF-8 (a byte-order mark always wins)",
    )
    inputs.add_argument(
        "--include",
        action="append",
        metavar="GLOB",
        help="file names to take from folders; repeatable",
    )
    inputs.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="names or relative paths to skip in folders; repeatable",
    )
    inputs.add_argument(
        "--force-exclude",
        action="store_true",
        default=None,
        help="apply --exclude to files named explicitly too (for pre-commit)",
    )
    inputs.add_argument(
        "--follow-links",
        action="store_true",
        default=None,
        help="read symlinks that lead out of the folders being checked",
    )
    inputs.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name of the text read from stdin (path -), for messages and the format",
    )
    inputs.add_argument(
        "--max-size",
        metavar="SIZE",
        help="refuse larger files (default 10 MB; e.g. 50MB, 200000000)",
    )
    inputs.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="processes for the per-document work (0: one per core; default 1); with "
        "--executor dask and no --scheduler, the workers of a local cluster",
    )
    inputs.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where the work runs: this machine (default) or a Dask cluster (needs "
        "pip install 'hetao_facts[dask]'; see docs/dask.md); the report is the same",
    )
    inputs.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: the scheduler's address (tcp://HOST:8786); without "
        "it, a local cluster of --jobs worker processes is started and stopped",
    )
    inputs.add_argument("-o", "--output", metavar="FILE", help="write the report to this file")
    inputs.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    c = sub.add_parser(
        "check",
        parents=[common, inputs],
        help="check documents and report every tested relation",
        description="Check documents and report every tested relation.",
        epilog="exit codes: 0 no failing check at or above --fail-on; 1 failing checks; "
        "2 usage or configuration error, or an input that could not be processed",
    )
    c.add_argument("-f", "--format", default="text", choices=FORMATS)
    c.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these rules (codes, prefixes such as HF1, or names; comma-separated)",
    )
    c.add_argument("--ignore", action="append", metavar="CODES", help="not these rules")
    c.add_argument(
        "--extend-select",
        action="append",
        metavar="CODES",
        help="these rules too, in addition to the config's select",
    )
    c.add_argument(
        "--extend-ignore",
        action="append",
        metavar="CODES",
        help="not these rules either, in addition to the config's ignore",
    )
    c.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when checks fail (unreadable inputs and usage errors still exit 2)",
    )
    c.add_argument(
        "--statistics",
        action="store_true",
        help="print counts per rule and status instead of the checks (text)",
    )
    c.add_argument(
        "--show-source",
        action="store_true",
        help="text: show the source line of each check with its figures underlined",
    )
    c.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="lowest level that fails the run (default error)",
    )
    c.add_argument(
        "--baseline", metavar="FILE", help="suppress the checks recorded in this baseline"
    )
    c.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record today's failing and warning checks in FILE (then apply it)",
    )
    c.add_argument(
        "--root",
        metavar="DIR",
        help="repository root that SARIF and GitHub paths are relative to (default: .)",
    )
    c.add_argument("-v", "--verbose", action="store_true", help="text: also list passing checks")
    c.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text output (auto: on a terminal, unless NO_COLOR is set)",
    )

    cl = sub.add_parser(
        "claims", parents=[common, inputs], help="list the claims found in documents"
    )
    cl.add_argument("-f", "--format", default="table", choices=["table", "json"])

    rel = sub.add_parser(
        "relations",
        parents=[common, inputs],
        help="list the relations the linking stage found between claims",
    )
    rel.add_argument("-f", "--format", default="text", choices=["text", "json"])
    rel.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="only relations of this kind (see the README; repeatable)",
    )
    rel.add_argument("--stated", action="store_true", help="only stated relations")

    r = sub.add_parser("rules", parents=[common], help="list the rules")
    r.add_argument("-f", "--format", default="text", choices=["text", "json"])
    rr = sub.add_parser("rule", parents=[common], help="print one rule's documentation")
    rr.add_argument("code")
    return p


# --------------------------------------------------------------------------------------------
# Output helpers


def _err(line: str) -> None:
    from hetao_facts.report._shared import safe_text

    print(safe_text(line), file=sys.stderr)


def _use_color(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class _ProgressBar:
    """``[#####     ] 12/40 files`` on stderr, redrawn in place and erased at the end."""

    def __init__(self, stream: TextIO, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if total <= PROGRESS_MIN_FILES:
            return
        filled = self.width * done // max(total, 1)
        self.stream.write(f"\r[{'#' * filled}{' ' * (self.width - filled)}] {done}/{total} files")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
            self.stream.flush()


def _write(path: str, text: str | Iterable[str | Encoded]) -> None:
    """Write a report atomically (a reader never sees an empty or partial file)."""
    from hetao_facts._io import atomic_write

    try:
        atomic_write(path, text)
    except OSError as exc:
        raise _Usage(f"cannot write {path}: {exc.strerror or exc}") from None


def _writable(*paths: tuple[str, str | None]) -> None:
    """Fail before the run when an output file cannot be written."""
    from hetao_facts._io import check_writable

    problems = []
    for flag, path in paths:
        if path:
            why = check_writable(path)
            if why:
                problems.append(f"cannot write {path}: {why} ({flag})")
    if problems:
        raise _Usage(*problems)


def _stdout(text: str) -> None:
    from hetao_facts.report._shared import safe_text

    text = safe_text(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------------------------
# Configuration and inputs


def _split(values: Sequence[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _config(args: argparse.Namespace) -> Config:
    from hetao_facts.config import (
        Config,
        effective_selection,
        find_config,
        load_config,
        parse_size,
        select_rules,
    )

    if args.config:
        config = load_config(args.config)
    elif args.isolated:
        config = Config()
    else:
        found = find_config()
        config = load_config(found) if found is not None else Config()
    update: dict[str, Any] = {}
    problems: list[str] = []
    if getattr(args, "select", None):
        update["select"] = tuple(_split(args.select))
    if getattr(args, "ignore", None):
        update["ignore"] = tuple(_split(args.ignore))
    if getattr(args, "extend_select", None):
        update["extend_select"] = (*config.extend_select, *_split(args.extend_select))
    if getattr(args, "extend_ignore", None):
        update["extend_ignore"] = (*config.extend_ignore, *_split(args.extend_ignore))
    for flag in ("force_exclude", "follow_links"):
        if getattr(args, flag, None):
            update[flag] = True
    for key in ("select", "ignore", "extend_select", "extend_ignore"):
        for token in update.get(key, ()):
            err = _selector_problem(token)
            if err:
                problems.append(f"--{key.replace('_', '-')}: {err}")
    if getattr(args, "fail_on", None):
        update["fail_on"] = args.fail_on
    if args.facts:
        update["facts"] = tuple(args.facts)
    if args.encoding:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError:
            problems.append(
                f"--encoding: unknown encoding {args.encoding!r}; "
                "try 'utf-8', 'utf-16' or 'latin-1'"
            )
        update["encoding"] = args.encoding
    if args.include:
        update["include"] = tuple(args.include)
    if args.exclude:
        update["exclude"] = tuple(args.exclude)
    if args.max_size:
        try:
            update["max_size"] = parse_size(args.max_size)
        except ValueError:
            problems.append(
                f"--max-size: expected a size such as 10MB or 200000000, got {args.max_size!r}"
            )
    if args.jobs is not None:
        if args.jobs < 0:
            problems.append(
                f"--jobs: expected a whole number >= 0 (0: one per core), got {args.jobs}"
            )
        update["jobs"] = args.jobs
    if getattr(args, "baseline", None):
        update["baseline"] = args.baseline
    if problems:
        raise _Usage(*problems)
    config = config.model_copy(update=update)
    if not select_rules(*effective_selection(config)):
        raise _Usage("no rule is selected: check --select/--ignore and the config's select/ignore")
    return config


def _selector_problem(token: str) -> str | None:
    from hetao_facts.config import _rule_classes
    from hetao_facts.config import _selector_problem as problem

    return problem(token, _rule_classes())


def _stdin_document(args: argparse.Namespace, config: Config) -> tuple[list[Any], list[Problem]]:
    """``-`` among the paths: the text on stdin, named by ``--stdin-filename``."""
    from hetao_facts.documents import document_from_text
    from hetao_facts.errors import DocumentError
    from hetao_facts.model import Problem
    from hetao_facts.pipeline import EMPTY_DOCUMENT, _excluded, decode_bytes

    name = args.stdin_filename or "<stdin>"
    if (
        args.stdin_filename
        and config.force_exclude
        and config.exclude
        and _excluded(Path(name), config.exclude, config.root)
    ):
        return [], []
    data = sys.stdin.buffer.read()
    try:
        text = decode_bytes(data, name, config.encoding)
    except DocumentError as err:
        return [], [Problem(code=err.code, path=name, message=err.problem)]
    if not text.strip():
        return [], [Problem(code=EMPTY_DOCUMENT, path=name, message="empty document")]
    fmt = "markdown" if name.lower().endswith((".md", ".markdown", ".mdx")) else "text"
    doc = document_from_text(text, id=name, path=name if args.stdin_filename else None, format=fmt)
    return [doc], []


def _run(args: argparse.Namespace, config: Config, *, checks: bool, baseline: Any = None) -> Report:
    """The pipeline (hetao_facts.pipeline) on the command line's inputs; with ``checks``
    the report is post-processed exactly as ``hetao_facts.check()`` does."""
    report: Report = _run_outcome(args, config, checks=checks, baseline=baseline).report
    return report


def _run_outcome(
    args: argparse.Namespace, config: Config, *, checks: bool, baseline: Any = None
) -> Any:
    from hetao_facts.errors import UsageError
    from hetao_facts.pipeline import _with_problems, run_config

    paths = args.paths or list(config.paths)
    if not paths:
        raise _Usage(
            'no paths given: name files or folders, or set paths = ["docs"] in [tool.hetao-facts]'
        )
    inputs: list[Any] = [p for p in paths if p != "-"]
    extra: list[Problem] = []
    if "-" in paths:
        docs, extra = _stdin_document(args, config)
        inputs += docs
    elif args.stdin_filename:
        raise _Usage("--stdin-filename names the text read from stdin: pass - as the path")
    bar: _ProgressBar | None = None
    if not args.quiet and sys.stderr.isatty():  # drawn only for more than 20 files
        bar = _ProgressBar(sys.stderr)
    write_baseline = getattr(args, "write_baseline", None)
    executor = getattr(args, "executor", "local")
    scheduler = getattr(args, "scheduler", None)
    if scheduler and executor != "dask":
        raise _Usage("--scheduler: only used with --executor dask")
    if executor == "dask":
        from hetao_facts._dask import _distributed
        from hetao_facts.errors import UsageError

        try:
            _distributed()
        except UsageError as exc:
            raise _Usage(str(exc)) from None
    try:
        outcome = run_config(
            inputs,
            config,
            checks=checks,
            baseline=baseline,
            baseline_source=config.baseline or "",
            write_baseline=write_baseline,
            root=getattr(args, "root", None),
            progress=bar,
            executor=executor,
            scheduler=scheduler,
        )
    except UsageError as exc:  # e.g. a scheduler that cannot be reached
        raise _Usage(str(exc)) from None
    except OSError as exc:
        raise _Usage(f"cannot write {write_baseline}: {exc.strerror or exc}") from None
    finally:
        if bar is not None:
            bar.close()
    if extra:
        from dataclasses import replace

        outcome = replace(outcome, report=_with_problems(outcome.report, extra))
    return outcome


# --------------------------------------------------------------------------------------------
# Commands


def _print_problems(report: Report, *, quiet: bool) -> None:
    from hetao_facts.report._shared import problem_level
    from hetao_facts.report.text import problem_line

    for p in report.problems:
        level = problem_level(p)
        if quiet and level != "error":
            continue
        _err(problem_line(p, level))


def _check(args: argparse.Namespace) -> int:
    from hetao_facts.config import build_rules
    from hetao_facts.errors import UsageError
    from hetao_facts.report import iter_encoded, render
    from hetao_facts.report._shared import exit_code
    from hetao_facts.report.text import render_statistics, render_summary
    from hetao_facts.suppress import load_baseline

    config = _config(args)
    if (
        args.write_baseline
        and args.output
        and os.path.abspath(args.write_baseline) == os.path.abspath(args.output)
    ):
        raise _Usage("--write-baseline and --output name the same file")
    _writable(("--output", args.output), ("--write-baseline", args.write_baseline))
    baseline = None
    if config.baseline and not args.write_baseline:
        baseline = load_baseline(config.baseline)  # a bad baseline fails before the run
    outcome = _run_outcome(args, config, checks=True, baseline=baseline)
    report = outcome.report
    root = args.root or os.getcwd()
    to_file = bool(args.output)
    text_to_stdout = args.format == "text" and not to_file
    rules = build_rules(config)
    opts: dict[str, Any] = {
        "root": root,
        "fail_on": config.fail_on,
        "verbose": args.verbose,
        "quiet": args.quiet and not to_file,  # -q quiets the terminal, not the file
        "color": _use_color(args.color, sys.stdout) if text_to_stdout else False,
        "show_problems": not text_to_stdout,
        "show_source": args.show_source,
        "rules": rules,
        "jobs": config.jobs if config.jobs > 0 else os.cpu_count() or 1,  # JSON: two at most
    }
    out = ""
    try:
        if to_file:  # item by item: a large report is never held whole
            _write(args.output, iter_encoded(report, args.format, **opts))
        else:
            out = render(report, args.format, **opts)
    except UsageError as exc:
        raise _Usage(str(exc)) from None
    _print_problems(report, quiet=args.quiet)  # first, so that the summary ends the output
    color = _use_color(args.color, sys.stdout)
    if args.statistics and not args.quiet:
        _stdout(render_statistics(report, color=color))
        if to_file:
            _stdout(f"report written to {args.output}")
    elif to_file:
        if not args.quiet:
            _stdout(
                render_summary(report, color=color, fail_on=config.fail_on)
                + f"\nreport written to {args.output}"
            )
    elif out or not args.quiet:
        _stdout(out)
    if outcome.written_baseline is not None and not args.quiet:
        n = len(outcome.written_baseline.checks)
        _err(f"baseline of {n} check{'' if n == 1 else 's'} written to {args.write_baseline}")
    code = exit_code(report, config.fail_on)
    if _KEPT is not None:
        _KEPT.append(outcome)
    return 0 if args.exit_zero and code == 1 else code


def _claims(args: argparse.Namespace) -> int:
    from hetao_facts.report.text import claims_table

    config = _config(args)
    report = _run(args, config, checks=False)
    if args.format == "json":
        out = report.model_copy(update={"checks": ()}).to_json()
    else:
        out = claims_table(report)
    _print_problems(report, quiet=args.quiet)
    if args.output:
        _write(args.output, out)
    elif not args.quiet or args.format == "json":
        _stdout(out)
    from hetao_facts.report._shared import is_blocking

    return 2 if any(is_blocking(p) for p in report.problems) else 0


def _relations(args: argparse.Namespace) -> int:
    import json

    from hetao_facts.link import RelationKind
    from hetao_facts.report.text import relations_text

    kinds = _split(args.kind)
    known = [k.value for k in RelationKind]
    for k in kinds:
        if k not in known:
            raise _Usage(f"unknown relation kind {k!r}; choose from {', '.join(known)}")
    config = _config(args)
    report = _run(args, config, checks=False)
    keep = tuple(
        r
        for r in report.relations
        if (not kinds or r.kind.value in kinds) and (not args.stated or r.strength == "stated")
    )
    report = report.model_copy(update={"relations": keep, "checks": ()})
    if args.format == "json":
        used = {c for r in keep for c in r.claims}
        data = {
            "documents": [d.model_dump(mode="json") for d in report.documents],
            "relations": [r.model_dump(mode="json") for r in keep],
            "claims": [c.model_dump(mode="json") for c in report.claims if c.id in used],
        }
        out = json.dumps(data, indent=2, ensure_ascii=False)
    else:
        out = relations_text(report)
    _print_problems(report, quiet=args.quiet)
    if args.output:
        _write(args.output, out)
    elif not args.quiet or args.format == "json":
        _stdout(out)
    return 2 if any(p.code not in ("HF920", "HF921") for p in report.problems) else 0


def _rules(args: argparse.Namespace) -> int:
    from hetao_facts.rules.registry import all_rules

    if args.format == "json":
        import json

        data = [
            {
                "code": cls.code,
                "name": cls.name,
                "severity": cls.severity.value,
                "summary": cls.summary(),
                "options": sorted(cls.Options.model_fields),
            }
            for cls in all_rules()
        ]
        _stdout(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    lines = [
        f"{cls.code}  {cls.name:32s} {cls.severity.value:8s} {cls.summary()}" for cls in all_rules()
    ]
    _stdout("\n".join(lines))
    return 0


def _rule(args: argparse.Namespace) -> int:
    from hetao_facts.api import explain
    from hetao_facts.config import did_you_mean
    from hetao_facts.errors import UsageError
    from hetao_facts.rules.registry import all_rules

    try:
        text = explain(args.code)
    except UsageError:
        choices = [c.code for c in all_rules()] + [c.name for c in all_rules()]
        word = args.code.upper() if args.code.upper().startswith("HF") else args.code.lower()
        raise _Usage(f"unknown rule {args.code!r}{did_you_mean(word, choices)}") from None
    _stdout(text)
    return 0


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "rules":
        return _rules(args)
    if args.command == "rule":
        return _rule(args)
    if args.command == "claims":
        return _claims(args)
    if args.command == "relations":
        return _relations(args)
    return _check(args)


_KEPT: list[object] | None = None
"""What a run made, kept to the process's exit when run by :func:`entry`"""


def entry() -> NoReturn:
    """The ``hetao-facts`` command: :func:`main`, then the process exits without freeing
    what the run made, one object at a time (a 10 MB run's report holds about a million:
    0.2 s to free, and then nothing uses the memory). Output is flushed and the exit
    handlers run first, as at a normal exit."""
    global _KEPT
    _KEPT = []
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help, --version, or a usage error (exit 2)
        return int(exc.code) if isinstance(exc.code, int) else 2
    from hetao_facts.errors import ConfigError, HetaoFactsError

    try:
        return _dispatch(args)
    except _Usage as exc:
        for m in exc.messages:
            _err(f"hetao-facts: error: {m}")
        return 2
    except ConfigError as exc:
        for p in exc.problems:
            _err(f"hetao-facts: error: {exc.source}: {p}")
        return 2
    except HetaoFactsError as exc:
        _err(f"hetao-facts: error: {' '.join(str(exc).split())}")
        if debug:
            traceback.print_exc()
        return 2
    except KeyboardInterrupt:
        _err("hetao-facts: interrupted")
        return 130
    except BrokenPipeError:  # e.g. `hetao-facts check docs | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 2
    except Exception as exc:
        detail = " ".join(str(exc).split())
        _err(
            f"hetao-facts: internal error: {type(exc).__name__}: {detail}"
            + ("" if debug else " (run with --debug for the traceback)")
        )
        if debug:
            traceback.print_exc()
        return 2
