"""Surface patterns the extractors read, kept as data.

Everything here is general English (hedges, bounds, prepositions, time words); nothing
is specific to one corpus. Extend the tables rather than the code.
"""

from __future__ import annotations

from hetao_facts.intervals import Qualifier

# Words right before a figure that hedge or bound it, longest first when matched.
QUALIFIER_BEFORE: dict[str, Qualifier] = {
    "more than": Qualifier.MORE_THAN,
    "greater than": Qualifier.MORE_THAN,
    "over": Qualifier.MORE_THAN,
    "above": Qualifier.MORE_THAN,
    "exceeding": Qualifier.MORE_THAN,
    "in excess of": Qualifier.MORE_THAN,
    "upwards of": Qualifier.MORE_THAN,
    "just over": Qualifier.MORE_THAN,
    "well over": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "no less than": Qualifier.AT_LEAST,
    "no fewer than": Qualifier.AT_LEAST,
    "not less than": Qualifier.AT_LEAST,
    "not fewer than": Qualifier.AT_LEAST,
    "a minimum of": Qualifier.AT_LEAST,
    "less than": Qualifier.LESS_THAN,
    "fewer than": Qualifier.LESS_THAN,
    "under": Qualifier.LESS_THAN,
    "below": Qualifier.LESS_THAN,
    "just under": Qualifier.LESS_THAN,
    "up to": Qualifier.UP_TO,
    "as many as": Qualifier.UP_TO,
    "as much as": Qualifier.UP_TO,
    "at most": Qualifier.AT_MOST,
    "no more than": Qualifier.AT_MOST,
    "not more than": Qualifier.AT_MOST,
    "a maximum of": Qualifier.AT_MOST,
    "approximately": Qualifier.APPROX,
    "approx.": Qualifier.APPROX,
    "approx": Qualifier.APPROX,
    "about": Qualifier.APPROX,
    "around": Qualifier.APPROX,
    "roughly": Qualifier.APPROX,
    "some": Qualifier.APPROX,
    "nearly": Qualifier.APPROX,
    "almost": Qualifier.APPROX,
    "close to": Qualifier.APPROX,
    "an estimated": Qualifier.APPROX,
    "estimated": Qualifier.APPROX,
    "circa": Qualifier.APPROX,
    "an approximate": Qualifier.APPROX,
    "about the": Qualifier.APPROX,
    "~": Qualifier.APPROX,
    "≈": Qualifier.APPROX,
    ">": Qualifier.MORE_THAN,
    "≥": Qualifier.AT_LEAST,
    "<": Qualifier.LESS_THAN,
    "≤": Qualifier.AT_MOST,
}

# Words right after a figure (and its unit/noun) that bound it.
QUALIFIER_AFTER: dict[str, Qualifier] = {
    "or more": Qualifier.AT_LEAST,
    "or above": Qualifier.AT_LEAST,
    "and above": Qualifier.AT_LEAST,
    "and more": Qualifier.AT_LEAST,
    "or so": Qualifier.APPROX,
    "or less": Qualifier.AT_MOST,
    "or fewer": Qualifier.AT_MOST,
    "at most": Qualifier.AT_MOST,
    "at least": Qualifier.AT_LEAST,
}

# Time units for durations, in years.
DURATION_UNITS: dict[str, str] = {
    "year": "1", "years": "1", "yr": "1", "yrs": "1",
    "decade": "10", "decades": "10",
    "century": "100", "centuries": "100",
    "month": "0.0833333333333333333333333333", "months": "0.0833333333333333333333333333",
    "week": "0.0191653", "weeks": "0.0191653",
    "day": "0.0027379", "days": "0.0027379",
    "hour": "0.000114077", "hours": "0.000114077",
    "minute": "0.0000019013", "minutes": "0.0000019013",
}

# Nouns that make an area a floor area (built space), not land area.
FLOOR_CUES = (
    "floor area", "floor space", "floorspace", "gross floor", "gfa", "research space",
    "office space", "space", "built-up area", "building area", "construction area",
    "floor", "lab space", "laboratory space", "premises", "facilities", "buildings",
    "housing", "apartments",
)

