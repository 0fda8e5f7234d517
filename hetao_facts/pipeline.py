"""One pipeline from inputs to the final Report: ``hetao_facts.check()`` and
``hetao-facts check`` both call :func:`run_config`, so they give the same report.

1. :func:`gather` expands folders into files: ``include``/``exclude``, ``force-exclude``
   (exclude applies to files named explicitly too, as pre-commit passes them), symlinks
   that lead out of the folder being checked are skipped unless ``follow-links``
   (HF908, advisory), files over ``max-size`` are refused (HF904);
2. :func:`read_file` reads each one: a byte-order mark picks UTF-8, UTF-16 or UTF-32;
   otherwise UTF-8, and ``encoding`` is only a fallback for a file that is not valid
   UTF-8, so one legacy file does not break the others of the run;
3. :func:`hetao_facts.engine.run` extracts claims and runs the rules (a document whose
   extraction outlasts ``time-limit`` or needs more than ``memory-limit`` becomes HF907 and
   the others are still checked);
4. :func:`post_process`: per-file ignores, severity overrides, inline suppression comments
   (HF920 for unused ones), an optional baseline written, then the baseline applied (HF921
   for stale entries).

Document ids are their paths relative to the *root* (``--root``, else the configuration
file's folder, else the working directory), so fingerprints and baselines do not depend
on where the command runs; ``path`` stays usable from the working directory.
"""

from __future__ import annotations

import codecs
import contextlib
import fnmatch
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hetao_facts._budget import Budget, TimeUp, memory_cap, time_supported, unenforced
from hetao_facts.config import Config, _specificity, build_rules
from hetao_facts.documents import Document, discover, load_document
from hetao_facts.errors import DocumentError, FactSheetError
from hetao_facts.model import Check, Problem, Report
from hetao_facts.report._shared import safe_text

if TYPE_CHECKING:
    from hetao_facts.rules.base import Rule
    from hetao_facts.suppress import Baseline

__all__ = [
    "EMPTY_DOCUMENT",
    "LINK_SKIPPED",
    "TIME_LIMIT",
    "UNENFORCED",
    "Outcome",
    "decode_bytes",
    "gather",
    "post_process",
    "read_file",
    "run_config",
]

EMPTY_DOCUMENT = "HF903"
TIME_LIMIT = "HF907"
LINK_SKIPPED = "HF908"
UNENFORCED = "HF909"

Input = str | os.PathLike[str] | Document
Progress = Callable[[int, int], None]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Outcome:
    """A finished run: the report, and the baseline written during it (if asked)."""

    report: Report
    written_baseline: Baseline | None = None


# --------------------------------------------------------------------------------------------
# 1. Files


