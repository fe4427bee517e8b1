import { readFileSync } from 'fs';
import { join } from 'path';
import { DEFAULT_CONFIG, configWith, loadConfig, loadConfigWithSources } from '../lib/config';
import { SETTING_ROWS, settingsMarkdown, type SettingRow } from '../lib/config-rows';
import { drillsConfigSettings } from '../lib/config-settings';

function allRows(rows: readonly SettingRow[]): SettingRow[] {
  return rows.flatMap((r) => [r, ...allRows(r.children)]);
}

describe('the settings table', () => {
  test('docs/deploy.md prints the table the config reads, row for row', () => {
    const docs = readFileSync(join(__dirname, '..', 'docs', 'deploy.md'), 'utf8');
    expect(docs).toContain(settingsMarkdown());
  });

  test('every setting says what it means', () => {
    const silent = allRows(SETTING_ROWS)
      .filter((r) => r.description.trim() === '')
      .map((r) => r.path);
    expect(silent).toEqual([]);
  });

  test('the defaults are of the kinds the schema declares', () => {
    expect(drillsConfigSettings.safeParse(DEFAULT_CONFIG).success).toBe(true);
  });

  test('reads each setting as its kind: a number, a switch, a list', () => {
    const flat: Record<string, string> = { 'service.cpu': '512', 'drills.deadMansSwitch': 'true', 'local.zones': 'a, b ,c,d' };
    const config = loadConfig((k) => flat[k]);
    expect([config.service.cpu, config.drills.deadMansSwitch, config.local.zones]).toEqual([512, true, ['a', 'b', 'c', 'd']]);
  });

  test('reads a whole setting given as JSON text and an optional group from its dotted keys (-c)', () => {
    const flat: Record<string, string> = {
      'service.environment': '{"LOG_LEVEL":"debug"}',
      'service.https.certificateArn': 'arn:aws:acm:eu-west-1:123456789012:certificate/abc-123',
      'service.https.redirectHttp': 'false',
    };
    const config = loadConfig((k) => flat[k]);
    expect([config.service.environment, config.service.https]).toEqual([{ LOG_LEVEL: 'debug' }, { certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc-123', redirectHttp: false }]);
    expect(DEFAULT_CONFIG.service.https).toBeUndefined();
  });

  test('rejects a value its schema refuses, naming the setting, the value and the choices', () => {
    expect(() => loadConfig((k) => (k === 'service.cpuArchitecture' ? 'ARM' : undefined))).toThrow(/service\.cpuArchitecture is "ARM": use "X86_64" or "ARM64"/);
  });

  test('an optional group takes its unset keys from the setting it defaults from', () => {
    const config = loadConfig((k) => (k === 'local.containerHealthCheck.startPeriodSeconds' ? '30' : undefined));
    expect(config.local.containerHealthCheck).toEqual({ ...DEFAULT_CONFIG.service.containerHealthCheck, startPeriodSeconds: 30 });
    expect(configWith({ service: { containerHealthCheck: { retries: 5 } }, local: { containerHealthCheck: { intervalSeconds: 6 } } }).local.containerHealthCheck).toEqual({
      ...DEFAULT_CONFIG.service.containerHealthCheck,
      retries: 5,
      intervalSeconds: 6,
    });
  });

  test('rejects an optional group given as something other than an object', () => {
    expect(() => configWith({ local: { containerHealthCheck: 5 as never } })).toThrow(/local.containerHealthCheck must be an object like \{ "intervalSeconds": … \}, got 5/);
  });

  test('the drain deadline derived from stopTimeout says how it was derived', () => {
    const drills = { service: { stopTimeoutSeconds: 30, longestRequestSeconds: 20, deregistrationDelaySeconds: 20 } };
    const { config, sources } = loadConfigWithSources((k) => (k === 'drills' ? drills : undefined));
    expect(config.service.drainTimeoutMs).toBe(24_000);
    expect(sources.drainTimeoutMs?.derivedFrom).toBe('service.stopTimeoutSeconds 30: stopTimeout − 6 s');
  });
});
