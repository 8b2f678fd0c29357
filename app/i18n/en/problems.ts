// What is wrong with a setting, in English: the engine's own words (gpu/train/config-problems.ts),
// which the CLI says too, so that the page and the CLI never word a problem differently.
export { ENGLISH_PROBLEM_TEXT as problems } from '../../../gpu';
