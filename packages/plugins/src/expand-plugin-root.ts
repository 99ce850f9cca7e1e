const ROOT_VARIABLES = /\$\{(?:CLAUDE|AXION)_PLUGIN_ROOT\}|\$(?:CLAUDE|AXION)_PLUGIN_ROOT(?![A-Za-z0-9_])/g;

/** Replaces `${CLAUDE_PLUGIN_ROOT}` / `${AXION_PLUGIN_ROOT}` (and the unbraced forms) with `root`. */
export function expandPluginRoot(text: string, root: string): string {
  return text.replace(ROOT_VARIABLES, () => root);
}

/** `expandPluginRoot` applied to every string inside a JSON-like value; other values are kept. */
export function expandPluginRootDeep<Value>(value: Value, root: string): Value {
  if (typeof value === "string") return expandPluginRoot(value, root) as Value;
  if (Array.isArray(value)) return value.map((item: unknown) => expandPluginRootDeep(item, root)) as Value;
  if (typeof value === "object" && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) result[key] = expandPluginRootDeep(item, root);
    return result as Value;
  }
  return value;
}
