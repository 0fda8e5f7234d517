"""Speed-up of ``--jobs N`` and of a Dask LocalCluster over one process, same bytes.

Each configuration is one fresh ``hetao-facts check CORPUS --format json -o FILE`` process,
run ``--repeat`` times in turn (1, 2, dask, 1, 2, dask...), so a neighbour's load falls on
all of them alike; the best wall time of each is kept, with the load average before each
run (the machine may be shared). Every report must be byte-identical to the one-process
report, or the script fails. One untimed run comes first (files in the page cache, byte
code written); the runs get the environment without ``PYTHONDONTWRITEBYTECODE`` (a
sandbox may set it; an installed package has its byte code, so a user's run loads it).

Usage::

    .venv/bin/python benchmarks/corpus.py --sizes 10
    .venv/bin/python benchmarks/parallel.py benchmarks/corpora/10mb/docs --repeat 3
    .venv/bin/python benchmarks/parallel.py CORPUS --configs 1,2 --repeat 1   # no Dask
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _command(corpus: str, config: str, out: Path) -> list[str]:
    cmd = [sys.executable, "-m", "hetao_facts", "check", corpus, "--format", "json", "-o"]
    cmd.append(str(out))
    if config == "dask":
        return [*cmd, "--executor", "dask", "--jobs", "2"]
    return [*cmd, "--jobs", config]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _load() -> float:
    return os.getloadavg()[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", help="a folder of documents (benchmarks/corpus.py makes them)")
    ap.add_argument("--configs", default="1,2,dask", help="jobs counts and/or 'dask'")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    if not Path(args.corpus).is_dir():
        ap.error(f"{args.corpus}: not a folder (build one with benchmarks/corpus.py)")
    runs: dict[str, list[tuple[float, float]]] = {c: [] for c in configs}
    with tempfile.TemporaryDirectory() as tmp:
        outs = {c: Path(tmp) / f"report-{c}.json" for c in configs}
        subprocess.run(
            _command(args.corpus, configs[0], outs[configs[0]]), capture_output=True, env=_env()
        )
        for _ in range(args.repeat):
            for c in configs:
                load = _load()
                started = time.perf_counter()
                proc = subprocess.run(
                    _command(args.corpus, c, outs[c]), capture_output=True, text=True, env=_env()
                )
                wall = time.perf_counter() - started
                if proc.returncode not in (0, 1):
                    print(f"{c}: exit {proc.returncode}\n{proc.stderr}", file=sys.stderr)
                    return 2
                runs[c].append((wall, load))
        ref = outs[configs[0]]
        same = {c: filecmp.cmp(ref, outs[c], shallow=False) for c in configs}
    base = min(w for w, _ in runs[configs[0]])
    print(f"corpus {args.corpus}; {os.cpu_count()} cores; best of {args.repeat}")
    print(f"{'config':>8} {'best s':>8} {'speed-up':>9} {'runs (s @ load)':<40} same bytes")
    figures = {}
    for c in configs:
        best = min(w for w, _ in runs[c])
        shown = ", ".join(f"{w:.2f}@{ld:.2f}" for w, ld in runs[c])
        label = f"jobs {c}" if c != "dask" else "dask 2w"
        print(f"{label:>8} {best:8.2f} {base / best:8.2f}x {shown:<40} {same[c]}")
        figures[c] = {"best": best, "speedup": base / best, "runs": runs[c], "same": same[c]}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
