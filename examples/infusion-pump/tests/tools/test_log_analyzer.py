"""Verifies: REQ-014"""

from tools.log_analyzer import summarise

LOG = """\
2025-03-02T06:00:00Z INFO boot firmware 2.4.1
2025-03-02T07:15:04Z ALARM OCCLUSION
2025-03-02T07:15:04Z STOP motor stopped
2025-03-02T07:21:40Z RESUME basal 0.8 U/h
2025-03-02T21:02:11Z INFO REQ-009 low battery warning raised
2025-03-02T23:40:00Z ALARM MOTOR_FAULT
2025-03-02T23:40:00Z STOP motor stopped
""".splitlines()


def test_lists_occlusions_and_stops_with_resume_time():
    summary = summarise(LOG)
    assert summary.occlusions == ["2025-03-02T07:15:04Z"]
    assert [(s.at, s.reason, s.resumed_at) for s in summary.stops] == [
        ("2025-03-02T07:15:04Z", "OCCLUSION", "2025-03-02T07:21:40Z"),
        ("2025-03-02T23:40:00Z", "MOTOR_FAULT", None),
    ]


def test_counts_low_battery_warnings():
    assert summarise(LOG).low_battery_warnings == 1


def test_ignores_blank_and_malformed_lines():
    assert summarise(["", "garbage"]).stops == []
