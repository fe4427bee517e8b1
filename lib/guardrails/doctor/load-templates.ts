/**
 * Reads the CloudFormation `drills doctor` checks: a cloud assembly folder (`cdk.out`, its
 * manifest's stacks, nested assemblies too), a folder of `*.template.json`, or template files.
 * JSON only: no YAML parser is installed in this project.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CfnTemplate, NamedTemplate } from '../types';

export class TemplateLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateLoadError';
  }
}

interface ManifestArtifact {
  readonly type?: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new TemplateLoadError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const yamlHint = /\.ya?ml$/i.test(file) || /^\s*[A-Za-z]+:/m.test(text.slice(0, 200))
      ? ' (YAML templates are not supported: synthesize or convert to JSON)' : '';
    throw new TemplateLoadError(`${file} is not JSON${yamlHint}: ${(e as Error).message}`);
  }
}

function readTemplate(file: string, name: string): NamedTemplate {
  const json = readJson(file) as CfnTemplate;
  if (typeof json !== 'object' || json === null || typeof json.Resources !== 'object' || json.Resources === null) {
    throw new TemplateLoadError(`${file} is not a CloudFormation template (no Resources)`);
  }
  return { name, template: json };
}

function readAssembly(dir: string): NamedTemplate[] {
  const manifest = readJson(path.join(dir, 'manifest.json')) as { artifacts?: Record<string, ManifestArtifact> };
  const out: NamedTemplate[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      out.push(readTemplate(path.join(dir, artifact.properties.templateFile), artifact.displayName ?? id));
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      out.push(...readAssembly(path.join(dir, artifact.properties.directoryName)));
    }
  }
  return out;
}

function readFolder(dir: string): NamedTemplate[] {
  if (fs.existsSync(path.join(dir, 'manifest.json'))) return readAssembly(dir);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort();
  if (files.length === 0) throw new TemplateLoadError(`${dir} holds no manifest.json and no *.template.json`);
  return files.map((f) => readTemplate(path.join(dir, f), f.replace(/\.template\.json$/, '')));
}

/** Every template under the paths; throws TemplateLoadError naming the path that failed. */
export function loadTemplates(paths: readonly string[]): NamedTemplate[] {
  return paths.flatMap((p) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new TemplateLoadError(`no such file or folder: ${p}`);
    }
    return stat.isDirectory() ? readFolder(p) : [readTemplate(p, path.basename(p).replace(/(\.template)?\.json$/i, ''))];
  });
}
