import type { CorpusIndex } from '../search/corpus-index.js';
import type { StudyGuide } from './types.js';

/** PLACEHOLDER: being written. Returns null when `docRef` names no document. */
export function study(_index: CorpusIndex, _docRef: string): StudyGuide | null {
  return null;
}
