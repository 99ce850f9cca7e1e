export type { PermissionMode } from "./permission-mode.js";
export { modeGrants, parsePermissionMode, PERMISSION_MODES } from "./permission-mode.js";
