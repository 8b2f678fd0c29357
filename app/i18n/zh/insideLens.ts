import type { insideLens as english } from '../en/insideLens';

const count = (n: number) => n.toLocaleString('en');
/** What one cell of the matrix holds: "被认成 5 的 3", or on the diagonal "被正确识别的 3". */
const cellImages = (actual: number, predicted: number) => (actual === predicted ? `被正确识别的 ${actual}` : `被认成 ${predicted} 的 ${actual}`);

export const insideLens: typeof english = {
  tiles: {
    title: '隐藏单元在寻找什么',
    lookFor:
      '看点：随着训练进行，笔画和色块从初始的噪声中逐渐成形。红色像素在数字有墨迹的地方抬高单元的 z，蓝色像素则压低它；训练一个轮次后仍是一片噪声的图块（往往是死亡单元）什么也没学到。',
    scaleTitle: '权重（以颜色表示）',
    label: (step, units, scale) => `第 ${step} 步时第一层的权重：${units} 个 28 × 28 的图块，红色为正，蓝色为负，最大到 ±${scale}`,
    labelMarks: (dead, saturated) => `；已标出 ${dead} 个死亡单元和 ${saturated} 个饱和单元。`,
    labelEnd: '。',
    noHidden: '这次运行没有隐藏层：这里是输出层的十个单元，每个数字一个模板。',
    shown: (shown, total, step) => `第 1 层 ${total} 个单元中的${shown === total ? '全部' : `前 ${shown} 个`}，第 ${count(step)} 步，使用同一个色阶。`,
    comesNext: '权重会随下一次测量一起到来。',
    notInWorker: '它的模型已不在训练线程里：没有权重可显示。',
    pointAt: '指向一个图块（或让图块获得焦点后用方向键）来查看那个单元。',
    state: { 0: '健康', 1: '死亡', 2: '饱和' },
    unit: (unit) => `单元 ${unit}`,
    stateAndBias: (state, bias) => `${state ? `（${state}）` : ''}，偏置 ${bias}：`,
    testImage: (index) => `测试图像 ${index}`,
    pad: '画板上的数字',
    identity: '恒等函数',
    read: (source, z, activation, a) => `对于${source}，z = ${z}，${activation}(z) = ${a}。`,
    noInput: '在画板上写一个数字，或点击一张测试图像，即可看到它的 z 和 f(z)。',
    unknown: (source, why) => `对于${source}，z 和 f(z) 尚不可知（${why ?? '正在计算'}）。`,
    deadUnit: '死亡单元',
    saturatedUnit: '饱和单元',
    readUnit: '下方读数对应的单元',
  },

  confusion: {
    title: '混淆矩阵',
    lookFor:
      '看点：对角线以外的亮格子，也就是模型容易混淆的数字（4 和 9、3 和 5、7 和 2 很常见）。对角线上的图像占全部图像的比例就是测试准确率。点击一个格子可以看到其中的图像。',
    region: '混淆矩阵',
    caption: (step) => `行：真实的数字；列：模型的回答，在第 ${count(step)} 步之后的测试图像上统计。颜色：占该行的比例。`,
    trueDigit: '真实数字 ↓',
    predictedDigit: '被认成（模型的答案）→',
    accuracy: '准确率',
    cell: (actual, predicted, images, share) => `${actual} 被认成 ${predicted}：${images} 张图像，占所有 ${actual} 的 ${share}`,
    images: '图像：',
    right: '正确（对角线）：',
    worst: (cells) => `最常混淆：${cells}`,
    worstCell: (actual, predicted, times) => `${actual} 被认成 ${predicted}（${times} 次）`,
    separator: '；',
    notYet: '每个轮次结束后会给出混淆矩阵；暂停的运行也可以用“立即评估”马上得到。',
    evaluate: '立即评估',
    evaluating: '正在评估…',
    notInWorker: '它的模型已不在训练线程里。',
    pauseFirst: '先暂停这次运行，才能立即评估。',
    finding: (actual, predicted) => `正在查找${cellImages(actual, predicted)}…`,
    notListed: (why) => `无法列出这些图像：${why}。`,
    none: (actual, predicted) => `没有${cellImages(actual, predicted)}。`,
    listed: (shown, total, actual, predicted) =>
      `${count(total)} 张${cellImages(actual, predicted)}中的 ${shown} 张，附模型当前给出的概率。点击一张即可在“损失函数的作用”中查看。`,
    image: (index, label, best, bestPercent, labelPercent) => `测试图像 ${index}，是 ${label}：${best} 为 ${bestPercent} %，${label} 为 ${labelPercent} %`,
  },

  lens: {
    title: '损失函数的作用',
    lookFor:
      '看点：把目标设成模型确信不是的那个数字。这时交叉熵在该数字原始输出上的梯度接近 −1，推力很强；基于 softmax 的 MSE 几乎推不动（softmax 在模型很确定的地方是平的），而且它的值在十个类别上取平均，量级完全不同。柱子在横线以下：一步梯度下降会抬高这个原始输出；在横线以上则压低它。',
    noInput: '在画板上写一个数字，或在测试图像条或混淆矩阵中点击一张测试图像。',
    padImage: '画板上的数字，即模型看到的样子',
    pad: '画板上的数字',
    testImageLabel: (index, label) => `测试图像 ${index}，是 ${label}`,
    testImage: (index) => `测试图像 ${index}`,
    target: '目标数字',
    itsLabel: '它的标签',
    modelsAnswer: '模型的回答',
    probabilities: {
      'cross-entropy': 'softmax：十个概率之和为 1',
      mse: 'softmax：十个概率之和为 1',
      bce: '十个相互独立的 sigmoid σ(zₖ)：每个数字各自判断“是”或“不是”，所以概率之和不必为 1',
    },
    probabilitiesAs: (loss, how, sum) => `${loss}所定义的概率：${how}（这里它们的和为 ${sum}）。`,
    outputs: '十个原始输出及其概率',
    digit: '数字',
    logit: '原始输出 z',
    probability: '概率',
    loss: '损失函数',
    value: '值',
    gradient: '每个数字上的 ∂L/∂z（三者使用同一刻度）',
    formula: '公式',
    trained: '（这次运行用它训练）',
    digitK: '数字 k',
    gradientLabel: (loss, values) => `${loss}：每个数字上的梯度 ${values}。`,
    kernels: (target) =>
      `y 是目标的独热编码：目标数字 t 处为 1，其余九个为 0。这些值和梯度来自引擎的损失计算核，也就是训练所用的同一份代码；这里 t = ${target}。`,
    noAnswer: (why) => `没有得到回答：${why}。`,
    asking: '正在询问模型…',
  },
};
