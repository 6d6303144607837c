import pytest

from src.alarms.evaluator import AlarmTimer, Sample, below_limit, is_valid


def test_below_limit():
    # Verifies: SDS-1
    assert below_limit(Sample(84, 1.0), 85)
    assert not below_limit(Sample(85, 1.0), 85)


def test_timer_fires_after_delay():
    """Verifies: SDS-2"""
    timer = AlarmTimer(delay_s=1.0)
    assert [timer.update(True) for _ in range(5)] == [False, False, False, False, True]


def test_timer_rejects_long_delay():
    # Verifies: SDS-2
    with pytest.raises(ValueError):
        AlarmTimer(delay_s=20)


def test_poor_perfusion_is_invalid():
    # Verifies: SDS-3
    assert not is_valid(Sample(97, 0.1))
