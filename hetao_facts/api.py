"""The public functions: extract, check, check_text, explain, load_documents.

``check()`` runs the same pipeline as ``hetao-facts check`` (:mod:`hetao_facts.pipeline`):
with the same settings both give the same report. Its keyword arguments are the
configuration keys in snake_case; each is validated, and a wrong one raises
:class:`~hetao_facts.errors.UsageError` naming it::

    >>> hetao_facts.check(["docs/"], select=["HF110"])
    Traceback (most recent call last):
    UsageError: select[0]: unknown rule 'HF110'; did you mean 'HF101'?
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any, Never, TypedDict, Unpack

from hetao_facts.claims import Claim
from hetao_facts.config import Config, did_you_mean, find_config, load_config, parse_config
from hetao_facts.documents import Document, document_from_text
from hetao_facts.errors import ConfigError, UsageError
from hetao_facts.extract.core import extract_document, index_documents
from hetao_facts.facts import FactSheet
from hetao_facts.intervals import DEFAULT_TOLERANCES, Tolerances
from hetao_facts.model import Report, Severity
from hetao_facts.rules.base import RuleOptions
from hetao_facts.rules.registry import get_rule
from hetao_facts.suppress import Baseline, load_baseline

__all__ = ["CheckOptions", "check", "check_text", "explain", "extract", "load_documents"]

PathLike = str | os.PathLike[str]
Selectors = Sequence[str] | str


def extract(
    text: str | Document,
    *,
    date: datetime.date | None = None,
    document: str = "<text>",
    tolerances: Tolerances = DEFAULT_TOLERANCES,
) -> list[Claim]:
    """Every figure in `text` as a typed claim, in text order."""
    if not isinstance(text, (str, Document)):
        raise UsageError(f"text: expected a string or a Document, got {type(text).__name__}")
    doc = text if isinstance(text, Document) else document_from_text(text, id=document, date=date)
    index = index_documents([doc])
    return extract_document(doc, index, tolerances).claims


class CheckOptions(TypedDict, total=False):
    """The keyword arguments of :func:`check` (and :func:`check_text`)."""

    facts: PathLike | Sequence[PathLike] | FactSheet | None
    select: Selectors | None
    ignore: Selectors | None
    extend_select: Selectors | None
    extend_ignore: Selectors | None
    per_file_ignores: Mapping[str, Selectors] | None
    severity: Mapping[str, Severity | str] | None
    tolerances: Tolerances | Mapping[str, Any] | None
    rule_options: Mapping[str, RuleOptions | Mapping[str, Any]] | None
    fail_on: str | None
    date: datetime.date | None
    baseline: PathLike | Baseline | None
    suppressions: bool
    jobs: int | None
    encoding: str | None
    include: Selectors | None
    exclude: Selectors | None
    force_exclude: bool | None
    follow_links: bool | None
    max_size: int | str | None
    time_limit: float | None
    memory_limit: int | str | None
    root: PathLike | None
    config: PathLike | bool | None
    executor: Any
    scheduler: str | None


_OPTION_NAMES = tuple(CheckOptions.__annotations__)


def _argument(message: str) -> str:
    """A configuration message as the API names it: ``per-file-ignores`` -> ``per_file_ignores``."""
    m = re.match(r"(?:line \d+: )?([a-z][a-z-]*)", message)
    if not m:
        return message
    body = message[m.start(1) :]
    head = m.group(1)
    return head.replace("-", "_") + body[len(head) :]


def _table(name: str, value: Any) -> Any:
    """A keyword argument as the configuration table holds it."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, Mapping)):
        return value
    if isinstance(value, Mapping):
        out: dict[Any, Any] = {}
        for k, v in value.items():
            if isinstance(v, RuleOptions):
                v = v.model_dump()
            elif isinstance(v, Severity):
                v = v.value
            elif isinstance(v, (list, tuple)):
                v = list(v)
            out[k] = v
        return out
    return [os.fspath(v) if isinstance(v, os.PathLike) else v for v in value]


def _base_config(config: PathLike | bool | None) -> Config:
    if config is None or config is False:
        return Config()
    if config is True:
        found = find_config()
        return load_config(found) if found is not None else Config()
    if isinstance(config, (str, os.PathLike)):
        return load_config(config)
    raise UsageError(
        f"config: expected a path, True (find it upwards) or None, got {type(config).__name__}"
    )


