"""Unit tests for the companion app's bolus calculator."""

from decimal import Decimal

from tools.dose_calc import PastBolus, Settings, suggest_bolus

SETTINGS = Settings(
    carb_ratio_g_per_u=Decimal(10),
    sensitivity_mgdl_per_u=Decimal(50),
    target_mgdl=Decimal(110),
)


def test_meal_and_correction():
    # Verifies: REQ-013
    assert suggest_bolus(Decimal(60), Decimal(210), [], SETTINGS) == Decimal("8.00")


def test_insulin_on_board_prevents_stacking():
    """Verifies: REQ-013, RISK-002

    A correction given an hour ago is mostly still acting; a second correction now must
    subtract it.
    """
    earlier = [PastBolus(units=Decimal(2), hours_ago=Decimal(1))]
    assert suggest_bolus(Decimal(0), Decimal(210), earlier, SETTINGS) == Decimal("0.50")


def test_never_negative():
    # REQ-013: a low reading with insulin on board suggests nothing, never a negative dose.
    earlier = [PastBolus(units=Decimal(4), hours_ago=Decimal("0.5"))]
    assert suggest_bolus(Decimal(0), Decimal(70), earlier, SETTINGS) == Decimal(0)


def test_rounds_down_to_pump_resolution():
    # Verifies: REQ-013
    assert suggest_bolus(Decimal(47), Decimal(110), [], SETTINGS) == Decimal("4.70")
    assert suggest_bolus(Decimal(43), Decimal(110), [], SETTINGS) == Decimal("4.30")
    assert suggest_bolus(Decimal(44), Decimal(112), [], SETTINGS) == Decimal("4.40")
