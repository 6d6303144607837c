#ifndef EVENT_LOG_H
#define EVENT_LOG_H

#include <stddef.h>

#define EVENT_LOG_CAPACITY 64u
#define EVENT_LOG_TEXT_MAX 48u

/* Appends one event; the oldest is dropped when the log is full. The USB export adds the
 * timestamp and the event type to each line. */
void event_log(const char *text);
size_t event_log_count(void);
const char *event_log_entry(size_t index);
void event_log_clear(void);

#endif /* EVENT_LOG_H */
