import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_CONFIG } from '../../lib/config';
import { DEMO_HEALTH_CHECK_COMMAND, ServiceImageError, serviceImage } from '../../lib/workload/service-image';
import { demoImageDirectory } from '../stacks/synth-app';

describe('serviceImage', () => {
  test('builds the demo image from a directory with a Dockerfile and checks health with node dist/healthcheck.js', () => {
    expect(serviceImage(DEFAULT_CONFIG.service, demoImageDirectory()).healthCheckCommand).toEqual(DEMO_HEALTH_CHECK_COMMAND);
  });

  test('rejects a demo-image directory without a Dockerfile and says how to drill another image', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'fis-drills-empty-'));
    try {
      expect(() => serviceImage(DEFAULT_CONFIG.service, empty)).toThrow(ServiceImageError);
      expect(() => serviceImage(DEFAULT_CONFIG.service, empty)).toThrow(/no Dockerfile in .*fis-drills-empty-.*-c service.imageUri=<uri>/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  test('runs a configured health-check command in exec form', () => {
    expect(serviceImage({ ...DEFAULT_CONFIG.service, imageUri: 'x/y:1', healthCheckCommand: ' /bin/check  --fast ' }, '/nowhere').healthCheckCommand).toEqual(['CMD', '/bin/check', '--fast']);
  });

  test('gives a custom image without a health-check command no container health check', () => {
    expect(serviceImage({ ...DEFAULT_CONFIG.service, imageUri: 'x/y:1' }, '/nowhere').healthCheckCommand).toBeUndefined();
  });
});
