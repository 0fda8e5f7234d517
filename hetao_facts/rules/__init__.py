"""Rules, one small module each, grouped by family (see `hetao-facts rules`).

====  ===========================================
1xx   sums and parts of a whole
2xx   units and restated facts
3xx   reference facts (fact sheets)
4xx   enumerations and ordinals
5xx   comparisons
6xx   time
7xx   derived figures
9xx   problems running the checker
====  ===========================================
"""

from hetao_facts.rules.base import Rule, RuleOptions
from hetao_facts.rules.registry import all_rules, get_rule, register_rule

__all__ = ["Rule", "RuleOptions", "all_rules", "get_rule", "register_rule"]
