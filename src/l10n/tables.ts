/**
 * Our full tables. Until this module loads, the elements have only the badge's
 * entries (badge.ts): every element past the badge imports it, so the tables come
 * with the panel's code, not before the badge's first paint.
 */
import { en } from './en.js';
import { installFullTables } from './locale.js';
import { nb } from './nb.js';

installFullTables(en, nb);
