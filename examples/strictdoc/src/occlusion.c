/*
 * Occlusion detection for the syringe driver.
 *
 * @relation(SRS-003, scope=file)
 */
#include <stdbool.h>

#include "alarm.h"

static const int LIMITS_MMHG[3] = {300, 600, 900};

/**
 * Counts consecutive samples over the selected limit.
 *
 * @relation(SRS-001, scope=function)
 */
bool occlusion_detected(int filtered_mmhg, int level, int *over_count)
{
    if (filtered_mmhg > LIMITS_MMHG[level]) {
        (*over_count)++;
    } else {
        *over_count = 0;
    }
    return *over_count >= 3;
}

void occlusion_poll(int filtered_mmhg, int level, int *over_count)
{
    // @relation(SRS-002, scope=range_start)
    if (occlusion_detected(filtered_mmhg, level, over_count)) {
        alarm_raise(ALARM_OCCLUSION);
    }
    // @relation(SRS-002, scope=range_end)
}

/* @relation(SWR-12, scope=function) */
void occlusion_reset(int *over_count)
{
    *over_count = 0;
}

// @relation(skip, scope=range_start)
// The first prototype polled without a filter: @relation(SRS-001, scope=line)
// @relation(skip, scope=range_end)

void alarm_log_pending(void)
{
    const char *note = "@relation(SRS-004, scope=function) is still to do";
    (void)note;
}
