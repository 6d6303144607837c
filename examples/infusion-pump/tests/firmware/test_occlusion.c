#include "alarm.h"
#include "check.h"
#include "motor.h"
#include "occlusion.h"

static occlusion_detector_t s_detector;

static void setup(void)
{
    alarm_init();
    motor_init();
    motor_start(400u);
    occlusion_init(&s_detector);
}

/* REQ-004: three consecutive samples at the threshold stop the motor and raise the alarm. */
static void test_three_high_samples_stop_delivery(void)
{
    setup();
    CHECK(!occlusion_update(&s_detector, 1200u));
    CHECK(!occlusion_update(&s_detector, 1250u));
    CHECK(occlusion_update(&s_detector, 1300u));
    CHECK(!motor_is_running());
    CHECK(alarm_is_active(ALARM_OCCLUSION));
}

// Verifies: REQ-004, RISK-003
// A pressure spike from a bubble must not stop therapy.
static void test_interrupted_run_of_high_samples_does_not_alarm(void)
{
    setup();
    occlusion_update(&s_detector, 1500u);
    occlusion_update(&s_detector, 1500u);
    occlusion_update(&s_detector, 900u);
    occlusion_update(&s_detector, 1500u);
    CHECK(!occlusion_update(&s_detector, 1500u));
    CHECK(motor_is_running());
    CHECK(!alarm_is_active(ALARM_OCCLUSION));
}

int main(void)
{
    RUN(test_three_high_samples_stop_delivery);
    RUN(test_interrupted_run_of_high_samples_does_not_alarm);
    return CHECK_DONE();
}
