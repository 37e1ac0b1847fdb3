/** Terminal control characters: C0 except tab and line feed, DEL, and C1. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text for a terminal with its control characters written as `\xNN`, so that input text
 * quoted in a message (a title, a line of a file, a file name) can neither move the cursor,
 * recolour or clear the screen, nor set the window title. Tabs and line breaks are kept.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
