import { emptyUsage, estimateCost, formatUsd, type Usage } from "@axion/api";

/** What a model call cost in USD, priced with the model's rates from the api model registry. */
export function priceUsage(usage: Usage, model: string): number {
  return estimateCost(usage, model).totalUsd;
}

/** `$0.0105`: four decimals, as every cost axion prints. */
export function formatCost(usd: number): string {
  return formatUsd(usd);
}

/** Adds `usage` into `total` in place. */
export function addUsage(total: Usage, usage: Usage): void {
  total.input_tokens += usage.input_tokens;
  total.output_tokens += usage.output_tokens;
  total.cache_creation_input_tokens += usage.cache_creation_input_tokens;
  total.cache_read_input_tokens += usage.cache_read_input_tokens;
}

export interface ModelUsage {
  usage: Usage;
  costUsd: number;
  turns: number;
}

export interface UsageTrackerOptions {
  /** Prices one model call; defaults to the api model registry (`estimateCost`). */
  price?: ((usage: Usage, model: string) => number) | undefined;
}

/**
 * Token usage and cost over a session. Each `add` is one model call (a "turn" of the model); it becomes
 * `turnUsage`, is added to `total`, and is priced with the rates of the model that served it.
 */
export class UsageTracker {
  #total: Usage = emptyUsage();
  #turnUsage: Usage = emptyUsage();
  #costUsd = 0;
  #turnCostUsd = 0;
  #turns = 0;
  readonly #byModel = new Map<string, ModelUsage>();
  readonly #price: (usage: Usage, model: string) => number;

  constructor(options: UsageTrackerOptions = {}) {
    this.#price = options.price ?? priceUsage;
  }

  /** Records one model call; returns its cost in USD. A `costUsd` given here is used instead of the price table. */
  add(usage: Usage, model: string, costUsd?: number): number {
    const cost = costUsd ?? this.#price(usage, model);
    addUsage(this.#total, usage);
    this.#turnUsage = { ...usage };
    this.#costUsd += cost;
    this.#turnCostUsd = cost;
    this.#turns += 1;
    let entry = this.#byModel.get(model);
    if (!entry) {
      entry = { usage: emptyUsage(), costUsd: 0, turns: 0 };
      this.#byModel.set(model, entry);
    }
    addUsage(entry.usage, usage);
    entry.costUsd += cost;
    entry.turns += 1;
    return cost;
  }

  /** The usage of the latest model call. */
  get turnUsage(): Usage {
    return { ...this.#turnUsage };
  }

  /** The cost of the latest model call. */
  get turnCostUsd(): number {
    return this.#turnCostUsd;
  }

  /** Every call added together. */
  get total(): Usage {
    return { ...this.#total };
  }

  get costUsd(): number {
    return this.#costUsd;
  }

  /** Number of model calls recorded. */
  get turns(): number {
    return this.#turns;
  }

  /** Usage and cost per model, in the order the models were first seen. */
  byModel(): Map<string, ModelUsage> {
    const copy = new Map<string, ModelUsage>();
    for (const [model, entry] of this.#byModel) {
      copy.set(model, { usage: { ...entry.usage }, costUsd: entry.costUsd, turns: entry.turns });
    }
    return copy;
  }
}
