// The page's frame (header, sections, language switch); en/*.ts the other parts of the English catalogue.
export const common = {
  skipToChart: 'Skip to the chart',
  tagline: 'A neural network learns to read handwritten digits, live in your browser.',
  trainingSection: 'Training',
  drawSection: 'Draw a digit',
  testImagesSection: 'Test images',
  testImagesFold: 'the test images',
  aboutSection: 'What is going on',
  aboutFold: 'what is going on',
  language: 'Language',
  /** On a phone, the button of a folded section. */
  show: (what: string) => `Show ${what}`,
  hide: (what: string) => `Hide ${what}`,
  newVersion: 'A new version is available —',
  reload: 'Reload',
  /** "Could not start: the GPU device was lost". */
  failed: (what: string, reason: string) => `${what}: ${reason}`,
  /** Between the items of a list in a sentence. */
  listSeparator: ', ',
  notALanguage: (value: string, choices: string) => `lang=${value} is not a language of this page; choose one of ${choices}.`,
};
