import * as fs from 'fs';
import * as path from 'path';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type { ServiceProfile } from '../config';

/** What names the image to drill: a profile's `imageUri` and `healthCheckCommand` (both optional). */
export type ServiceImageSource = Pick<ServiceProfile, 'imageUri' | 'healthCheckCommand'>;

/** The demo image's health-check program, run in exec form (no shell, no curl). */
export const DEMO_HEALTH_CHECK_COMMAND = ['CMD', 'node', 'dist/healthcheck.js'];

/** The image to drill cannot be built or named as configured. */
export class ServiceImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceImageError';
  }
}

export interface ServiceImage {
  readonly image: ecs.ContainerImage;
  /** Exec-form container health check, or undefined when the config gives none for a custom image. */
  readonly healthCheckCommand?: string[];
}

/**
 * The image to drill: the demo service built from `service/` (Dockerfile there) for the CPU
 * architecture, or the profile's `imageUri` with its own health-check command (`service.healthCheckCommand`,
 * words separated by spaces, run in exec form).
 */
export function serviceImage(profile: ServiceImageSource, demoImageDirectory: string, cpuArchitecture: ecs.CpuArchitecture = ecs.CpuArchitecture.X86_64): ServiceImage {
  if (profile.imageUri) {
    const words = profile.healthCheckCommand?.trim().split(/\s+/).filter(Boolean) ?? [];
    return { image: ecs.ContainerImage.fromRegistry(profile.imageUri), healthCheckCommand: words.length > 0 ? ['CMD', ...words] : undefined };
  }
  return demoImage(demoImageDirectory, cpuArchitecture);
}

/**
 * The demo service's image, built from `directory` (its Dockerfile) for the task's CPU
 * architecture (`linux/amd64` or `linux/arm64`).
 * @throws ServiceImageError when the directory has no Dockerfile.
 */
export function demoImage(demoImageDirectory: string, cpuArchitecture: ecs.CpuArchitecture = ecs.CpuArchitecture.X86_64): ServiceImage {
  const directory = path.resolve(demoImageDirectory);
  if (!fs.existsSync(path.join(directory, 'Dockerfile'))) {
    throw new ServiceImageError(
      `no Dockerfile in ${directory}: run the CDK app from the repository root (the demo image is built from service/), or drill your own image with -c service.imageUri=<uri>`,
    );
  }
  return {
    image: ecs.ContainerImage.fromAsset(directory, {
      exclude: ['node_modules', 'dist', '**/node_modules', '**/dist'],
      platform: cpuArchitecture === ecs.CpuArchitecture.ARM64 ? Platform.LINUX_ARM64 : Platform.LINUX_AMD64,
    }),
    healthCheckCommand: DEMO_HEALTH_CHECK_COMMAND,
  };
}
