#ifndef POWER_H
#define POWER_H

#include <stdint.h>

#define LOW_BATTERY_MV 3500u
#define LOW_BATTERY_RECOVERED_MV 3600u

void power_init(void);

/* Called once a second with the filtered battery voltage. */
void power_check(uint16_t battery_mV);

#endif /* POWER_H */
