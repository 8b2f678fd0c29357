// Why MNIST could not be loaded, in English: the engine's own words (gpu/data/mnist-browser.ts),
// which the logs use too, so that the page and the engine never word a problem differently.
export { ENGLISH_MNIST_TEXT as data } from '../../../gpu';
