/**
 * Renders the policy block of docs/permissions.md from the allow-list (`buildPermissionsPolicy()`).
 * Pure: the same allow-list always gives the same page, so a test can compare the checked-in page
 * with a fresh rendering (run `npm run docs` to regenerate). Only the text between the markers is
 * generated; the rest of the page is written by hand.
 */
import { buildPermissionsPolicy } from "../src/aws/allow-list.js";

export const PERMISSIONS_START = "<!-- permissions:start -->";
export const PERMISSIONS_END = "<!-- permissions:end -->";

/** The generated block, markers included. */
export function renderPermissionsBlock(): string {
  return [
    PERMISSIONS_START,
    "<!-- generated from src/aws/allow-list.ts by `npm run docs`: edit the allow-list, not this block -->",
    "```json",
    JSON.stringify(buildPermissionsPolicy(), null, 2),
    "```",
    PERMISSIONS_END,
  ].join("\n");
}

/** `page` with its policy block replaced by a fresh rendering; throws when the markers are missing. */
export function withPermissionsBlock(page: string): string {
  const start = page.indexOf(PERMISSIONS_START);
  const end = page.indexOf(PERMISSIONS_END, start);
  if (start < 0 || end < 0) throw new Error(`the page has no ${PERMISSIONS_START} ... ${PERMISSIONS_END} block`);
  return page.slice(0, start) + renderPermissionsBlock() + page.slice(end + PERMISSIONS_END.length);
}