def _relative(path: Path | str, root: str | None) -> str:
    """``path`` relative to ``root`` (default: the working directory), POSIX, when inside."""
    base = os.path.abspath(root if root is not None else os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive
        return Path(full).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(full).as_posix() if root is not None else Path(path).as_posix()
    return Path(rel).as_posix()


def _display(path: Path) -> Path:
    """A path under the working directory as a relative one."""
    if not path.is_absolute():
        return path
    try:
        rel = os.path.relpath(path, os.getcwd())
    except ValueError:
        return path
    return path if rel.startswith(os.pardir) else Path(rel)


def _excluded(path: Path, patterns: Sequence[str], root: str | None = None) -> bool:
    """Whether an explicitly named file is excluded: a pattern without ``/`` matches any
    part of its path (a file or folder name), one with ``/`` the path (relative to the
    working directory, or to ``root``, the configuration's folder) or any tail of it."""
    from_root = _relative(path, root) if root is not None else "/"
    if not from_root.startswith("/") and _excluded(Path(from_root), patterns):
        return True
    rel = _relative(path, None)
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    for pattern in patterns:
        pat = pattern.lower().rstrip("/")
        if "/" in pat:
            tails = ["/".join(parts[i:]) for i in range(len(parts))]
            if any(fnmatch.fnmatchcase(t.lower(), pat) for t in tails):
                return True
            if any(
                fnmatch.fnmatchcase("/".join(parts[: i + 1]).lower(), pat)
                for i in range(len(parts))
            ):
                return True
        elif any(fnmatch.fnmatchcase(p.lower(), pat) for p in parts):
            return True
    return False


def _outside(file: Path, folder: Path) -> bool:
    """Whether ``file``, found under ``folder``, really lies elsewhere (through a symlink)."""
    try:
        real = Path(os.path.realpath(file))
        base = Path(os.path.realpath(folder))
    except (OSError, ValueError):
        return False
    return real != base and base not in real.parents


def gather(
    paths: Sequence[str | os.PathLike[str]], config: Config
) -> tuple[list[Path], list[Problem]]:
    """Files to read (see the module docstring, step 1) and the problems met."""
    from hetao_facts.documents import _size

    problems: list[Problem] = []
    given: list[Path] = []
    folders: list[Path] = []
    for p in paths:
        path = Path(p)
        try:
            is_dir = path.is_dir()
        except (OSError, ValueError):
            is_dir = False
        if is_dir:
            folders.append(path)
        elif (
            config.force_exclude and config.exclude and _excluded(path, config.exclude, config.root)
        ):
            continue
        given.append(path)
    files, errors = discover(
        given, include=config.include, exclude=config.exclude, root=config.root
    )
    problems.extend(Problem(code=e.code, path=e.path, message=e.problem) for e in errors)
    keep: list[Path] = []
    for f in files:
        if not config.follow_links:
            home = next((d for d in folders if d in f.parents), None)
            if home is not None and _outside(f, home):
                problems.append(
                    Problem(
                        code=LINK_SKIPPED,
                        path=f.as_posix(),
                        message=f"not read: a symbolic link that leads out of {home.as_posix()} "
                        f"(to {Path(os.path.realpath(f)).as_posix()}); pass --follow-links "
                        "to read it",
                    )
                )
                continue
        try:
            size = os.stat(f).st_size
        except OSError:
            size = 0  # the loader reports it
        if size > config.max_size:
            problems.append(
                Problem(
                    code="HF904",
                    path=f.as_posix(),
                    message=f"too large: {_size(size)} > {_size(config.max_size)} limit; "
                    "raise it with --max-size or max-size in the config",
                )
            )
            continue
        keep.append(_display(f))
    return keep, problems


# --------------------------------------------------------------------------------------------
# 2. Reading


def _bom_encoding(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4)
    except (OSError, ValueError):
        return None  # load_document reports it
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def read_file(
    path: Path,
    *,
    fallback: str | None = None,
    display: str | None = None,
    max_bytes: int = 200 * 1024 * 1024,
) -> Document:
    """One file as a Document (see the module docstring, step 2); DocumentError if not."""
    bom = _bom_encoding(path)
    if bom is not None:
        return load_document(path, encoding=bom, display_path=display, max_bytes=max_bytes)
    try:
        return load_document(path, encoding="utf-8", display_path=display, max_bytes=max_bytes)
    except DocumentError as err:
        if fallback is None or err.code != "HF902" or codecs.lookup(fallback).name == "utf-8":
            raise
        try:
            return load_document(path, encoding=fallback, display_path=display, max_bytes=max_bytes)
        except DocumentError as again:
            raise DocumentError(
                again.path,
                f"{err.problem.split(';')[0]}; and as {fallback}: {again.problem}",
                code=again.code,
            ) from None


def decode_bytes(data: bytes, shown: str, encoding: str = "utf-8") -> str:
    """Bytes read from a pipe as text, the way :func:`read_file` decodes a file."""
    from hetao_facts.documents import _decode

    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data, name, shown).removeprefix("\ufeff")
    try:
        return _decode(data, "utf-8", shown)
    except DocumentError as err:
        fallback = encoding if codecs.lookup(encoding).name != "utf-8" else None
        if fallback is None or err.code != "HF902":
            raise
        return _decode(data, fallback, shown)


def _fallback(config: Config) -> str | None:
    try:
        name = codecs.lookup(config.encoding).name
    except LookupError:
        return config.encoding  # load_document names the unknown encoding
    return None if name in ("utf-8", "utf-8-sig") else config.encoding


