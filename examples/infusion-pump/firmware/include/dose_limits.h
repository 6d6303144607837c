#ifndef DOSE_LIMITS_H
#define DOSE_LIMITS_H

#include <stdint.h>

/* Doses are in milli-units (mU) of U-100 insulin: 1 U = 1000 mU. */

typedef enum {
    DOSE_OK = 0,
    DOSE_REJECTED_OVER_BOLUS_LIMIT,
    DOSE_REJECTED_OVER_BASAL_LIMIT,
    DOSE_REJECTED_OVER_DAILY_LIMIT,
} dose_result_t;

typedef struct {
    uint32_t max_bolus_mU;
    uint32_t max_basal_mU_per_h;
    uint32_t max_daily_mU;
} dose_limits_t;

/* Loads the clinician's limits; each is clamped to the hard limit. */
void dose_limits_configure(const dose_limits_t *clinician);
const dose_limits_t *dose_limits_active(void);

dose_result_t dose_check_bolus(uint32_t requested_mU);
dose_result_t dose_check_basal(uint32_t rate_mU_per_h);
dose_result_t dose_check_daily(uint32_t delivered_last_24h_mU, uint32_t requested_mU);

#endif /* DOSE_LIMITS_H */
