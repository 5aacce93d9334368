export { DeploymentController, type DeploymentControllerOptions } from './deployment/deployment-controller.js';
