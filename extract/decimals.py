"""Exact values of numbers and the value columns of the tables.

The numeral reader computes in decimal arithmetic (``EXACT``: 50 significant digits, no exponent
limit), so ``1234567890123元`` and ``9007199254740993`` keep every digit; a float column is derived
from the exact value, and a note says when no float holds it (``1e309``) or when it lost digits.
Kept apart from the reader so that every kind of claim (numerals, ranges, percentages, ranks)
writes its value columns through one function.
"""
from __future__ import annotations

import math
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

# Decimal arithmetic of the reader: every number written with up to 50 significant digits is exact
# (a float keeps 15 to 17); only a fraction or power that does not end is rounded, at 50 digits.
EXACT = Context(prec=50, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation, DivisionByZero, Overflow])
BEYOND_FLOAT = "beyond the float range: value is empty, value_exact holds it"
ROUNDED = "value is the nearest float; value_exact holds every digit"


def plain(exact: Decimal) -> int | float | None:
    """An exact decimal as a Python number: an int when whole (every digit kept), else a float;
    None beyond the float range (``1e309``), where ``exact`` alone holds it."""
    if not math.isfinite(float(exact)):
        return None
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def table_value(exact: Decimal | None) -> tuple[int | float | None, str]:
    """The value for a float column and a note: empty when no float holds it (``1e309``, ``10^400``:
    not inf, which would read as a number), the nearest float when digits are lost (a note says so)."""
    if exact is None:
        return None, ""
    as_float = float(exact)
    if not math.isfinite(as_float):
        return None, BEYOND_FLOAT
    if Decimal(repr(as_float)) != exact:
        return as_float, ROUNDED
    return (int(as_float) if as_float.is_integer() else as_float), ""


def exact_text(exact: Decimal | None) -> str:
    """Decimal text of an exact value without exponent notation up to 60 digits (``1234567890123``,
    ``0.0005``), in scientific notation beyond (``1E+309``)."""
    if exact is None:
        return ""
    exact = exact.normalize(EXACT) if exact else Decimal(0)
    return format(exact, "f") if -60 < exact.adjusted() < 60 else str(exact)


def value_fields(exact: Decimal, exact_max: Decimal | None = None) -> dict:
    """The value columns of a claim from its exact value: ``value``/``value_max`` as floats (empty
    when no float holds them), ``value_exact`` with every digit, and a ``note`` when the float
    column is empty or lost digits. One function, so every kind of claim reports alike."""
    value, note = table_value(exact)
    value_max, note_max = table_value(exact_max)
    return {"value": value, "value_max": value_max, "value_exact": exact_text(exact), "note": note or note_max}
