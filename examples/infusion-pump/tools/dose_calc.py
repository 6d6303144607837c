"""Bolus calculator of the companion app.

The app shows the suggestion; the user may change it, and the pump applies its own limits to
whatever is finally programmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

PUMP_RESOLUTION_U = Decimal("0.05")
INSULIN_ACTION_HOURS = Decimal(4)


@dataclass(frozen=True)
class Settings:
    """The user's therapy settings, as set by their clinician."""

    carb_ratio_g_per_u: Decimal
    sensitivity_mgdl_per_u: Decimal
    target_mgdl: Decimal


@dataclass(frozen=True)
class PastBolus:
    units: Decimal
    hours_ago: Decimal


def insulin_on_board(boluses: list[PastBolus]) -> Decimal:
    """Insulin from earlier boluses that is still acting, with linear decay over 4 hours.

    Implements: REQ-013
    """
    remaining = Decimal(0)
    for bolus in boluses:
        if bolus.hours_ago < INSULIN_ACTION_HOURS:
            remaining += bolus.units * (1 - bolus.hours_ago / INSULIN_ACTION_HOURS)
    return remaining


def suggest_bolus(
    carbs_g: Decimal,
    glucose_mgdl: Decimal,
    boluses: list[PastBolus],
    settings: Settings,
) -> Decimal:
    """Suggest a bolus in units for a meal and the current glucose reading.

    Implements: REQ-013
    Mitigates: RISK-002

    Insulin on board is subtracted so that repeated corrections do not stack. The result is
    rounded down to the pump's resolution and is never negative.
    """
    meal = Decimal(carbs_g) / settings.carb_ratio_g_per_u
    correction = (Decimal(glucose_mgdl) - settings.target_mgdl) / settings.sensitivity_mgdl_per_u
    total = meal + correction - insulin_on_board(boluses)
    if total <= 0:
        return Decimal(0)
    steps = (total / PUMP_RESOLUTION_U).to_integral_value(rounding=ROUND_DOWN)
    return steps * PUMP_RESOLUTION_U
