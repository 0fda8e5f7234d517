"""Inputs named by URL (``s3://bucket/press/``, ``memory://docs``, ``file:///mnt/share``),
read through fsspec (installed with the ``dask`` extra; S3 also needs ``s3fs``).

A URL names a file or a folder: a folder is searched recursively for files whose name
matches ``include`` and no ``exclude`` pattern (the same patterns as for local folders,
matched against the file name and each folder of its path below the URL). Each file is
read whole by this process and decoded as a local file is (a byte-order mark wins, else
UTF-8, else ``encoding``); files over ``max-size`` are refused (HF904). A document's id
and path are its URL (``scheme://`` and the path as fsspec lists it), so fingerprints and
baselines stay stable from any machine. Symbolic links, ``follow-links`` and ``--root``
do not apply to URLs.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from typing import Any

from hetao_facts import _rx
from hetao_facts.documents import Document, _format_for, _size, document_from_text
from hetao_facts.errors import DocumentError
from hetao_facts.model import Problem

__all__ = ["is_url", "read_urls"]

_URL = _rx.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
HINT = "reading URLs needs fsspec: pip install 'hetao_facts[dask]' (S3 also needs s3fs)"


def is_url(item: object) -> bool:
    """Whether an input names a URL (``scheme://...``) rather than a local path."""
    return isinstance(item, str) and bool(_URL.match(item))


def _matches(parts: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> bool:
    name = parts[-1].lower()
    if not any(fnmatch.fnmatchcase(name, p.lower()) for p in include):
        return False
    return not any(
        fnmatch.fnmatchcase(part.lower(), p.lower().rstrip("/")) for p in exclude for part in parts
    )


def read_urls(
    urls: Sequence[str],
    *,
    include: Sequence[str],
    exclude: Sequence[str],
    max_size: int,
    fallback: str | None,
) -> tuple[list[Document], list[Problem]]:
    """The documents the URLs name, and one problem per URL or file that cannot be read."""
    from hetao_facts.pipeline import decode_bytes

    try:
        import fsspec
    except ImportError:
        return [], [Problem(code="HF901", path=u, message=f"not read: {HINT}") for u in urls]
    docs: list[Document] = []
    problems: list[Problem] = []
    for url in urls:
        try:
            fs, root = fsspec.core.url_to_fs(url)
            protocol = url.split("://", 1)[0]
            if fs.isdir(root):
                found = sorted(fs.find(root, withdirs=False))
                base = root.rstrip("/")
                files = [
                    f
                    for f in found
                    if _matches(f[len(base) :].strip("/").split("/"), include, exclude)
                ]
            elif fs.exists(root):
                files = [root]
            else:
                problems.append(Problem(code="HF901", path=url, message="no such file or folder"))
                continue
        except ImportError as exc:  # a protocol whose package is missing (s3fs...)
            problems.append(Problem(code="HF901", path=url, message=f"not read: {exc}"))
            continue
        except (OSError, ValueError) as exc:
            problems.append(Problem(code="HF901", path=url, message=f"cannot read: {exc}"))
            continue
        for f in files:
            shown = _shown(fs, protocol, f)
            try:
                size = int(fs.size(f) or 0)
                if size > max_size:
                    problems.append(
                        Problem(
                            code="HF904",
                            path=shown,
                            message=f"too large: {_size(size)} > {_size(max_size)} limit; "
                            "raise it with --max-size or max-size in the config",
                        )
                    )
                    continue
                data = fs.cat_file(f)
                text = decode_bytes(data, shown, fallback or "utf-8")
                docs.append(document_from_text(text, id=shown, path=shown, format=_format_for(f)))
            except DocumentError as err:
                problems.append(Problem(code=err.code, path=shown, message=err.problem))
            except (OSError, ValueError) as exc:
                problems.append(Problem(code="HF901", path=shown, message=f"cannot read: {exc}"))
    return docs, problems


def _shown(fs: Any, protocol: str, path: str) -> str:
    unstripped = fs.unstrip_protocol(path)
    return str(unstripped) if "://" in str(unstripped) else f"{protocol}://{path}"
