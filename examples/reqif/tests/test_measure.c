/* Unit tests of the measurement (run by the firmware's test harness). */
#include <assert.h>
#include "../src/measure.h"

// Verifies: GM-2
static void test_glucose_from_current(void) {
    assert(glucose_from_current(5000, 24) == 120);
}

// Verifies: GM-3
static void test_reading_in_range(void) {
    assert(reading_in_range(20) && reading_in_range(600));
    assert(!reading_in_range(19) && !reading_in_range(601));
}

int main(void) {
    test_glucose_from_current();
    test_reading_in_range();
    return 0;
}
