#ifndef ALARM_H
#define ALARM_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    ALARM_NONE = 0,
    ALARM_OCCLUSION,
    ALARM_MOTOR_FAULT,
    ALARM_LOW_BATTERY,
    ALARM_COUNT,
} alarm_id_t;

typedef enum {
    ALARM_PRIORITY_MEDIUM = 1,
    ALARM_PRIORITY_HIGH = 2,
} alarm_priority_t;

#define ALARM_VOLUME_START 3u
#define ALARM_VOLUME_MAX 10u
#define ALARM_ESCALATION_STEP_S 60u
#define ALARM_VIBRATION_AFTER_S 300u

void alarm_init(void);
void alarm_raise(alarm_id_t id);
void alarm_acknowledge(alarm_id_t id);
bool alarm_is_active(alarm_id_t id);

/* The alarm the display shows, or ALARM_NONE. */
alarm_id_t alarm_displayed(void);

/* Called once a second by the control loop; the board layer then drives the buzzer and the
 * vibration motor from alarm_volume() and alarm_vibration_on(). */
void alarm_tick(uint32_t now_s);
uint8_t alarm_volume(void);
bool alarm_vibration_on(void);

/* Service menu: sounds the speaker check tone. */
void alarm_service_tone(void);

#endif /* ALARM_H */
