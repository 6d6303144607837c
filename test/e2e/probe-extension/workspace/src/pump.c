/* Infusion pump motor control (probe fixture). */

// Implements REQ-001: stop the motor on occlusion.
void stop_on_occlusion(void) {}

// Implements REQ-999: nobody wrote this requirement.
void mystery(void) {}
