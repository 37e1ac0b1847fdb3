/**
 * Removes what is not prose before tokenizing: inline LaTeX math (`$...$`, `\(...\)`),
 * LaTeX commands (`\alpha`, `\textbf`), HTML/XML tags and URLs. Each removed span becomes a
 * space so that the words on either side stay separate words.
 */
export function stripMarkup(text: string): string {
  return text
    .replace(/\$\$[^$]*\$\$/g, ' ')
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/\\\([\s\S]*?\\\)/g, ' ')
    .replace(/\\[a-zA-Z]+\*?/g, ' ')
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/\bhttps?:\/\/\S+/g, ' ')
    .replace(/[{}\\^_~]/g, ' ');
}
