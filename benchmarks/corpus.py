"""Build benchmark corpora from the seed texts: 1, 10 and 100 MB of varied press prose.

Each corpus is a folder of documents of 5-60 KB (so cross-document rules have real work)
under ``benchmarks/corpora/<label>/``, plus ``all.txt`` (every document, separated by a
blank line; what a single-string extractor such as quantulum3 is given) and
``manifest.json``. Documents are generated one by one from a seeded stream, so the 10 MB
corpus starts with the 1 MB one and every run builds byte-identical files.

Each document is varied, not just repeated:

* paragraphs are drawn from all seeds and shuffled (a speaker line stays with its turn);
* entity names (Hetao, Shenzhen, Qianhai...) are swapped for names from a fixed pool, the
  same way throughout the document; the pool is small so that many documents share
  subjects and the cross-document groups grow with the corpus;
* figures are perturbed: each distinct numeral gets a new value (same format: decimals,
  thousands separators), the same everywhere in the document; years are kept;
* areas are all rewritten in one unit chosen per document (km², ha, sq ft, m², square
  kilometers, hectares), the value converted, so restatements still agree;
* each document gets a title and a dateline with a random date (2015-2025).

Usage::

    .venv/bin/python benchmarks/corpus.py                 # 1, 10 and 100 MB
    .venv/bin/python benchmarks/corpus.py --sizes 1,10
    .venv/bin/python benchmarks/corpus.py --smoke         # ~60 KB in corpora/smoke
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SEEDS = ROOT / "seeds"
DEFAULT_OUT = HERE / "corpora"
MB = 1_000_000

#: Names in the seeds that are swapped per document (longest first in the regex).
SEED_NAMES = (
    "Hetao",
    "Shenzhen",
    "Hong Kong",
    "Qianhai",
    "Hengqin",
    "Nansha",
    "Zhuhai",
    "Macao",
    "Huanggang",
    "Lok Ma Chau",
    "Futian",
    "Guangzhou",
    "Guangdong",
)
#: Invented place names (two-syllable, capitalized), a small pool shared by the corpus.
NAME_POOL = (
    "Beilin",
    "Donghai",
    "Xiliu",
    "Nanhe",
    "Qinglan",
    "Baishan",
    "Yunfeng",
    "Lanshui",
    "Jinhua Bay",
    "Tianmu",
    "Longquan",
    "Haixin",
    "Shiqiao",
    "Songling",
    "Fengyang",
    "Mingzhou",
    "Huaxi",
    "Zhenhai",
    "Anping",
    "Ruilin",
    "Kaiyuan",
    "Pingshan",
    "Lianhe",
    "Taoyuan",
    "Wuling",
    "Xinzhuang",
    "Hexi",
    "Yuehai",
    "Chengbei",
    "Jiulong",
)
SOURCES = ("China.org.cn", "China SCIO", "Xinhua", "Press Room", "Daily Briefing")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Area units: the surface forms found in the seeds, their size in m², and the forms written.
_AREA_IN = {
    "square kilometers": Decimal(1_000_000),
    "square kilometres": Decimal(1_000_000),
    "square kilometer": Decimal(1_000_000),
    "square-kilometer": Decimal(1_000_000),
    "square- kilometer": Decimal(1_000_000),
    "km²": Decimal(1_000_000),
    "hectares": Decimal(10_000),
    "hectare": Decimal(10_000),
    "ha": Decimal(10_000),
    "square meters": Decimal(1),
    "square metres": Decimal(1),
    "m²": Decimal(1),
    "square feet": Decimal("0.09290304"),
    "sq ft": Decimal("0.09290304"),
}
_AREA_OUT = (
    ("km²", Decimal(1_000_000)),
    ("square kilometers", Decimal(1_000_000)),
    ("ha", Decimal(10_000)),
    ("hectares", Decimal(10_000)),
    ("sq ft", Decimal("0.09290304")),
    ("square meters", Decimal(1)),
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AREA_UNITS = "|".join(re.escape(u) for u in sorted(_AREA_IN, key=len, reverse=True))
_TOKEN = re.compile(
    rf"(?P<area>(?P<anum>{_NUM})(?P<asep>[ -]|\u00a0)(?P<scale>million[ -])?"
    rf"(?P<unit>{_AREA_UNITS})\b)"
    rf"|(?<![\w.,])(?P<num>{_NUM})(?![\w]|[.,]\d)"
)
_NAMES = re.compile(
    r"\b(?:" + "|".join(re.escape(n) for n in sorted(SEED_NAMES, key=len, reverse=True)) + r")\b"
)
_SPEAKER = re.compile(r"^[A-Z][\w'’.-]*(?: [A-Za-z][\w'’.-]*){0,4}:$")


def _paragraphs(text: str) -> list[str]:
    """Non-blank lines as paragraphs; a speaker line ('Guo Lanfeng:') stays with the next."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    out: list[str] = []
    pending: str | None = None
    for ln in lines:
        if _SPEAKER.match(ln) and len(ln) < 60:
            pending = ln
            continue
        out.append(f"{pending}\n\n{ln}" if pending else ln)
        pending = None
    return out