def _load(
    inputs: Sequence[Input], config: Config, root: str | None
) -> tuple[list[Document], list[Problem]]:
    from hetao_facts._urls import is_url, read_urls

    docs: list[Document] = []
    paths: list[str | os.PathLike[str]] = []
    urls: list[str] = []
    for item in inputs:
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, str) and is_url(item):
            urls.append(item)
        else:
            paths.append(item)
    problems: list[Problem] = []
    if urls:  # read through fsspec (see hetao_facts._urls)
        got, problems = read_urls(
            urls,
            include=config.include,
            exclude=config.exclude,
            max_size=config.max_size,
            fallback=_fallback(config),
        )
        docs.extend(got)
    if paths:
        files, found = gather(paths, config)
        problems += found
        fallback = _fallback(config)
        for f in files:
            try:
                docs.append(
                    read_file(
                        f,
                        fallback=fallback,
                        display=safe_text(_relative(f, root)),  # ids hash as UTF-8
                        max_bytes=config.max_size,
                    )
                )
            except DocumentError as err:
                problems.append(Problem(code=err.code, path=f.as_posix(), message=err.problem))
            except OSError as err:  # anything the loader did not foresee
                problems.append(
                    Problem(code="HF901", path=f.as_posix(), message=f"cannot read: {err}")
                )
    if config.date is not None:
        docs = [
            d
            if d.date is not None
            else d.model_copy(update={"date": config.date, "date_source": "caller"})
            for d in docs
        ]
    return docs, problems


