"""The one registry of diagnostic codes: every code parkscore reports, its severity and meaning.

A ``Diagnostic`` can only be made with a code listed here, and a code means one thing. The
README's table of codes is generated from this registry (``python -m parkscore.dsl.codes``) and
a test keeps the two equal.

Families: E0xx command line and standard lookup, E1xx names and kinds, E2xx units, E3xx bands,
E4xx points, E5xx amendments (rule files); D1xx park data and records; W warnings; L lint.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    meaning: str


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, Code] = {c.code: c for c in (
    # rule files: syntax and shape
    Code("E001", _E, "syntax error (with what was expected, or a hint from the catalogue of common mistakes); every syntax error of a file is reported"),
    Code("E002", _E, "an attribute or header field given twice"),
    Code("E003", _E, "two formulas in one indicator"),
    Code("E004", _E, "a formula or condition nested or chained beyond the language's limit"),
    Code("E005", _E, "a character that does not belong in a rule file (a control character, a line or paragraph separator)"),
    # standards and the command line
    Code("E010", _E, "unknown standard, scheme or version"),
    Code("E011", _E, "not exactly one `standard` header in a version"),
    Code("E012", _E, "no pass mark and no `--target`"),
    Code("E013", _E, "a command-line value that is not valid: not a number, a percentage or a day in range, a park name that matches nothing, an option that does not apply"),
    Code("E014", _E, "an indicator named on the command line that the standard does not have"),
    Code("E016", _E, "no version of a family in force on the --as-of day, or more than one"),
    Code("E015", _E, "an output would overwrite an input, or a file that is not an earlier output of the same kind"),
    Code("E020", _E, "header field missing"),
    Code("E021", _E, "unknown status"),
    Code("E022", _E, "an effective or until date that is not a day (YYYY-MM-DD), or until before effective"),
    Code("E100", _E, "a rule file that cannot be read (missing, not UTF-8)"),
    Code("E101", _E, "an id defined twice (ids share one namespace: they are the keys of park data)"),
    Code("E102", _E, "a clause used twice"),
    Code("E110", _E, "unknown name (with the closest known one)"),
    Code("E111", _E, "a name of the wrong kind (a number where a yes/no fact is needed, …)"),
    Code("E112", _E, "a formula that defines another name than its indicator"),
    Code("E113", _E, "a band that tests another value than its indicator's"),
    Code("E114", _E, "a trend over fewer than 2 years"),
    Code("E120", _E, "an indicator with no band, level, count or trend rule"),
    Code("E121", _E, "an indicator mixing kinds of rules, or with two count rules"),
    Code("E122", _E, "a level defined twice"),
    Code("E123", _E, "a formula on an indicator that is not scored by bands"),
    Code("E124", _E, "an indicator scored by bands without a unit"),
    Code("E201", _E, "unit mismatch between a formula and its indicator"),
    Code("E202", _E, "adding or subtracting different units"),
    Code("E203", _E, "`%` combined with other units"),
    Code("E301", _E, "bands overlap"),
    Code("E302", _E, "a gap that no band covers"),
    Code("E303", _E, "a comparison that is not an interval"),
    Code("E304", _E, "tiers of an indicator that overlap or leave parks without a tier, or tiered and untiered bands mixed"),
    Code("E305", _E, "grades whose intervals of the total overlap"),
    Code("E401", _E, "a rule awarding more than the indicator's maximum"),
    Code("E402", _E, "the best rule awards less than the declared maximum"),
    Code("E403", _E, "a category's maximum is not the sum of its indicators'"),
    Code("E404", _E, "the total is not the sum of the categories' maxima"),
    Code("E405", _E, "an indicator without a maximum"),
    Code("E406", _E, "a pass mark above the total"),
    Code("E407", _E, "some categories weighted and others not"),
    Code("E408", _E, "category weights not adding up to 100 %"),
    Code("E410", _E, "a k-of-n group asking for more indicators than it has (or fewer than 1)"),
    Code("E501", _E, "amendment: `override`/`remove` of an id the base lacks (with the closest name)"),
    Code("E502", _E, "amendment: a base id re-declared without `override`"),
    Code("E503", _E, "`override`/`remove` without `amends`"),
    Code("E504", _E, "amendment: unknown base, or amendments nested more than 8 deep"),
    # lifecycle schemes
    Code("E600", _E, "a lifecycle scheme without exactly one initial state"),
    # park data files
    Code("D100", _E, "a park file that cannot be read (missing, not UTF-8, too large)"),
    Code("D101", _E, "YAML syntax error"),
    Code("D102", _E, "a park file of the wrong shape (not a mapping, no `park` name, no `data` mapping)"),
    Code("D103", _E, "unknown top-level key"),
    Code("D104", _E, "a key given twice"),
    Code("D105", _E, "a control character or invisible separator in data (often pasted from Word or Excel)"),
    Code("D106", _E, "YAML the reader refuses: aliases, tags, too deep nesting"),
    Code("D107", _E, "a table row that cannot be read (a CSV cell over 128 KiB, a broken quote): the row is skipped, the others are read"),
    Code("D110", _E, "unknown data key (with the closest name)"),
    Code("D111", _E, "unknown field of a figure or of an evidenced item (with the closest name)"),
    Code("D120", _E, "not a number"),
    Code("D121", _E, "two units"),
    Code("D122", _E, "no unit"),
    Code("D123", _E, "a unit that does not convert to the declared one"),
    Code("D124", _E, "an uncertainty that is not a percentage"),
    Code("D125", _E, "a number that is not finite, has too many digits, or lies outside the range the standard allows (a negative emission, a share above 100 %)"),
    Code("D130", _E, "not a yes/no"),
    Code("D140", _E, "not a level of the indicator"),
    Code("D150", _E, "not a list of items"),
    Code("D151", _E, "an item without a name"),
    Code("D152", _E, "an item listed twice"),
    Code("D160", _E, "a count given as a number instead of items"),
    Code("D170", _E, "a yearly figure not written `{unit, by_year}`"),
    Code("D171", _E, "a year without a number"),
    # park histories (parkscore status)
    Code("H102", _E, "a history file of the wrong shape (no `park`, no `events` list, an event without `event` or `date`)"),
    Code("H110", _E, "an event the scheme does not declare (with the closest name)"),
    Code("H111", _E, "an application condition the scheme does not declare, or one that is not yes/no"),
    Code("H120", _E, "a date that is not YYYY, YYYY-MM or YYYY-MM-DD"),
    # workbooks read back (parkscore import-xlsx)
    Code("X100", _E, "a file that is not a standard workbook made by `parkscore render --format xlsx`"),
    Code("X101", _E, "a workbook row that names no rule of the standard it is read against"),
    Code("X102", _E, "a workbook cell that should hold a number (points, a bound) and does not, or holds a negative one"),
    Code("X103", _E, "a band's bounds in a workbook that are not an interval (an unknown operator, an operator without its bound, no bound)"),
    Code("X104", _E, "a workbook row that repeats another row's rule, or edits a cell the workbook cannot change (the clause, the id, the kind)"),
    # test files
    Code("D190", _E, "a test file or case that is not well formed (no cases, no standard, no data, an unknown expectation)"),
    # audit records
    Code("D180", _E, "not a parkscore audit record, or a malformed one"),
    Code("D181", _E, "a file named by an audit record that is not a file of the kind it should be"),
    # the web API (parkscore serve): a request refused before any rule or data is read
    Code("S401", _E, "a request without the bearer token `parkscore serve --token` requires"),
    Code("S413", _E, "a request body over `parkscore serve --max-body`"),
    Code("S422", _E, "a request body that is not what the endpoint takes (a check without files, a compare without two standards)"),
    Code("S503", _E, "a request that took over `parkscore serve --time-limit` seconds: answered 503, the answer abandoned"),
    # warnings
    Code("W010", _W, "a standard reference that names both an installed standard and a path: the installed one is used (write ./NAME for the path)"),
    Code("W110", _W, "park keys that another installed standard reads (one park file may carry several standards' figures)"),
    # lint
    Code("L101", _W, "points do not grow in one direction, or grow against table 1's requirement"),
    Code("L102", _W, "a share in % whose formula does not multiply by 100"),
    Code("L103", _W, "an input in % without a range: a share above 100 % would be accepted"),
    Code("L201", _W, "table 1's summary requirement (指标要求) is not where the bands start scoring"),
    Code("L301", _W, "a rule that can never fire (covered by the bands before it, or only negative values)"),
    Code("L302", _W, "a grade that no reachable total gets, or totals between 0 and the maximum that get no grade"),
    Code("L401", _W, "an input that nothing reads"),
    Code("L601", _W, "effective windows of a family's versions that overlap or leave days without a version, or a version without a date among dated ones"),
    Code("L501", _W, "an identifier mixing scripts, or a look-alike of another identifier"),
)}


def markdown_table() -> str:
    """The README's table of codes, generated from the registry."""
    rows = ["| code | severity | meaning |", "|---|---|---|"]
    rows += [f"| {c.code} | {c.severity.value} | {c.meaning} |" for c in CODES.values()]
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover
    print(markdown_table())
