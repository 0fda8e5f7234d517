"""Run quantulum3 over documents; meant for `benchmarks/.venv-quantulum/bin/python`.

Imports only the standard library and quantulum3 (hetao_facts is not installed in that
environment). quantulum3's parse() is superlinear in the length of its input (a 58 KB seed
takes ~12x longer per character than a 5 KB one), so by default each paragraph (non-blank
line) is parsed on its own and spans are mapped back to document offsets; ``--whole``
parses each document as one string. Prints one JSON object: timing, peak memory and, with
``--dump``, every quantity found (document, span, surface, value, unit, entity, uncertainty).

    benchmarks/.venv-quantulum/bin/python benchmarks/quantulum_run.py benchmarks/corpora/1mb/docs
    benchmarks/.venv-quantulum/bin/python benchmarks/quantulum_run.py seeds --dump /tmp/q.json
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import time
import warnings
from pathlib import Path


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every non-blank line."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            out.append((pos, line))
        pos += len(line)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path, help="folder of .txt documents")
    ap.add_argument("--dump", type=Path, help="write the quantities found as JSON")
    ap.add_argument("--whole", action="store_true", help="parse each document as one string")
    a = ap.parse_args(argv)
    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    files = sorted(a.folder.glob("*.txt"))
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in files]
    t0 = time.perf_counter()
    from quantulum3 import parser

    parser.parse("warm up: 3 km and 5%")  # loads its unit tables
    t_import = time.perf_counter() - t0
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    found: list[dict[str, object]] = []
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for stem, text in texts:
        pieces = [(0, text)] if a.whole else _paragraphs(text)
        for offset, piece in pieces:
            quantities = parser.parse(piece)
            n += len(quantities)
            if a.dump is None:
                continue
            for q in quantities:
                found.append(
                    {
                        "doc": stem,
                        "start": offset + q.span[0],
                        "end": offset + q.span[1],
                        "surface": q.surface,
                        "value": q.value,
                        "unit": q.unit.name,
                        "entity": q.unit.entity.name,
                        "uncertainty": q.uncertainty,
                    }
                )
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if a.dump is not None:
        a.dump.write_text(json.dumps(found, indent=1), encoding="utf-8")
    chars = sum(len(t) for _, t in texts)
    out = {
        "tool": "quantulum3",
        "unit": "document" if a.whole else "paragraph",
        "documents": len(texts),
        "characters": chars,
        "bytes": sum(len(t.encode("utf-8")) for _, t in texts),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "import_seconds": t_import,
        "quantities": n,
        "base_rss_kb": base_rss,
        "peak_rss_kb": peak,
    }
    json.dump(out, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
