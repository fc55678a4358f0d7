"""A budget row's 执行率 printed as a fraction (0.958 for 95.8%), told from a percent by arithmetic.

A rate cell with no '%' and a value at most 1 is read as a percent (0.958%) unless the row's own
figures say otherwise: when executed / budget x 100 agrees with the fraction's reading (rounded or
cut at its printed places, as ``validate/interval.py`` reads every figure) and not with the percent
reading, the cell is a fraction, and its percent keeps the printed precision (0.958 -> 95.8, +-0.05).
A rate printed with fewer than two decimals (0.5, 1) stays as it is: its fraction reading would
claim a precision the cell does not have.
"""

from __future__ import annotations

from decimal import Decimal

from extractor.models import Value
from extractor.validate.interval import Interval, rounding_interval, truncation_interval

HUNDRED = Decimal(100)


def read_rate(rate: Value, executed: Value | None, budget: Value | None) -> Value:
    """The rate as a percent: the fraction reading when the row's amounts give it, else the rate."""
    if executed is None or budget is None or "%" in (rate.raw or "") or rate.decimals < 2:
        return rate
    number = Decimal(str(rate.value))
    if not 0 < number <= 1:
        return rate
    ratio = _ratio(executed, budget)
    if ratio is None:
        return rate
    percent = rate.model_copy(update={"value": number * HUNDRED, "decimals": rate.decimals - 2, "unit": "%"})
    fraction_fits = ratio.meets(rounding_interval(percent)) or ratio.meets(truncation_interval(percent))
    return percent if fraction_fits and not ratio.meets(rounding_interval(rate)) else rate


def _ratio(executed: Value, budget: Value) -> Interval | None:
    quotient = rounding_interval(executed) / rounding_interval(budget)
    return None if quotient is None else quotient.scaled(HUNDRED)
