export type AlarmPriority = 'high' | 'medium';

export interface ActiveAlarm {
  readonly code: 'OCCLUSION' | 'MOTOR_FAULT' | 'LOW_BATTERY';
  readonly priority: AlarmPriority;
  /** Seconds since boot, as reported by the pump. */
  readonly raisedAt: number;
}

const RANK: Record<AlarmPriority, number> = { high: 2, medium: 1 };

const MESSAGES: Record<ActiveAlarm['code'], string> = {
  OCCLUSION: 'Occlusion: delivery stopped. Check the infusion set.',
  MOTOR_FAULT: 'Pump fault: delivery stopped. Call service.',
  LOW_BATTERY: 'Battery low: replace the battery soon.',
};

/**
 * The alarm the banner shows: the highest priority, and of those the oldest, so that the same
 * alarm stays on screen while newer ones of equal priority arrive.
 *
 * Implements: REQ-006
 */
export function bannerAlarm(alarms: readonly ActiveAlarm[]): ActiveAlarm | undefined {
  let shown: ActiveAlarm | undefined;
  for (const alarm of alarms) {
    if (
      shown === undefined ||
      RANK[alarm.priority] > RANK[shown.priority] ||
      (alarm.priority === shown.priority && alarm.raisedAt < shown.raisedAt)
    ) {
      shown = alarm;
    }
  }
  return shown;
}

export function bannerText(alarm: ActiveAlarm): string {
  return MESSAGES[alarm.code];
}
