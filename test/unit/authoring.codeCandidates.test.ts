// Verifies: TL-217
/**
 * Find code to trace: the ranking of functions and classes for an item, by words shared with its
 * title (name 3, body 1), untraced first at equal score, then words of its text in the body.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CommentParser } from '../../src/parsing/commentParser';
import { languageForPath } from '../../src/parsing/languages';
import { rankCodeUnits, wordsOf, type CandidateFile } from '../../src/core/authoring/codeCandidates';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'infusion-pump');

let parser: CommentParser;
before(async () => { parser = await CommentParser.create(); });
after(() => parser.dispose());

async function candidate(file: string, traced: readonly string[] = []): Promise<CandidateFile> {
  const text = readFileSync(path.join(EXAMPLE, file), 'utf8');
  const language = languageForPath(file)!;
  await parser.loadLanguage(language.id);
  return { file, lines: text.split('\n'), units: parser.codeUnits(language.id, text), traced: new Set(traced) };
}

describe('rankCodeUnits', () => {
  it('splits identifiers and text into words: camelCase, snake_case, plurals, no short or common words', () => {
    assert.deepEqual([...wordsOf('lowBatteryWarnings LOW_BATTERY_MV the alarm shall sound; HTTPServer')].sort(), ['alarm', 'battery', 'http', 'low', 'server', 'sound', 'warning']);
  });

  it('ranks the low battery check of power.c first for REQ-009 (Low battery warning), the traced summarise below untraced ties', async () => {
    const files = [
      await candidate('firmware/src/power.c'),
      await candidate('firmware/include/power.h'),
      await candidate('tools/log_analyzer.py', ['summarise']),
      await candidate('ui/src/alarmBanner.ts'),
    ];
    const ranked = rankCodeUnits({
      title: 'Low battery warning',
      text: 'When the battery voltage falls below 3.50 V the software shall raise the medium-priority low battery alarm once, and shall not raise it again until the voltage has recovered above 3.60 V.',
    }, files);
    assert.deepEqual(ranked.slice(0, 6).map(({ file, unit, score, traced }) => `${score} ${unit.name} ${unit.kind} ${file}:${unit.row + 1}${traced ? ' traced' : ''}`), [
      '3 power_check function firmware/src/power.c:16',
      '3 main function tools/log_analyzer.py:58',
      '3 Summary type tools/log_analyzer.py:29',
      '3 summarise function tools/log_analyzer.py:36 traced',
      '2 ActiveAlarm type ui/src/alarmBanner.ts:3',
      '1 power_check function firmware/include/power.h:12',
    ]);
  });

  it('a title word in the name outweighs three in the body; other definitions are left out', () => {
    const unit = (name: string, row: number, kind: 'function' | 'type' | 'other' = 'function') => ({ name, kind, row, startRow: row, leadingRow: row, endRow: row });
    const lines = ['void dose_limit(void) { }', 'void check(void) { rate(); }', 'DOSE = 1'];
    const ranked = rankCodeUnits({ title: 'Dose rate' }, [{ file: 'a.c', lines, units: [unit('dose_limit', 0), unit('check', 1), unit('DOSE', 2, 'other')], traced: new Set() }]);
    assert.deepEqual(ranked.map((entry) => [entry.unit.name, entry.score]), [['dose_limit', 3], ['check', 1]]);
  });
});