# Words before a number that make it part of a name or an identifier, not a figure.
NAME_BEFORE = frozenset({
    "fortune", "global", "top", "forbes", "s&p", "ftse", "nasdaq", "russell", "dax", "nikkei",
    "inc.", "no.", "nos.", "number", "article", "articles", "section", "chapter", "clause",
    "paragraph", "page", "pages", "phase", "line", "lines", "route", "room", "item", "level",
    "grade", "type", "version", "v", "model", "gate", "terminal", "building", "block", "unit",
    "platform", "figure", "fig.", "table", "appendix", "annex", "exhibit", "rule", "step",
    "stage", "round", "track", "channel", "district", "ward", "zone", "pier", "hall", "tower",
    "flight", "bus", "highway", "interstate", "exit", "apollo", "windows", "iphone", "covid",
    "covid-", "g", "category", "class", "act", "order", "decree", "resolution", "law",
})

# Fixed expressions whose numbers count nothing checkable.
IDIOMS = (
    "one country, two systems",
    "one belt, one road",
    "one belt one road",
    "one-china",
    "one china",
    "first-class",
    "first class",
    "first of all",
    "on the one hand",
    "on one hand",
    "at first",
    "first and foremost",
    "one another",
    "one day",
    "one by one",
    "in one go",
    "second to none",
    "first-hand",
    "second-hand",
    "first time",
    "for the first time",
    "first-ever",
    "at one point",
    "one or two",
    "one or more",
    "a couple",
    "first lady",
    "first step",
    "second half",
    "first half",
    "first quarter",
    "second quarter",
    "third quarter",
    "fourth quarter",
    "all-in-one",
    "two-way",
    "one-stop",
    "one-way",
    "first-tier",
    "second-tier",
    "third-tier",
    "first-rate",
    "first-mover",
)

# Connectors allowed inside a counted noun phrase.
NOUN_STOP = frozenset({
    "in", "of", "at", "from", "for", "with", "on", "by", "to", "between", "among", "within",
    "into", "across", "over", "under", "through", "during", "after", "before", "since", "until",
    "per", "as", "than", "that", "which", "who", "whom", "whose", "where", "when", "while",
    "is", "are", "was", "were", "be", "been", "being", "will", "would", "shall", "should",
    "can", "could", "may", "might", "must", "have", "has", "had", "do", "does", "did",
    "including", "such", "like", "the", "a", "an", "this", "these", "those", "its", "their",
    "his", "her", "our", "your", "my", "it", "they", "we", "you", "he", "she", "or", "but",
    "if", "so", "not", "also", "each", "every", "all", "both", "either", "neither", "more",
    "less", "most", "least", "about", "around", "nearly", "almost", "some", "any", "no",
    "to", "out", "up", "down", "off", "here", "there", "now", "then", "than", "via",
    "respectively", "mainly", "namely", "plus", "minus", "times", "percent", "per cent",
})

# Evaluative adjectives dropped when comparing counted nouns.
LOOSE_ADJECTIVES = frozenset({
    "renowned", "top", "major", "key", "main", "primary", "principal", "leading", "new",
    "innovative", "various", "several", "famous", "well-known", "prominent", "important",
    "significant", "notable", "high-level", "high-end", "top-notch", "world-class", "best",
    "total", "overall", "additional", "other", "different", "distinct", "distinctive",
    "specialized", "specialised", "special", "core", "big", "large", "small", "established",
    "existing", "current", "first", "initial", "original", "respective", "related", "relevant",
    "certain", "specific", "numerous", "many", "advanced", "excellent", "outstanding",
    "premier", "elite", "prestigious", "quality", "high-quality",
})

# Words naming people who do research; "research professionals" restates "researchers".
NOUN_SYNONYMS: dict[str, str] = {
    "research professionals": "researchers",
    "research personnel": "researchers",
    "research staff": "researchers",
    "scientific researchers": "researchers",
    "research workers": "researchers",
    "r&d personnel": "researchers",
    "scientists and researchers": "researchers",
    "personnel": "staff",
    "employees": "staff",
    "workers": "staff",
    "firms": "companies",
    "enterprises": "companies",
    "businesses": "companies",
    "kilometres": "kilometers",
}

# Words after an ordinal that make it a label of a series, a discourse marker or a name.
ORDINAL_NOT_POSITION_AFTER = frozenset({
    "of", "and", "or", "time", "times", "half", "quarter", "place", "hand", "person",
    "glance", "sight", "class", "rate", "tier", "step", "steps", "question", "questions",
    "point", "thing", "things", "reading", "draft", "instance", "priority", "sub-line",
    "sub", "line", "lines", "phase", "stage", "batch", "round", "part", "section", "lady",
    "generation", "edition", "floor",
})
