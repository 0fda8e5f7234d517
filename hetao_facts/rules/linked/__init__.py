"""Rules over relations (HF103, HF202, HF706, HF707): arithmetic only, no text reading.

Each rule receives the relations of its kind from the linking stage (`hetao_facts.link`)
and the claims they cite. The strength policy is the same for all of them: a disagreement
fails only on a ``stated`` relation whose ends were resolved with confidence; on an
``inferred`` or loosely resolved relation it is a warning that says why.
"""
