import type { Note } from "../snapshot/schema.js";

/**
 * A note as one line for every reporter: the read it is about, the region, and what the collection did
 * instead (for example "ListCodeSigningConfigs is not available here (InternalFailure, HTTP 501): code
 * signing read per function"). Reporters escape it for their format.
 */
export function noteText(note: Note): string {
  return `${note.service}:${note.operation} in ${note.region}: ${note.message}`;
}
