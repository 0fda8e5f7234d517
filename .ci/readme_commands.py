"""Print the two commands of the README's Quick start block, one per line."""

import pathlib
import re
import sys

readme = pathlib.Path(__file__).resolve().parent.parent / "README.md"
text = readme.read_text(encoding="utf-8")
section = text.split("## Quick start", 1)[1]
block = re.search(r"```[^\n]*\n(.*?)```", section, re.S)
if block is None:
    sys.exit("README.md: no code block under '## Quick start'")
lines = [ln.strip() for ln in block.group(1).splitlines() if ln.strip()]
if len(lines) != 2:
    sys.exit(f"README.md: the Quick start block must hold exactly two commands, found {len(lines)}")
print("\n".join(lines))
