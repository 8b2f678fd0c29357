import type { about as english } from '../en/about';

export const about: typeof english = {
  introBefore: '一个多层感知机正在学习识别手写数字。',
  introAfter:
    ' 中的每张 28×28 图像就是 784 个数；它们穿过各隐藏层，到达 10 个输出，每个数字一个。训练时，网络分小批次看过 60,000 张带标签的图像，每一步都把权重朝着降低损失的方向微调；从未参与训练的 10,000 张测试图像则用来衡量它的泛化能力。这一切都在本页面中运行：通过 WebGPU 在你的 GPU 上，或在没有 WebGPU 时在 CPU 上。',
  glossary: {
    activation: '每个隐藏层之后的非线性函数（ReLU、Tanh、GELU……）。没有它，网络只能画出直线。',
    loss: '衡量“错得有多离谱”的方式：基于概率的交叉熵、均方误差，或逐类别的二元交叉熵。',
    optimizer: '把梯度变成权重更新的方法：普通的 SGD、带动量的 SGD，或为每个权重自适应调整步长的 Adam。',
    lr: '每次更新的幅度。太小学得慢，太大则会发散。',
    batchSize: '每一步使用的图像数。批次越大，梯度越平滑，每个轮次的步数也越少。',
    hidden: '每个隐藏层的单元数，用逗号分隔：“128”或“256,128”。留空则训练一个线性分类器。',
    epochs: '把 60,000 张训练图像完整过一遍的次数。每一轮结束后测量一次测试准确率。',
    seed: '固定初始权重和数据打乱的顺序，使一次运行可以被完全复现。',
    normalize: '像素在进入第一层之前如何缩放：按 MNIST 的均值和标准差标准化，缩放到 [−1, 1]，或缩放到 [0, 1]。',
    leakySlope: 'Leaky ReLU 让负输入通过多少：x < 0 时 f(x) = 斜率 · x。',
    eluAlpha: '输入很负时 ELU 趋近的值：x < 0 时 f(x) = α(eˣ − 1)。',
    momentum: '带动量的 SGD 把上一次更新的多少带到下一次：0 就是普通的 SGD。',
    weightDecay: '每一步都把每个权重朝零拉回一点，以防过拟合。',
  },
  runs: (train, runs, pause, resume, step, compare, trainComparison) =>
    `这些设置描述的是下一次运行：点“${train}”开始；之前的每次运行都会保留在“${runs}”中、图表上以及本浏览器的存储里。“${pause}”“${resume}”和“${step}”作用于选中的运行以及与它一起训练的运行。“${trainComparison}”会同时训练在“${compare}”中选出的几个运行，它们只相差一项设置：它们从相同的权重出发，看到相同的批次，因此曲线之间的差别就来自那一项设置。`,
};
