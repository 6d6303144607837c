"""Result display of a made-up blood glucose meter (an example, not a device design)."""

LOW_LIMIT = 20
HIGH_LIMIT = 600


# Implements: REQ002
def format_mg_dl(value: int) -> str:
    """The result as three right-aligned digits."""
    return f"{value:>3d}"


def show(value: int) -> str:
    # Implements: REQ003 (no number outside the measuring range)
    if value > HIGH_LIMIT:
        return "HI"
    if value < LOW_LIMIT:
        return "LO"
    return format_mg_dl(value)
