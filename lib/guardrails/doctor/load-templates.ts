/**
 * Reads what `drills doctor` checks: a cloud assembly folder (`cdk.out`, its manifest's stacks,
 * nested assemblies too), a folder of `*.template.json|yaml|yml`, or files in any of the shapes
 * teams keep these resources in — CloudFormation JSON or YAML (short-form `!Ref`, `!GetAtt`,
 * `!Sub` … expanded), an FIS experiment template in the API shape, an ECS task definition in
 * the register or describe shape. Each template says which shape it was read as. Throws
 * TemplateLoadError naming the file and the reason when a path cannot be read.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CfnTemplate, NamedTemplate } from '../types';
import { parseCfnYaml } from './cfn-yaml';
import { fromEcsTaskDefinition } from './ecs-task-definition';
import { fromFisApiTemplate } from './fis-api-template';

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

const YAML_FILE = /\.ya?ml$/i;
const TEMPLATE_FILE = /\.template\.(json|ya?ml)$/i;

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new TemplateLoadError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** JSON first (a `.json` file must be JSON), else YAML with CloudFormation's tags. */
function parseFile(file: string): { doc: unknown; format: 'JSON' | 'YAML' } {
  const text = readText(file);
  if (!YAML_FILE.test(file)) {
    try {
      return { doc: JSON.parse(text), format: 'JSON' };
    } catch (e) {
      if (/\.json$/i.test(file) || /^\s*[[{]/.test(text)) throw new TemplateLoadError(`${file} is not JSON: ${(e as Error).message}`);
    }
  }
  try {
    return { doc: parseCfnYaml(text), format: 'YAML' };
  } catch (e) {
    throw new TemplateLoadError(`${file} is neither JSON nor YAML: ${(e as Error).message.split('\n')[0]}`);
  }
}

const isRow = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readTemplate(file: string, name: string): NamedTemplate {
  const { doc, format } = parseFile(file);
  if (isRow(doc) && 'Resources' in doc) {
    if (!isRow(doc.Resources)) throw new TemplateLoadError(`${file}: Resources is not a map of resources`);
    return { name, template: doc as CfnTemplate, shape: `CloudFormation template (${format})` };
  }
  const read = fromFisApiTemplate(doc, name) ?? fromEcsTaskDefinition(doc, name);
  if (read) return read;
  throw new TemplateLoadError(
    `${file} is not a CloudFormation template (no Resources), an FIS experiment template in the API shape (targets/actions with ` +
      'stopConditions or roleArn) or an ECS task definition (containerDefinitions): give one of these',
  );
}

function readAssembly(dir: string): NamedTemplate[] {
  const { doc } = parseFile(path.join(dir, 'manifest.json'));
  const manifest = doc as { artifacts?: Record<string, ManifestArtifact> };
  const out: NamedTemplate[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      const t = readTemplate(path.join(dir, artifact.properties.templateFile), artifact.displayName ?? id);
      out.push({ ...t, shape: 'CloudFormation template (cloud assembly)' });
    } else if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      out.push(...readAssembly(path.join(dir, artifact.properties.directoryName)));
    }
  }
  return out;
}

function readFolder(dir: string): NamedTemplate[] {
  if (fs.existsSync(path.join(dir, 'manifest.json'))) return readAssembly(dir);
  const files = fs
    .readdirSync(dir)
    .filter((f) => TEMPLATE_FILE.test(f))
    .sort();
  if (files.length === 0) throw new TemplateLoadError(`${dir} holds no manifest.json and no *.template.json or *.template.yaml`);
  return files.map((f) => readTemplate(path.join(dir, f), f.replace(TEMPLATE_FILE, '')));
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
    return stat.isDirectory() ? readFolder(p) : [readTemplate(p, path.basename(p).replace(/(\.template)?\.(json|ya?ml)$/i, ''))];
  });
}
