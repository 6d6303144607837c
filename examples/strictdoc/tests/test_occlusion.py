"""Tests of the occlusion detector, run against the C module.

@relation(SRS-003, scope=file)
"""
from driver import occlusion


def test_three_samples_over_the_limit_raise_the_alarm():
    """@relation(SRS-001, SRS-002, scope=function)"""
    count = occlusion.Counter()
    for _ in range(3):
        occlusion.poll(count, filtered_mmhg=650, level=1)
    assert occlusion.alarm_raised()


def test_every_alarm_is_logged():
    # @relation(SRS-004, scope=function, role=Test)
    occlusion.raise_alarm()
    assert len(occlusion.alarm_log()) == 1
