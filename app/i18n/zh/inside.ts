import type { inside as english } from '../en/inside';
import { LEAKY_RELU_SLOPE } from '../../inside/formulas';

const step = (n: number) => n.toLocaleString('en');

export const inside: typeof english = {
  title: '网络内部',
  show: '展开网络内部',
  hide: '收起网络内部',
  folded: '激活函数及其导数、每一层的死亡单元和饱和单元、梯度如何逐层流动、第一层的权重、损失函数在一个数字上如何起作用，以及混淆矩阵。',
  noRun: '先训练一次，再到这里看看网络内部。',
  selectedRun: (name) =>
    `当前选中的运行：${name}。训练期间，它的统计量在设备上、用 1,000 张固定的测试图像（探针集）测量：每秒最多两次；若测量会占去训练时间的十分之一以上，则相应减少次数。`,
  notInWorker: '它的模型已不在训练线程里：无从测量。',
  notInWorkerReason: '它的模型已不在训练线程里',

  activation: {
    title: (name) => `激活函数的作用：${name}`,
    lookFor:
      '看点：带阴影的直方图落在曲线的哪一段。预激活值 z 落在 f′ 接近 0 之处的单元（ReLU 在 0 的左侧，Sigmoid 和 Tanh 平坦的两端）几乎不向回传递梯度，学得很慢，甚至完全学不动。',
    plotLabel: (name) => `${name}：实线为 f(x)，虚线为 f′(x)，x 从 −6 到 6。`,
    plotLabelWithLayers: (name, step) =>
      `${name}：实线为 f(x)，虚线为 f′(x)，x 从 −6 到 6；背景是第 ${step} 步时每个隐藏层预激活值 z 的直方图。`,
    layerZ: (layer, units) => `第 ${layer} 层的 z（${units} 个单元）`,
    atOrBelowZero: (percent) => `：${percent} % ≤ 0`,
    values: '数值表',
    xTitle: ' = 预激活值 z',
    histogramTitle: '每个区间中 z 的个数（相对值）',
    computing: '正在计算曲线…',
    slope: {
      relu: 'z > 0 处梯度原样通过，z ≤ 0 处完全不通过。',
      leaky_relu: `在 0 的左侧，单元仍能传递 ${LEAKY_RELU_SLOPE} 倍的梯度，因此还有机会恢复。`,
      sigmoid: '每经过一层 sigmoid，梯度最多乘以 0.25，在两端则几乎乘以 0。',
      tanh: '在 0 附近梯度原样通过；|x| 超过约 3 之后几乎停止。',
      gelu: '|x| 较大时与 ReLU 相同，在 0 附近平滑，0 的左侧略为负值。',
      gelu_tanh: '与 GELU 相差不过千分之几，但计算时不用误差函数；t 即 f(x) 中的 tanh。',
      silu: '与 GELU 一样平滑：原点左侧略微低于 0，之后几乎等于 x。',
      elu: '在 0 的左侧，斜率平滑地逐渐消失，而不是骤然归零。',
      softplus: '平滑版的 ReLU：它的导数就是 sigmoid，永远不会恰好为 0。',
    },
    backend: { webgpu: 'WebGPU', wasm: 'WebAssembly', cpu: 'CPU（JavaScript）' },
    computedBy: (backend, at) =>
      `由引擎自己的前向和反向计算核${backend ? `在 ${backend} 上` : ''}算出：画出的曲线就是实现本身。阴影是每个隐藏层的预激活值 z 在 1,000 张测试图像上${at === null ? '' : `、第 ${step(at)} 步时`}的分布，各自按最高的柱缩放；超出 ±6 的值计入两端。`,
    noHidden: '这次运行没有隐藏层：网络中任何地方都没有用到激活函数。',
  },

  health: {
    title: '每层单元的健康状况',
    lookFor:
      '看点：死亡单元的比例不断上升且不再回落（ReLU 配上过大的学习率），或大多数单元处于饱和（Sigmoid 或 Tanh 配上过大的权重）：两种情况下，传到前面各层的梯度都所剩无几。',
    dead: '死亡',
    deadMeans: `仅限 ReLU 一族：在每张探针图像上都有 z ≤ 0，单元的输出不再变化，也不传递任何梯度（Leaky ReLU 只剩 ${LEAKY_RELU_SLOPE} 的斜率）。`,
    saturated: '饱和',
    saturatedMeans: '在至少 95 % 的探针图像上，f′(z) 低于 f′ 最大值的 5 %：单元停在曲线的平坦部分。',
    meanDerivative: '平均 |f′(z)|',
    meanDerivativeMeans: '在探针图像和单元上平均的斜率：梯度反向穿过这一层时被乘上的因子。',
    caption: (at) => `在 1,000 张测试图像上，第 ${step(at)} 步`,
    layer: '层',
    units: '单元数',
    yTitle: '占该层单元的百分比',
    deadLine: (layer) => `死亡，第 ${layer} 层`,
    saturatedLine: (layer) => `饱和，第 ${layer} 层`,
    fillsIn: '随着训练进行，这张按步数绘制的图会逐渐填满。',
    chartLabel: '每个隐藏层中死亡单元（实线）和饱和单元（虚线）所占比例随训练步数的变化。',
    chartLabelNoDead: '每个隐藏层中饱和单元（虚线）所占比例随训练步数的变化。',
    chartCaption: '实线：死亡单元；虚线：饱和单元；按层、随步数变化。',
    chartCaptionNoDead: '饱和单元，按层、随步数变化。',
    noHidden: '这次运行没有隐藏层：没有可看的隐藏单元。',
    measuring: '正在用探针图像测量…',
  },

  flow: {
    title: '梯度流',
    lookFor:
      '看点：在很深的 Sigmoid 网络里，前几层的梯度比最后一层小几个数量级（每经过一个 sigmoid，梯度最多乘以 0.25）；用 ReLU 时各条线彼此靠近。更新比远大于 10⁻³ 意味着每一步都在重写权重；远小于它，则说明这一层几乎没在动。',
    gradNormMeans: '损失对这一层权重的梯度的大小（弗罗贝尼乌斯范数），在一个训练批次上测得。',
    updateRatioMeans: '一步优化使这一层的权重改变了多少，相对于权重本身的大小。',
    layer: (layer) => `第 ${layer} 层`,
    outputLayer: (layer) => `第 ${layer} 层（输出层）`,
    layerHead: '层',
    perLayer: (field) => `每层的 ${field}`,
    logScale: '（对数坐标）',
    fillsIn: (field) => `${field}：随着训练进行，这张图会逐渐填满。`,
    chartLabel: (field, run) => `${run} 每层的 ${field} 随训练步数的变化，对数坐标。`,
    atStep: (at) => `第 ${step(at)} 步`,
    comesNext: '范数会随接下来的训练步一起到来。',
  },
};
