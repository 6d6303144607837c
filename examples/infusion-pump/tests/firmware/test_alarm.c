#include "alarm.h"
#include "check.h"

// Verifies: REQ-006
static void test_alarm_latches_until_acknowledged(void)
{
    alarm_init();
    alarm_raise(ALARM_LOW_BATTERY);
    alarm_tick(10u);
    CHECK(alarm_is_active(ALARM_LOW_BATTERY));
    CHECK(alarm_volume() > 0u);
    alarm_acknowledge(ALARM_LOW_BATTERY);
    alarm_tick(11u);
    CHECK(!alarm_is_active(ALARM_LOW_BATTERY));
    CHECK(alarm_volume() == 0u);
}

// Verifies: REQ-006
static void test_display_shows_highest_priority_then_oldest(void)
{
    alarm_init();
    alarm_tick(100u);
    alarm_raise(ALARM_LOW_BATTERY);
    alarm_tick(101u);
    alarm_raise(ALARM_MOTOR_FAULT);
    alarm_tick(102u);
    alarm_raise(ALARM_OCCLUSION);
    CHECK(alarm_displayed() == ALARM_MOTOR_FAULT);
    alarm_acknowledge(ALARM_MOTOR_FAULT);
    CHECK(alarm_displayed() == ALARM_OCCLUSION);
}

/* Verifies: REQ-020 */
static void test_unacknowledged_alarm_escalates(void)
{
    alarm_init();
    alarm_tick(1000u);
    alarm_raise(ALARM_OCCLUSION);
    alarm_tick(1000u);
    CHECK(alarm_volume() == ALARM_VOLUME_START);
    CHECK(!alarm_vibration_on());
    alarm_tick(1000u + 120u);
    CHECK(alarm_volume() == ALARM_VOLUME_START + 2u);
    alarm_tick(1000u + 300u);
    CHECK(alarm_vibration_on());
    alarm_tick(1000u + 3600u);
    CHECK(alarm_volume() == ALARM_VOLUME_MAX);
    alarm_acknowledge(ALARM_OCCLUSION);
    alarm_tick(1000u + 3601u);
    CHECK(alarm_volume() == 0u);
    CHECK(!alarm_vibration_on());
}

int main(void)
{
    RUN(test_alarm_latches_until_acknowledged);
    RUN(test_display_shows_highest_priority_then_oldest);
    RUN(test_unacknowledged_alarm_escalates);
    return CHECK_DONE();
}
