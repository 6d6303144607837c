#include "check.h"
#include "dose_limits.h"

static const dose_limits_t k_clinician = {
    .max_bolus_mU = 10000u,
    .max_basal_mU_per_h = 2000u,
    .max_daily_mU = 60000u,
};

/* Verifies: REQ-001, RISK-001 */
static void test_bolus_over_limit_is_rejected(void)
{
    dose_limits_configure(&k_clinician);
    CHECK(dose_check_bolus(10001u) == DOSE_REJECTED_OVER_BOLUS_LIMIT);
    CHECK(dose_check_bolus(10000u) == DOSE_OK);
}

// Verifies: REQ-001
static void test_clinician_cannot_exceed_hard_bolus_limit(void)
{
    const dose_limits_t generous = {.max_bolus_mU = 40000u,
                                    .max_basal_mU_per_h = 2000u,
                                    .max_daily_mU = 60000u};
    dose_limits_configure(&generous);
    CHECK(dose_limits_active()->max_bolus_mU == 25000u);
    CHECK(dose_check_bolus(30000u) == DOSE_REJECTED_OVER_BOLUS_LIMIT);
}

// @verifies REQ-002
static void test_basal_over_limit_is_rejected(void)
{
    dose_limits_configure(&k_clinician);
    CHECK(dose_check_basal(2001u) == DOSE_REJECTED_OVER_BASAL_LIMIT);
    CHECK(dose_check_basal(2000u) == DOSE_OK);
}

/**
 * Six boluses of 9 U are each within the bolus limit; the seventh would pass 60 U in 24 hours.
 *
 * @verifies REQ-003
 * @verifies RISK-002
 */
static void test_daily_total_stops_bolus_stacking(void)
{
    dose_limits_configure(&k_clinician);
    CHECK(dose_check_daily(54000u, 6000u) == DOSE_OK);
    CHECK(dose_check_daily(54000u, 9000u) == DOSE_REJECTED_OVER_DAILY_LIMIT);
    CHECK(dose_check_daily(60000u, 0u) == DOSE_REJECTED_OVER_DAILY_LIMIT);
    CHECK(dose_check_daily(0u, 0xFFFFFFFFu) == DOSE_REJECTED_OVER_DAILY_LIMIT);
}

int main(void)
{
    RUN(test_bolus_over_limit_is_rejected);
    RUN(test_clinician_cannot_exceed_hard_bolus_limit);
    RUN(test_basal_over_limit_is_rejected);
    RUN(test_daily_total_stops_bolus_stacking);
    return CHECK_DONE();
}
