/** Where the CLI writes: results to `out`, progress and errors to `err`. */
export interface CliIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}
