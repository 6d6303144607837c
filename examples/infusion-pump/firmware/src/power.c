#include "power.h"

#include <stdbool.h>

#include "alarm.h"
#include "event_log.h"

/* Raised once per discharge; a new battery or the charger re-arms it. */
static bool s_low_reported;

void power_init(void)
{
    s_low_reported = false;
}

void power_check(uint16_t battery_mV)
{
    if (battery_mV < LOW_BATTERY_MV) {
        if (!s_low_reported) {
            alarm_raise(ALARM_LOW_BATTERY);
            event_log("REQ-009 low battery warning raised");
            s_low_reported = true;
        }
    } else if (battery_mV > LOW_BATTERY_RECOVERED_MV) {
        s_low_reported = false;
    }
}
