#ifndef OCCLUSION_H
#define OCCLUSION_H

#include <stdbool.h>
#include <stdint.h>

#define OCCLUSION_THRESHOLD_MBAR 1200u
#define OCCLUSION_CONSECUTIVE_SAMPLES 3u

typedef struct {
    uint8_t over_count;
    bool occluded;
} occlusion_detector_t;

void occlusion_init(occlusion_detector_t *detector);

/* Feeds one line-pressure sample (taken every 100 ms while the motor runs).
 * Returns true once an occlusion has been detected. */
bool occlusion_update(occlusion_detector_t *detector, uint16_t pressure_mbar);

#endif /* OCCLUSION_H */