def _format_like(value: Decimal, like: str) -> str:
    """`value` written the way `like` is: same decimals, thousands separators if it had them."""
    decimals = len(like.split(".", 1)[1]) if "." in like else 0
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if "," in like:
        return f"{q:,.{decimals}f}"
    return f"{q:.{decimals}f}"


def _format_sig(value: Decimal, digits: int = 3) -> str:
    """A converted area: `digits` significant digits, separators from 10,000 on."""
    if value == 0:
        return "0"
    exp = value.adjusted()
    q = value.quantize(Decimal(1).scaleb(exp - digits + 1), rounding=ROUND_HALF_UP)
    decimals = max(0, digits - 1 - exp)
    return f"{q:,.{decimals}f}" if q >= 10_000 else f"{q:.{decimals}f}"


class _DocVariant:
    """The per-document choices: name map, figure map and area unit."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        pool = list(NAME_POOL)
        rng.shuffle(pool)
        self.names = dict(zip(SEED_NAMES, pool, strict=False))
        self.area_unit, self.area_factor = rng.choice(_AREA_OUT)
        self.figures: dict[str, Decimal] = {}

    def _perturb(self, raw: str) -> Decimal:
        got = self.figures.get(raw)
        if got is None:
            value = Decimal(raw.replace(",", ""))
            if self.rng.random() < 0.4:  # keep some figures as they were
                got = value
            else:
                got = value * Decimal(str(round(self.rng.uniform(0.5, 1.6), 3)))
            self.figures[raw] = got
        return got

    def _token(self, m: re.Match[str]) -> str:
        if m.group("area"):
            raw = m.group("anum")
            value = self._perturb(raw)
            if m.group("scale"):
                value *= 1_000_000
            m2 = value * _AREA_IN[m.group("unit")]
            return f"{_format_sig(m2 / self.area_factor)} {self.area_unit}"
        raw = m.group("num")
        plain = raw.replace(",", "")
        if "." not in plain and len(plain) == 4 and 1900 <= int(plain) <= 2100:
            return raw  # a year
        return _format_like(self._perturb(raw), raw)

    def apply(self, text: str) -> str:
        text = _NAMES.sub(lambda m: self.names[m.group(0)], text)
        return _TOKEN.sub(self._token, text)


def documents(seeds: list[str], seed: int = 0) -> Iterator[str]:
    """An endless, deterministic stream of varied documents (see the module docstring)."""
    paras = [p for text in seeds for p in _paragraphs(text)]
    titles = [p for p in paras if len(p) < 160 and not p.endswith((".", ":", "?"))] or ["Briefing"]
    i = 0
    while True:
        rng = random.Random(f"{seed}:{i}")
        i += 1
        var = _DocVariant(rng)
        target = rng.randint(5_000, 60_000)
        body: list[str] = []
        size = 0
        while size < target:
            p = rng.choice(paras)
            body.append(p)
            size += len(p.encode("utf-8")) + 2
        rng.shuffle(body)
        date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2025)}"
        head = f"{rng.choice(titles)}\n\n{rng.choice(SOURCES)} | {date}\n\n"
        yield var.apply(head + "\n\n".join(body) + "\n")


def build(label: str, size: int, seeds: list[str], out: Path, seed: int = 0) -> dict[str, object]:
    """Write one corpus of at least `size` bytes; return its manifest."""
    folder = out / label
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "docs").mkdir(parents=True)
    total = chars = n = 0
    t0 = time.perf_counter()
    with open(folder / "all.txt", "w", encoding="utf-8", newline="") as all_f:
        for text in documents(seeds, seed):
            n += 1
            data = text.encode("utf-8")
            (folder / "docs" / f"doc_{n:05d}.txt").write_bytes(data)
            all_f.write(text + "\n")
            total += len(data)
            chars += len(text)
            if total >= size:
                break
    manifest: dict[str, object] = {
        "label": label,
        "documents": n,
        "bytes": total,
        "characters": chars,
        "seed": seed,
        "target_bytes": size,
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="1,10,100", help="sizes in MB (10^6 bytes), comma-separated")
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of seed .txt files")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where corpora are written")
    ap.add_argument("--seed", type=int, default=0, help="random seed")
    ap.add_argument("--smoke", action="store_true", help="one tiny corpus (~60 KB) named 'smoke'")
    a = ap.parse_args(argv)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(a.seeds.glob("*.txt"))]
    if not seeds:
        print(f"corpus.py: no *.txt seeds in {a.seeds}", file=sys.stderr)
        return 2
    if a.smoke:
        plan = [("smoke", 60_000)]
    else:
        plan = [(f"{s}mb", int(float(s) * MB)) for s in a.sizes.split(",") if s.strip()]
    for label, size in plan:
        m = build(label, size, seeds, a.out, a.seed)
        print(
            f"{label}: {m['documents']} documents, {m['bytes']:,} bytes "
            f"in {m['seconds']} s -> {a.out / label}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
