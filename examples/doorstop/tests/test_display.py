from meter.display import format_mg_dl, show


# Verifies: TST001
def test_three_digits():
    assert format_mg_dl(5) == "  5"
    assert format_mg_dl(87) == " 87"
    assert format_mg_dl(600) == "600"


# Verifies: REQ003
def test_out_of_range():
    assert show(601) == "HI"
    assert show(19) == "LO"
