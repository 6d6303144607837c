/*
 * Occlusion detection.
 *
 * Implements: REQ-004
 * Mitigates: RISK-003
 *
 * One high sample is usually a bubble or a knock on the housing; three in a row (300 ms) is a
 * blocked line. The motor is stopped before the alarm is raised, so that delivery stops even if
 * the alarm path fails.
 */
#include "occlusion.h"

#include "alarm.h"
#include "motor.h"

void occlusion_init(occlusion_detector_t *detector)
{
    detector->over_count = 0u;
    detector->occluded = false;
}

bool occlusion_update(occlusion_detector_t *detector, uint16_t pressure_mbar)
{
    if (pressure_mbar < OCCLUSION_THRESHOLD_MBAR) {
        detector->over_count = 0u;
        return detector->occluded;
    }
    if (detector->over_count < OCCLUSION_CONSECUTIVE_SAMPLES) {
        detector->over_count++;
    }
    if (detector->over_count >= OCCLUSION_CONSECUTIVE_SAMPLES && !detector->occluded) {
        motor_stop();
        alarm_raise(ALARM_OCCLUSION);
        detector->occluded = true;
    }
    return detector->occluded;
}
