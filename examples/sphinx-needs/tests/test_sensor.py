"""Tests of the sensor module."""

import pytest

from thermo.sensor import OutOfRange, RANGE_MAX_C, parse_frame, read_temperature


# Verifies: SPEC_PARSE_1
def test_parse_known_frame():
    assert parse_frame(bytes([0x02, 0x0E, 0x74, 0x00])) == 37.0


# Verifies: REQ_001
def test_reads_one_decimal():
    assert read_temperature(bytes([0x02, 0x0E, 0x79, 0x00])) == 37.1


# Verifies: SPEC_RANGE_1, SPEC_RANGE_2, REQ_002
def test_rejects_out_of_range():
    too_hot = int((RANGE_MAX_C + 1) * 100)
    with pytest.raises(OutOfRange):
        read_temperature(bytes([0x02, too_hot >> 8, too_hot & 0xFF, 0x00]))
