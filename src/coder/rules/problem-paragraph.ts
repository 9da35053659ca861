// The problem paragraph of a mention: its sentence and the lines under it, up to a blank line or the next numbered
// item. Coders read site, side and control from the whole paragraph ("Diabetes." then "- glucose elevated";
// "Non-small cell lung cancer, stage IIIA." then "CT showed a mass in the left upper lobe").
export function paragraphAfter(text: string, from: number, maxChars = 600): string {
  const rest = text.slice(from, from + maxChars);
  // Bullets under the problem ("- Medical Reasoning: ...") belong to it; a blank line or the next numbered item ends it.
  const stop = rest.slice(1).search(/\n\s*\n|\n\s*\d+[.)]\s/);
  return stop < 0 ? rest : rest.slice(0, stop + 1);
}
