#include "motor.h"

#include "alarm.h"

static bool s_running;
static bool s_fault;

void motor_init(void)
{
    s_running = false;
    s_fault = false;
}

void motor_start(uint32_t steps)
{
    /* A latched fault keeps the motor off until the pump is serviced. */
    s_running = !s_fault && steps > 0u;
}

void motor_stop(void)
{
    s_running = false;
}

bool motor_is_running(void)
{
    return s_running;
}

bool motor_has_fault(void)
{
    return s_fault;
}

/* REQ-005: the encoder is the only independent evidence of how far the plunger moved. */
// Mitigates: RISK-004
bool motor_verify_steps(uint32_t commanded_steps, uint32_t encoder_steps)
{
    uint32_t difference = commanded_steps > encoder_steps ? commanded_steps - encoder_steps
                                                          : encoder_steps - commanded_steps;
    if (difference > MOTOR_STEP_TOLERANCE) {
        motor_stop();
        s_fault = true;
        alarm_raise(ALARM_MOTOR_FAULT);
        return false;
    }
    return true;
}
