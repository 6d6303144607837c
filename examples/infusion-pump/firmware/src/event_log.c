#include "event_log.h"

#include <string.h>

static char s_entries[EVENT_LOG_CAPACITY][EVENT_LOG_TEXT_MAX];
static size_t s_next;
static size_t s_count;

void event_log(const char *text)
{
    strncpy(s_entries[s_next], text, EVENT_LOG_TEXT_MAX - 1u);
    s_entries[s_next][EVENT_LOG_TEXT_MAX - 1u] = '\0';
    s_next = (s_next + 1u) % EVENT_LOG_CAPACITY;
    if (s_count < EVENT_LOG_CAPACITY) {
        s_count++;
    }
}

size_t event_log_count(void)
{
    return s_count;
}

/* Index 0 is the oldest entry still held. */
const char *event_log_entry(size_t index)
{
    if (index >= s_count) {
        return NULL;
    }
    size_t oldest = (s_next + EVENT_LOG_CAPACITY - s_count) % EVENT_LOG_CAPACITY;
    return s_entries[(oldest + index) % EVENT_LOG_CAPACITY];
}

void event_log_clear(void)
{
    s_next = 0u;
    s_count = 0u;
}
