"""Summarise an InsuPump event log for clinician review.

The pump exports its event log over USB as text, one event per line:

    2025-03-02T07:15:04Z ALARM OCCLUSION
    2025-03-02T07:15:04Z STOP motor stopped
    2025-03-02T07:21:40Z RESUME basal 0.8 U/h

Usage: python3 -m tools.log_analyzer pump-events.log
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

# The firmware writes this marker into the text of low battery events.
LOW_BATTERY_MARKER = "REQ-009"


@dataclass
class Stop:
    at: str
    reason: str
    resumed_at: str | None = None


@dataclass
class Summary:
    occlusions: list[str] = field(default_factory=list)
    stops: list[Stop] = field(default_factory=list)
    low_battery_warnings: int = 0


# Implements: REQ-014
def summarise(lines: list[str]) -> Summary:
    summary = Summary()
    last_alarm = "unknown"
    for line in lines:
        parts = line.split(maxsplit=2)
        if len(parts) < 2:
            continue
        timestamp, kind = parts[0], parts[1]
        text = parts[2] if len(parts) > 2 else ""
        if kind == "ALARM":
            last_alarm = text
            if text == "OCCLUSION":
                summary.occlusions.append(timestamp)
        elif kind == "STOP":
            summary.stops.append(Stop(at=timestamp, reason=last_alarm))
        elif kind == "RESUME" and summary.stops and summary.stops[-1].resumed_at is None:
            summary.stops[-1].resumed_at = timestamp
        if LOW_BATTERY_MARKER in text:
            summary.low_battery_warnings += 1
    return summary


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python3 -m tools.log_analyzer EVENT_LOG", file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as log:
        summary = summarise(log.read().splitlines())
    print(f"occlusion alarms: {len(summary.occlusions)}")
    for stop in summary.stops:
        print(f"delivery stopped {stop.at} ({stop.reason}), resumed {stop.resumed_at or 'never'}")
    print(f"low battery warnings: {summary.low_battery_warnings}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
