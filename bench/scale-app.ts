/** The scale benchmark's app: this app's bin/app.ts path (loadServices, buildGuardedServices) over SCALE_SERVICES services. */
import { App } from 'aws-cdk-lib';
import { catalogue } from '../experiments';
import { loadServices } from '../lib/config-services';
import { buildGuardedServices } from '../lib/stacks/build-guarded-app';
import { scaleServicesContext } from './scale-services';

const app = new App();
const context = scaleServicesContext(Number(process.env.SCALE_SERVICES ?? 20));
buildGuardedServices(app, { services: loadServices((key) => (key === 'drills' ? context : app.node.tryGetContext(key)), { catalogue }), catalogue });
app.synth();
