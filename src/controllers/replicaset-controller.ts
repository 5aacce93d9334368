export { ReplicaSetController, type ReplicaSetControllerOptions } from './replicaset/replicaset-controller.js';
