/** Test fixture: builds the CDK app from a config, with a throwaway demo-image directory (a Dockerfile only). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Annotations, Template } from 'aws-cdk-lib/assertions';
import { catalogue } from '../../experiments';
import { configWith, type DrillsConfigOverrides } from '../../lib/config';
import type { Drill } from '../../lib/drill';
import { buildApp, type DrillsApp } from '../../lib/stacks/build-app';

let imageDir: string | undefined;

/** A directory with a Dockerfile, so tests do not depend on `service/`. */
export function demoImageDirectory(): string {
  if (!imageDir) {
    imageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fis-drills-image-'));
    fs.writeFileSync(path.join(imageDir, 'Dockerfile'), 'FROM scratch\n');
  }
  return imageDir;
}

export interface SynthesizedApp extends DrillsApp {
  readonly workloadTemplate: Template;
  readonly drillsTemplate: Template;
  readonly workloadAnnotations: Annotations;
  readonly drillsAnnotations: Annotations;
}

export function synthApp(overrides: DrillsConfigOverrides = {}, drills: readonly Drill[] = catalogue): SynthesizedApp {
  const app = new App();
  const built = buildApp(app, { config: configWith(overrides), catalogue: drills, demoImageDirectory: demoImageDirectory() });
  return {
    ...built,
    workloadTemplate: Template.fromStack(built.workload),
    drillsTemplate: Template.fromStack(built.drills),
    workloadAnnotations: Annotations.fromStack(built.workload),
    drillsAnnotations: Annotations.fromStack(built.drills),
  };
}

/** The one resource of a type whose logical id starts with `prefix`. */
export function resourceProps(template: Template, type: string, prefix = ''): Record<string, unknown> {
  const found = Object.entries(template.findResources(type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} starting with "${prefix}", found ${found.length}`);
  return found[0][1].Properties as Record<string, unknown>;
}
