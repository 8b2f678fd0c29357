import type { status as english } from '../en/status';

export const status: typeof english = {
  runState: {
    ready: '就绪',
    training: '训练中',
    paused: '已暂停',
    finished: '已完成',
    diverged: '已发散',
    failed: '被 GPU 错误终止',
  },
  whyNot: {
    ready: '该运行还没有开始',
    training: '该运行正在训练',
    paused: '该运行已暂停',
    finished: '该运行已完成',
    diverged: '已发散：请在它的那一行回退',
    failed: '该运行被一个 GPU 错误终止',
  },
  noRunSelected: '没有选中的运行',
  workerStopped: '训练线程已经停止',
  beingBuilt: '该运行的模型正在构建',
  notKept: '它的模型没有保留：该运行只能查看',
  skipped: (key, reason) => `一个已保存的运行无法读取，已跳过（${key}）：${reason}。其他运行都在这里。`,
  modelNotStored: (name, reason) => `“${name}”的模型没有保存：${reason}。重新加载页面后，该运行只能查看，不能继续训练。`,
  modelCouldNotBeStored: (name, reason) => `“${name}”的模型无法保存：${reason}。`,
  storedModelUnusable: (name, reason) => `“${name}”已保存的模型无法使用：${reason}。该运行仍然可以查看。`,
  link: {
    noParameter: (param, value, activation) => `${param}=${value}：${activation} 没有参数，已忽略。`,
    notAComparison: (param, value, choices) => `${param}=${value} 不是一种对比；请从 ${choices} 中选择。没有选择任何对比。`,
    notASetting: (name) => `链接中的参数“${name}”不是一项设置，已忽略。`,
    refused: (param, value, problem, fallback) => `${param}=${value} ${problem}；改用 ${fallback}。`,
    notANumber: '不是一个数',
    refusedBecause: (error) => `被拒绝：${error}`,
    momentumUnused: (param, value) => `${param}=${value}：只有带动量的 SGD 才使用动量，已忽略。`,
  },
  workerCrashed: (reason) => `训练线程崩溃了：${reason}。`,
  unknownError: '未知错误',
};
