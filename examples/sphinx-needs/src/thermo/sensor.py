"""Reading the temperature sensor."""

RANGE_MIN_C = 25.0  # Implements: SPEC_RANGE_2
RANGE_MAX_C = 45.0


class OutOfRange(ValueError):
    """A reading outside the measurable range."""


# Implements: SPEC_PARSE_1
def parse_frame(frame: bytes) -> float:
    """Parse a 4-byte sensor frame into degrees Celsius."""
    raw = (frame[1] << 8) | frame[2]
    return raw / 100.0


# Implements: REQ_001, SPEC_RANGE_1
def read_temperature(frame: bytes) -> float:
    """The temperature of a frame, rounded to 0.1 degrees, or OutOfRange."""
    celsius = parse_frame(frame)
    # Implements: REQ_002
    if not RANGE_MIN_C <= celsius <= RANGE_MAX_C:
        raise OutOfRange(celsius)
    return round(celsius, 1)
