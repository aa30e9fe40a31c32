export function suggestionLine(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? `Did you mean: ${suggestions.map((s) => `“${s}”`).join(', ')}?` : '';
}
