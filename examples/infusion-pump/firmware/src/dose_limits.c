#include "dose_limits.h"

/* Implements: REQ-010
 * The hard limits are const, so the linker places them in flash (.rodata) and no run-time
 * fault can raise them. Check the map file of each release: k_hard_limits must be in FLASH. */
static const dose_limits_t k_hard_limits = {
    .max_bolus_mU = 25000u,      /* 25 U */
    .max_basal_mU_per_h = 5000u, /* 5 U/h */
    .max_daily_mU = 100000u,     /* 100 U */
};

/* Conservative values until the clinician's settings are loaded. */
static dose_limits_t s_active = {
    .max_bolus_mU = 5000u,
    .max_basal_mU_per_h = 1000u,
    .max_daily_mU = 40000u,
};

static uint32_t clamp(uint32_t value, uint32_t hard_max)
{
    return value < hard_max ? value : hard_max;
}

void dose_limits_configure(const dose_limits_t *clinician)
{
    s_active.max_bolus_mU = clamp(clinician->max_bolus_mU, k_hard_limits.max_bolus_mU);
    s_active.max_basal_mU_per_h =
        clamp(clinician->max_basal_mU_per_h, k_hard_limits.max_basal_mU_per_h);
    s_active.max_daily_mU = clamp(clinician->max_daily_mU, k_hard_limits.max_daily_mU);
}

const dose_limits_t *dose_limits_active(void)
{
    return &s_active;
}

// Implements: REQ-001
// Mitigates: RISK-001
dose_result_t dose_check_bolus(uint32_t requested_mU)
{
    if (requested_mU > s_active.max_bolus_mU) {
        return DOSE_REJECTED_OVER_BOLUS_LIMIT;
    }
    return DOSE_OK;
}

/* Implements: REQ-002 */
dose_result_t dose_check_basal(uint32_t rate_mU_per_h)
{
    if (rate_mU_per_h > s_active.max_basal_mU_per_h) {
        return DOSE_REJECTED_OVER_BASAL_LIMIT;
    }
    return DOSE_OK;
}

/**
 * Checks a bolus against the rolling 24-hour total, so that boluses that are each within the
 * bolus limit cannot add up to an overdose.
 *
 * @implements REQ-003
 * @param delivered_last_24h_mU insulin delivered in the last 24 hours, basal and bolus
 * @param requested_mU the bolus about to be delivered
 */
dose_result_t dose_check_daily(uint32_t delivered_last_24h_mU, uint32_t requested_mU)
{
    /* Written as a subtraction so that the sum cannot overflow. */
    if (delivered_last_24h_mU >= s_active.max_daily_mU ||
        requested_mU > s_active.max_daily_mU - delivered_last_24h_mU) {
        return DOSE_REJECTED_OVER_DAILY_LIMIT;
    }
    return DOSE_OK;
}
