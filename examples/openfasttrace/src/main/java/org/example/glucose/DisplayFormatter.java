package org.example.glucose;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats a blood glucose reading for the meter's display. Not fit for clinical use. */
public final class DisplayFormatter {
    static final int LOWEST_MG_DL = 20;
    static final int HIGHEST_MG_DL = 600;
    private static final BigDecimal MG_DL_PER_MMOL_L = new BigDecimal("18.016");

    /** The units a user may choose. */
    public enum Unit { MG_DL, MMOL_L }

    private DisplayFormatter() {
    }

    /** The text the display shows for a reading in mg/dL. */
    public static String format(int mgPerDl, Unit unit) {
        // [impl->dsn~range-check~2]
        if (mgPerDl < LOWEST_MG_DL) {
            return "LO";
        }
        if (mgPerDl > HIGHEST_MG_DL) {
            return "HI";
        }
        return unit == Unit.MG_DL ? Integer.toString(mgPerDl) : toMmolPerL(mgPerDl).toPlainString();
    }

    // [impl->dsn~unit-conversion~1]
    static BigDecimal toMmolPerL(int mgPerDl) {
        return BigDecimal.valueOf(mgPerDl).divide(MG_DL_PER_MMOL_L, 1, RoundingMode.HALF_UP);
    }
}
