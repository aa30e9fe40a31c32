import type { DocumentsResult } from '../../search/documents.js';
import { authorLabel } from '../citation.js';

export function renderDocumentsText(result: DocumentsResult): string {
  if (result.documents.length === 0) return 'The corpus holds no documents yet.';
  const lines = [`Reading list (${result.documents.length} documents)`, ''];
  for (const d of result.documents) {
    lines.push(`• ${d.title} — ${authorLabel(d.author)}  [${d.docId}]`);
    lines.push(`  ${d.thesis}`);
    lines.push(
      `  ${d.paragraphs} paragraphs, ${d.sentences} sentences${d.source ? ` · ${d.source}` : ''}`,
      '',
    );
  }
  return lines.join('\n').trimEnd();
}
