#include "alarm.h"
#include "check.h"
#include "motor.h"

// Verifies: REQ-005, RISK-004
static void test_step_mismatch_stops_motor_and_latches_fault(void)
{
    alarm_init();
    motor_init();
    motor_start(200u);
    CHECK(motor_verify_steps(200u, 198u));
    CHECK(motor_is_running());
    CHECK(!motor_verify_steps(200u, 203u));
    CHECK(!motor_is_running());
    CHECK(motor_has_fault());
    CHECK(alarm_is_active(ALARM_MOTOR_FAULT));

    motor_start(200u);
    CHECK(!motor_is_running());
}

/* Verifies: REQ-005 */
static void test_missing_steps_are_a_fault_too(void)
{
    alarm_init();
    motor_init();
    motor_start(200u);
    CHECK(!motor_verify_steps(200u, 150u));
    CHECK(motor_has_fault());
}

int main(void)
{
    RUN(test_step_mismatch_stops_motor_and_latches_fault);
    RUN(test_missing_steps_are_a_fault_too);
    return CHECK_DONE();
}
