#ifndef MOTOR_H
#define MOTOR_H

#include <stdbool.h>
#include <stdint.h>

/* One step of the lead screw moves the plunger by 0.5 mU of U-100 insulin. */
#define MOTOR_STEP_TOLERANCE 2u

void motor_init(void);
void motor_start(uint32_t steps);
void motor_stop(void);
bool motor_is_running(void);
bool motor_has_fault(void);

/* Called after each delivery pulse with the encoder count since motor_start(). */
bool motor_verify_steps(uint32_t commanded_steps, uint32_t encoder_steps);

#endif /* MOTOR_H */
