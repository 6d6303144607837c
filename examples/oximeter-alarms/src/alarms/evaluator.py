"""Low-saturation alarm evaluation, run once per SpO2 sample (every 250 ms)."""

from dataclasses import dataclass

SAMPLE_PERIOD_S = 0.25
MIN_PERFUSION_INDEX = 0.2


@dataclass(frozen=True)
class Sample:
    spo2: float
    perfusion_index: float


def below_limit(sample: Sample, limit: float) -> bool:
    """Implements: SDS-1 (the comparison against the user's low limit)."""
    return sample.spo2 < limit


def is_valid(sample: Sample) -> bool:
    # Implements: SDS-3
    return sample.perfusion_index >= MIN_PERFUSION_INDEX


class AlarmTimer:
    """Counts consecutive low samples; fires once the set delay has passed.

    Implements: SDS-2
    """

    def __init__(self, delay_s: float) -> None:
        if not 0 <= delay_s <= 15:
            raise ValueError("alarm delay must be between 0 and 15 s")
        self.needed = round(delay_s / SAMPLE_PERIOD_S)
        self.count = 0

    def update(self, low: bool) -> bool:
        self.count = self.count + 1 if low else 0
        return self.count > self.needed


def status_text() -> str:
    # A string is never a trace, even when it looks like a tag:
    return "Implements: SDS-4 is still to do"
