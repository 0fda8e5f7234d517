"""The one mixin that gives reports, checks, claims and documents a rich Jupyter display.

Like pint's ``PrettyIPython`` or rich's Jupyter mixin: IPython calls ``_repr_html_`` and the
mixin hands the object to :func:`hetao_facts.notebook.to_html`, imported only then, so
importing the library never pulls in anything notebook-related.
"""

from __future__ import annotations

__all__ = ["HtmlRepr"]


class HtmlRepr:
    """Adds ``_repr_html_`` (Jupyter's rich display) to a model; defines no fields."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from hetao_facts.notebook import to_html

        return to_html(self)
