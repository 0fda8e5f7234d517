"""python -m hetao_facts"""

from hetao_facts.cli import entry

entry()
