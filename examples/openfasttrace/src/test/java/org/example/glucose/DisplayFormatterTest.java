package org.example.glucose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayFormatterTest {
    // [utest->dsn~unit-conversion~1]
    @Test
    void convertsToMillimolesPerLitre() {
        assertEquals("5.5", DisplayFormatter.format(99, DisplayFormatter.Unit.MMOL_L));
        assertEquals("99", DisplayFormatter.format(99, DisplayFormatter.Unit.MG_DL));
    }

    // [utest->dsn~range-check~1]
    @Test
    void showsLowAndHigh() {
        assertEquals("LO", DisplayFormatter.format(19, DisplayFormatter.Unit.MG_DL));
        assertEquals("HI", DisplayFormatter.format(501, DisplayFormatter.Unit.MG_DL));
    }
}
