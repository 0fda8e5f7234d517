"""Rules of the derived-figures family: recompute what a text says follows from its other figures.

====  ======================================================================
HF701 a share or fraction against its part and whole
HF702 a density or per-unit figure against its total and count
HF703 a growth rate, multiple or average annual growth against start and end
HF704 an area against the length and width that bound it
HF705 parts against their stated total; an average against total and count
====  ======================================================================
"""
