#include "alarm.h"

typedef struct {
    bool active;
    uint32_t raised_at_s;
} alarm_state_t;

static const alarm_priority_t k_priority[ALARM_COUNT] = {
    [ALARM_OCCLUSION] = ALARM_PRIORITY_HIGH,
    [ALARM_MOTOR_FAULT] = ALARM_PRIORITY_HIGH,
    [ALARM_LOW_BATTERY] = ALARM_PRIORITY_MEDIUM,
};

static alarm_state_t s_alarms[ALARM_COUNT];
static uint32_t s_now_s;
static uint8_t s_volume;
static bool s_vibration;

void alarm_init(void)
{
    for (int id = 0; id < ALARM_COUNT; id++) {
        s_alarms[id].active = false;
    }
    s_now_s = 0u;
    s_volume = 0u;
    s_vibration = false;
}

// Implements: REQ-006
// Alarms latch: only the user clears them, even when the cause has gone away.
void alarm_raise(alarm_id_t id)
{
    if (id <= ALARM_NONE || id >= ALARM_COUNT || s_alarms[id].active) {
        return;
    }
    s_alarms[id].active = true;
    s_alarms[id].raised_at_s = s_now_s;
    if (s_volume < ALARM_VOLUME_START) {
        s_volume = ALARM_VOLUME_START;
    }
}

void alarm_acknowledge(alarm_id_t id)
{
    if (id > ALARM_NONE && id < ALARM_COUNT) {
        s_alarms[id].active = false;
    }
}

bool alarm_is_active(alarm_id_t id)
{
    return id > ALARM_NONE && id < ALARM_COUNT && s_alarms[id].active;
}

/* Implements: REQ-006 */
alarm_id_t alarm_displayed(void)
{
    alarm_id_t shown = ALARM_NONE;
    for (int id = ALARM_NONE + 1; id < ALARM_COUNT; id++) {
        if (!s_alarms[id].active) {
            continue;
        }
        if (shown == ALARM_NONE || k_priority[id] > k_priority[shown] ||
            (k_priority[id] == k_priority[shown] &&
             s_alarms[id].raised_at_s < s_alarms[shown].raised_at_s)) {
            shown = (alarm_id_t)id;
        }
    }
    return shown;
}

/*
 * Implements: REQ-020
 * The volume rises from the time the oldest unacknowledged high-priority alarm was raised.
 */
void alarm_tick(uint32_t now_s)
{
    s_now_s = now_s;
    alarm_id_t shown = alarm_displayed();
    if (shown == ALARM_NONE) {
        s_volume = 0u;
        s_vibration = false;
        return;
    }
    if (k_priority[shown] != ALARM_PRIORITY_HIGH) {
        s_volume = ALARM_VOLUME_START;
        s_vibration = false;
        return;
    }
    uint32_t elapsed_s = now_s - s_alarms[shown].raised_at_s;
    uint32_t volume = ALARM_VOLUME_START + elapsed_s / ALARM_ESCALATION_STEP_S;
    s_volume = (uint8_t)(volume < ALARM_VOLUME_MAX ? volume : ALARM_VOLUME_MAX);
    s_vibration = elapsed_s >= ALARM_VIBRATION_AFTER_S;
}

uint8_t alarm_volume(void)
{
    return s_volume;
}

bool alarm_vibration_on(void)
{
    return s_vibration;
}

// Implements: REQ-007
// The first-generation occlusion tone: one beep at fixed volume. The service menu's speaker
// check still plays it.
void alarm_service_tone(void)
{
    s_volume = ALARM_VOLUME_START;
}
