// The engine's public face: what the trainer, the CLI, the tests and the app import.
export { BackendError, ReadCancelledError, type Backend, type Counters, type DeviceBuffer, type GpuErrorKind, type HostArray } from './backend';
export { CpuBackend } from './cpu/cpu-backend';
export { WebGpuBackend, requestWebGpuBackend, describeAdapter } from './webgpu/webgpu-backend';
export { Engine, Tensor, sizeOf, type Shape } from './tensor';
export { matmul, linear } from './ops/matmul';
export { activation, ACTIVATION_NAMES, isActivation, type ActivationName, type ActivationAttrs } from './ops/activation';
export { logSoftmax, softmax } from './ops/softmax';
export { softmaxCrossEntropy, mse, bceWithLogits } from './ops/losses';
export { Optimizer, OPTIMIZER_NAMES, type OptimizerName, type OptimizerConfig } from './optim/optimizers';
export { Mlp } from './nn/mlp';
export { Random } from './nn/random';
export { Trainer, type Checkpoint, type SubmittedStep, type TrainEvent, type StepEvent, type EpochEvent } from './train/trainer';
export { uploadMnist, type DeviceData } from './train/device-data';
export { Throughput } from './train/throughput';
export { capacityOf, estimateTrainingMemory, formatBytes, type DeviceCapacity } from './train/memory';
export { loadMnistInBrowser, MnistLoadError, type MnistProgress } from './data/mnist-browser';
export type { Mnist, MnistSet } from './data/idx';
export * from './train/config';