def _resolve(
    options: Mapping[str, Any],
) -> tuple[Config, Any, Baseline | None, str, PathLike | None]:
    """(config, fact sheet object, baseline, baseline source, root) from check()'s arguments."""
    problems: list[str] = []
    for flag in ("suppressions", "force_exclude", "follow_links"):
        if options.get(flag) is not None and not isinstance(options[flag], bool):
            problems.append(f"{flag}: expected True or False, got {options[flag]!r}")
    jobs = options.get("jobs")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0):
        problems.append(f"jobs: expected a whole number >= 0 (0: one per core), got {jobs!r}")
    date = options.get("date")
    if date is not None and (
        not isinstance(date, datetime.date) or isinstance(date, datetime.datetime)
    ):
        problems.append(f"date: expected a datetime.date, got {date!r}")
    root = options.get("root")
    if root is not None and not isinstance(root, (str, os.PathLike)):
        problems.append(f"root: expected a folder path, got {type(root).__name__}")
    facts = options.get("facts")
    sheet = facts if isinstance(facts, FactSheet) else None
    baseline_arg = options.get("baseline")
    if baseline_arg is not None and not isinstance(baseline_arg, (str, os.PathLike, Baseline)):
        problems.append(
            f"baseline: expected a path or a Baseline, got {type(baseline_arg).__name__}"
        )
    tolerances = options.get("tolerances")
    table: dict[str, Any] = {}
    keys = {
        "select": "select", "ignore": "ignore", "extend_select": "extend-select",
        "extend_ignore": "extend-ignore", "per_file_ignores": "per-file-ignores",
        "severity": "severity", "rule_options": "rules", "fail_on": "fail-on",
        "encoding": "encoding", "include": "include", "exclude": "exclude",
        "max_size": "max-size", "time_limit": "time-limit", "memory_limit": "memory-limit",
    }  # fmt: skip
    for arg, key in keys.items():
        value = options.get(arg)
        if value is not None:
            table[key] = _table(arg, value)
    if facts is not None and sheet is None:
        table["facts"] = _table("facts", facts if not isinstance(facts, os.PathLike) else [facts])
    if tolerances is not None and not isinstance(tolerances, Tolerances):
        table["tolerances"] = _table("tolerances", tolerances)
    try:
        given = parse_config(table, source="check()")
    except ConfigError as err:
        problems.extend(_argument(p) for p in err.problems)
        given = Config()
    if problems:
        raise UsageError("; ".join(problems))
    base = _base_config(options.get("config"))
    update: dict[str, Any] = {}
    for arg in keys:
        if options.get(arg) is not None:
            update[arg] = getattr(given, arg)
    if "facts" in table:
        update["facts"] = given.facts
    if tolerances is not None:
        update["tolerances"] = (
            tolerances if isinstance(tolerances, Tolerances) else given.tolerances
        )
    for arg in ("suppressions", "force_exclude", "follow_links", "jobs", "date"):
        if arg in options and options[arg] is not None:
            update[arg] = options[arg]
    config = base.model_copy(update=update)
    baseline: Baseline | None = None
    source = ""
    if isinstance(baseline_arg, Baseline):
        baseline, source = baseline_arg, "baseline"
    elif baseline_arg is not None:
        baseline, source = load_baseline(baseline_arg), os.fspath(baseline_arg)
    elif config.baseline:
        baseline, source = load_baseline(config.baseline), config.baseline
    return config, sheet, baseline, source, root


def _inputs(inputs: Any, name: str = "inputs") -> list[PathLike | Document]:
    if isinstance(inputs, (str, os.PathLike, Document)):
        inputs = [inputs]
    if not isinstance(inputs, Sequence):
        raise UsageError(
            f"{name}: expected paths or Documents (a list), got {type(inputs).__name__}"
        )
    out: list[PathLike | Document] = []
    for i, item in enumerate(inputs):
        if isinstance(item, str) and ("\n" in item or len(item) > 4096):
            raise UsageError(
                f"{name}[{i}]: this looks like text, not a path; use check_text() for text"
            )
        if not isinstance(item, (str, os.PathLike, Document)):
            raise UsageError(
                f"{name}[{i}]: expected a path or a Document, got {type(item).__name__}"
            )
        out.append(item)
    return out


