import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { type ActiveAlarm, bannerAlarm, bannerText } from './alarmBanner';

const lowBattery: ActiveAlarm = { code: 'LOW_BATTERY', priority: 'medium', raisedAt: 10 };
const occlusion: ActiveAlarm = { code: 'OCCLUSION', priority: 'high', raisedAt: 20 };
const motorFault: ActiveAlarm = { code: 'MOTOR_FAULT', priority: 'high', raisedAt: 15 };

/** @verifies REQ-006 */
describe('bannerAlarm', () => {
  it('shows nothing when no alarm is active', () => {
    assert.equal(bannerAlarm([]), undefined);
  });

  it('shows the highest priority, then the oldest', () => {
    assert.equal(bannerAlarm([lowBattery, occlusion]), occlusion);
    assert.equal(bannerAlarm([occlusion, motorFault, lowBattery]), motorFault);
  });

  it('tells the user what to do', () => {
    assert.match(bannerText(occlusion), /infusion set/);
  });
});
