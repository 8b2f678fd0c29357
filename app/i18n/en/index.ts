// The en catalogue: one module per part of the page.
export { common } from './common';
export { settings } from './settings';
export { training } from './training';
export { backend } from './backend';
export { chart } from './chart';
export { runs } from './runs';
export { drawing } from './drawing';
export { status } from './status';
export { inside } from './inside';
export { insideLens } from './insideLens';
export { about } from './about';
export { labels } from './labels';
export { worker } from './worker';
export { problems } from './problems';
export { data } from './data';