def check(
    inputs: Sequence[PathLike | Document] | PathLike | Document,
    *,
    facts: PathLike | Sequence[PathLike] | FactSheet | None = None,
    select: Selectors | None = None,
    ignore: Selectors | None = None,
    extend_select: Selectors | None = None,
    extend_ignore: Selectors | None = None,
    per_file_ignores: Mapping[str, Selectors] | None = None,
    severity: Mapping[str, Severity | str] | None = None,
    tolerances: Tolerances | Mapping[str, Any] | None = None,
    rule_options: Mapping[str, RuleOptions | Mapping[str, Any]] | None = None,
    fail_on: str | None = None,
    date: datetime.date | None = None,
    baseline: PathLike | Baseline | None = None,
    suppressions: bool = True,
    jobs: int | None = None,
    encoding: str | None = None,
    include: Selectors | None = None,
    exclude: Selectors | None = None,
    force_exclude: bool | None = None,
    follow_links: bool | None = None,
    max_size: int | str | None = None,
    time_limit: float | None = None,
    memory_limit: int | str | None = None,
    root: PathLike | None = None,
    config: PathLike | bool | None = None,
    executor: Any = None,
    scheduler: str | None = None,
    **unknown: Never,
) -> Report:
    """Check files, folders and Documents; returns the Report ``hetao-facts check`` makes.

    ``inputs`` are paths (files or folders) and :class:`Document` objects; a string is
    always a path (give text to :func:`check_text`). The other arguments are the
    configuration keys (see :mod:`hetao_facts.config`) in snake_case:

    facts
        fact sheet paths, or a loaded :class:`FactSheet`
    select, ignore, extend_select, extend_ignore
        rules by code, prefix ("HF2") or name; ``extend_*`` add to the configuration's
    per_file_ignores
        ``{"CHANGELOG.md": ["HF603"]}``: globs (relative to ``root``) to rules
    severity
        ``{"HF201": "warning"}``
    tolerances
        a :class:`Tolerances` or ``{"approx": 0.2}``
    rule_options
        ``{"HF201": {"min_claims": 3}}``
    fail_on
        kept in the configuration for callers that compute an exit code
    date
        the date of documents that state none (for the time rules)
    baseline
        a baseline file (or :class:`~hetao_facts.suppress.Baseline`): its checks are
        suppressed, stale entries reported (HF921)
    suppressions
        False: inline ``<!-- hetao-facts: ignore -->`` comments are not applied
    jobs
        processes for extraction (0: one per core; default 1); the report is the same
    encoding
        fallback for files that are not valid UTF-8 (a BOM is always honoured)
    include, exclude, force_exclude, follow_links, max_size
        which files of a folder are read (see ``hetao-facts check --help``)
    time_limit, memory_limit
        seconds one document's extraction may take, and memory it may add ("2 GB"), before
        it is reported (HF907) and the others checked
    root
        the folder fingerprints' paths are relative to (default: the config's folder, or
        the working directory)
    config
        a configuration file to start from, or True to find one upwards as the command
        line does (default: none)
    executor, scheduler
        where the work runs: "local" (default; ``jobs`` processes), "dask" (the Dask
        cluster whose scheduler is at ``scheduler``, e.g. "tcp://10.0.0.5:8786", else a
        LocalCluster of ``jobs`` workers), or a ``distributed.Client``; the report is the
        same (needs ``pip install 'hetao_facts[dask]'``; see docs/dask.md)

    Bad input never raises: it becomes a problem in the report. A wrong argument raises
    :class:`UsageError` naming it; a bad configuration or baseline file, ConfigError.
    """
    for key in unknown:  # a type checker flags these already (Never); say so at run time too
        raise UsageError(f"unknown argument {key!r}{did_you_mean(key, _OPTION_NAMES)}")
    options: dict[str, Any] = {
        k: v for k, v in locals().items() if k in _OPTION_NAMES and k != "inputs"
    }
    items = _inputs(inputs)
    cfg, sheet, base, source, root_ = _resolve(options)
    from hetao_facts.pipeline import run_config

    if executor not in (None, "local", "dask") and not _is_client(executor):
        raise UsageError(
            f"executor: expected 'local', 'dask' or a distributed.Client, got {executor!r}"
        )
    if scheduler is not None and executor != "dask":
        raise UsageError("scheduler: only used with executor='dask'")
    if executor == "dask":
        from hetao_facts._dask import _distributed

        _distributed()  # a clear UsageError when the extra is not installed
    return run_config(
        items,
        cfg,
        facts=sheet,
        baseline=base,
        baseline_source=source,
        root=root_,
        executor=executor,
        scheduler=scheduler,
    ).report


def _is_client(obj: Any) -> bool:
    from hetao_facts._dask import client_for

    return client_for(obj) is not None


def check_text(
    text: str,
    *,
    name: str = "<text>",
    format: str = "text",
    **options: Unpack[CheckOptions],
) -> Report:
    """Check one text given as a string (``name`` is its id in the report; ``format`` is
    "text" or "markdown"). The other keyword arguments are :func:`check`'s."""
    if not isinstance(text, str):
        raise UsageError(f"text: expected a string, got {type(text).__name__}")
    for key in options:
        if key not in _OPTION_NAMES:
            raise UsageError(f"unknown argument {key!r}{did_you_mean(key, _OPTION_NAMES)}")
    date = options.get("date")
    doc = document_from_text(
        text, id=name, format=format, date=date if isinstance(date, datetime.date) else None
    )
    return check([doc], **options)


def load_documents(
    paths: Sequence[PathLike | Document] | PathLike | Document, **options: Unpack[CheckOptions]
) -> list[Document]:
    """Read documents as ``check`` would (problems are left out: see ``check`` for them)."""
    for key in options:
        if key not in _OPTION_NAMES:
            raise UsageError(f"unknown argument {key!r}{did_you_mean(key, _OPTION_NAMES)}")
    from hetao_facts.pipeline import _load, root_of

    cfg, *_rest = _resolve(options)
    docs, _ = _load(_inputs(paths, "paths"), cfg, root_of(cfg, options.get("root")))
    return docs


def explain(code: str) -> str:
    """The documentation of one rule (its docstring), by code or name, with its options."""
    from hetao_facts.report.rule_pages import options_text

    cls = get_rule(code)
    text = (
        f"{cls.code} {cls.name} (default severity: {cls.severity.value})\n\n{cls.documentation()}"
    )
    options = options_text(cls)
    return text + (
        "\n\nOptions ([tool.hetao-facts.rules." + cls.code + "])\n" + options if options else ""
    )