def _fact_sheets(paths: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """The fact sheets that load, and one HF906 problem per line wrong in the others."""
    from hetao_facts.facts import load_fact_sheet

    good: list[str] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            load_fact_sheet(path)
        except FactSheetError as err:
            problems.extend(Problem(code="HF906", path=err.path, message=p) for p in err.problems)
        else:
            good.append(path)
    return good, problems


# --------------------------------------------------------------------------------------------
# 3. A time budget per document


@contextlib.contextmanager
def _watchdog(limit: float | None, jobs: int, n_docs: int) -> Iterator[Progress | None]:
    """A progress callback that re-arms a timer after each document; when one document's
    extraction outlasts ``limit`` seconds, :class:`TimeUp` is raised inside it (the engine
    turns it into that document's problem). In-process extraction (``jobs`` 1), on a
    platform with ``setitimer``, in the main thread; ``--jobs N`` budgets each document in
    its worker instead (:func:`hetao_facts._budget.within_budget`)."""
    if limit is None or jobs != 1 or not time_supported():
        yield None
        return

    def alarm(signum: int, frame: Any) -> None:
        raise TimeUp(f"took longer than the time limit of {limit:g} s")

    previous = signal.signal(signal.SIGALRM, alarm)

    def rearm(done: int, total: int) -> None:
        signal.setitimer(signal.ITIMER_REAL, limit if done < total else 0)

    # before the first document: indexing names across all of them, linear in their number
    signal.setitimer(signal.ITIMER_REAL, limit * (n_docs + 1))
    try:
        yield rearm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _memory_cap(limit: int | None, jobs: int) -> contextlib.AbstractContextManager[None]:
    """The address space capped at its size plus ``limit`` while documents are read in
    this process (``jobs`` 1; Linux): an allocation past it raises MemoryError inside that
    document's extraction, which the engine reports for that document alone."""
    return memory_cap(limit if jobs == 1 else None)


def _budget_notes(config: Config) -> list[Problem]:
    """One HF909 note per configured limit this platform cannot enforce."""
    budget = Budget(config.time_limit, config.memory_limit)
    return [Problem(code=UNENFORCED, message=m) for m in unenforced(budget)]


def _both(a: Progress | None, b: Progress | None) -> Progress | None:
    if a is None or b is None:
        return a or b

    def call(done: int, total: int) -> None:
        a(done, total)
        b(done, total)

    return call


def _time_problems(report: Report, limit: float | None) -> Report:
    problems = []
    changed = False
    for p in report.problems:
        if p.code == "HF905" and "MemoryError" in p.message:
            changed = True
            p = p.model_copy(
                update={
                    "code": TIME_LIMIT,
                    "message": "not checked: reading its figures needed more than the memory "
                    "limit; raise memory-limit in the config or split the file",
                }
            )
        elif p.code == "HF905" and "TimeUp:" in p.message:
            changed = True
            p = p.model_copy(
                update={
                    "code": TIME_LIMIT,
                    "message": f"not checked: reading its figures took longer than the time "
                    f"limit of {limit:g} s; raise time-limit in the config or split the file",
                }
            )
        problems.append(p)
    return report.model_copy(update={"problems": tuple(problems)}) if changed else report


# --------------------------------------------------------------------------------------------
# 4. Post-processing


def _pattern_matches(pattern: str, path: str) -> bool:
    pat = pattern.lower()
    low = path.lower()
    if fnmatch.fnmatchcase(low, pat):
        return True
    return "/" not in pat and fnmatch.fnmatchcase(low.rsplit("/", 1)[-1], pat)


def apply_per_file_ignores(report: Report, per_file: Sequence[tuple[str, Sequence[str]]]) -> Report:
    """Drop the checks of a rule that every one of their documents ignores (globs are
    matched against document ids, paths relative to the root, and a glob without ``/``
    against the file name too)."""
    if not per_file:
        return report

    def ignored(doc: str, check: Check) -> bool:
        return any(
            _pattern_matches(glob, doc)
            and any(_specificity(sel, check.rule, check.name) >= 0 for sel in codes)
            for glob, codes in per_file
        )

    kept = tuple(
        c
        for c in report.checks
        if not (c.documents or c.locations)
        or not all(
            ignored(d, c) for d in (c.documents or tuple(loc.document for loc in c.locations))
        )
    )
    return report.model_copy(update={"checks": kept})


def post_process(
    report: Report,
    config: Config,
    *,
    rules: Sequence[Rule],
    baseline: Baseline | None = None,
    baseline_source: str = "",
    write_baseline: str | os.PathLike[str] | None = None,
) -> Outcome:
    """Per-file ignores, severity, suppression comments, then the baseline (step 4)."""
    from hetao_facts.config import apply_severity
    from hetao_facts.suppress import apply_baseline, apply_suppressions
    from hetao_facts.suppress import write_baseline as write

    report = apply_per_file_ignores(report, config.per_file_ignores)
    report = apply_severity(report, config.severity)
    if config.suppressions:
        report = apply_suppressions(report, active_rules=[r.code for r in rules])
    written = None
    if write_baseline is not None:
        written = write(report, write_baseline)
        baseline, baseline_source = written, os.fspath(write_baseline)
    if baseline is not None:
        report = apply_baseline(report, baseline, source=baseline_source or "baseline")
    return Outcome(report, written)


def _with_problems(report: Report, extra: Sequence[Problem]) -> Report:
    if not extra:
        return report
    problems = sorted(
        [*report.problems, *extra], key=lambda p: (p.path or "", p.code, p.line or 0, p.message)
    )
    return report.model_copy(update={"problems": tuple(problems)})


def root_of(config: Config, root: str | os.PathLike[str] | None = None) -> str:
    """The folder document ids are relative to: ``root``, the config's folder, or '.'."""
    if root is not None:
        return os.fspath(root)
    return config.root if config.root is not None else os.curdir


def run_config(
    inputs: Sequence[Input],
    config: Config,
    *,
    checks: bool = True,
    facts: Any = None,
    baseline: Baseline | None = None,
    baseline_source: str = "",
    write_baseline: str | os.PathLike[str] | None = None,
    root: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    executor: Any = None,
    scheduler: str | None = None,
) -> Outcome:
    """Run every step of the module docstring with one resolved configuration.

    ``facts`` (a FactSheet) replaces the config's fact sheet paths; ``checks=False`` only
    extracts claims (no rules, no post-processing); ``executor`` and ``scheduler`` say
    where the work runs (see :func:`hetao_facts.engine.run`).
    """
    from hetao_facts.engine import run

    docs, problems = _load(inputs, config, root_of(config, root))
    sheet = facts
    if sheet is None and config.facts:
        good, bad = _fact_sheets(config.facts)
        problems += bad
        sheet = good or None
    rules = build_rules(config) if checks else []
    problems += _budget_notes(config)

    # on Dask the time and memory limits are not enforced (the workers are not ours)
    local = executor in (None, "local")

    def engine(limit: float | None, memory: int | None) -> Report:
        budget = Budget(limit, memory) if local else None
        jobs = config.jobs if local else 0
        with (
            _memory_cap(memory, jobs),
            _watchdog(limit, jobs, len(docs)) as rearm,
        ):
            return run(
                docs,
                facts=sheet,
                rules=rules,
                tolerances=config.tolerances,
                jobs=config.jobs,
                progress=_both(progress, rearm),
                budget=None if jobs == 1 else budget,
                executor=executor,
                scheduler=scheduler,
            )

    try:
        report = engine(config.time_limit, config.memory_limit)
    except (TimeUp, MemoryError):  # outside one document's extraction: again, no limits
        report = engine(None, None)
    report = _time_problems(_with_problems(report, problems), config.time_limit)
    if not checks:
        return Outcome(report)
    return post_process(
        report,
        config,
        rules=rules,
        baseline=baseline,
        baseline_source=baseline_source,
        write_baseline=write_baseline,
    )
