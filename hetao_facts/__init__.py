"""hetao_facts: check the facts and figures in English prose for consistency.

    >>> import hetao_facts
    >>> claims = hetao_facts.extract("The zone covers 3.89 square kilometers.")
    >>> report = hetao_facts.check(["seeds/"])            # files, folders or Documents
    >>> report = hetao_facts.check_text("The zone covers 3.89 km².")

See `check`, `extract`, `Report` and the rules (`hetao-facts rules`).
"""

from __future__ import annotations

__version__ = "0.1.0"

from hetao_facts.api import CheckOptions, check, check_text, explain, extract, load_documents
from hetao_facts.claims import (
    AreaClaim,
    Claim,
    CountClaim,
    DateClaim,
    DensityClaim,
    DurationClaim,
    FloorAreaClaim,
    LengthClaim,
    MoneyClaim,
    OrdinalClaim,
    PercentClaim,
    PeriodClaim,
    QuantityClaim,
    RatioClaim,
    YearClaim,
)
from hetao_facts.documents import Document
from hetao_facts.errors import (
    ConfigError,
    DocumentError,
    FactSheetError,
    HetaoFactsError,
    RuleError,
    UsageError,
)
from hetao_facts.facts import FactSheet
from hetao_facts.intervals import Interval, Qualifier, Tolerances
from hetao_facts.model import Check, Problem, Report, Severity, Status
from hetao_facts.rules import Rule, RuleOptions, all_rules, get_rule, register_rule

__all__ = [
    "AreaClaim",
    "Check",
    "CheckOptions",
    "Claim",
    "ConfigError",
    "CountClaim",
    "DateClaim",
    "DensityClaim",
    "Document",
    "DocumentError",
    "DurationClaim",
    "FactSheet",
    "FactSheetError",
    "FloorAreaClaim",
    "HetaoFactsError",
    "Interval",
    "LengthClaim",
    "MoneyClaim",
    "OrdinalClaim",
    "PercentClaim",
    "PeriodClaim",
    "Problem",
    "Qualifier",
    "QuantityClaim",
    "RatioClaim",
    "Report",
    "Rule",
    "RuleError",
    "RuleOptions",
    "Severity",
    "Status",
    "Tolerances",
    "UsageError",
    "YearClaim",
    "__version__",
    "all_rules",
    "check",
    "check_text",
    "explain",
    "extract",
    "get_rule",
    "load_documents",
    "register_rule",
]
