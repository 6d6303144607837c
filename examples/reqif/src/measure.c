/* Glucose measurement: strip current to mg/dL. Made up for the Tracelens ReqIF example. */
#include "measure.h"

#define CAL_SLOPE_UNITS 1000 /* table 12 of the strip data sheet: a bare number is never a reference */

// Implements: GM-2
int glucose_from_current(int nanoamps, int calibration_code) {
    return (nanoamps * calibration_code) / CAL_SLOPE_UNITS;
}

// Implements: GM-3
int reading_in_range(int mg_dl) {
    return mg_dl >= 20 && mg_dl <= 600;
}
