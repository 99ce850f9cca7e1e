export { findPluginManifest, MANIFEST_CANDIDATES, pluginId } from "./manifest-location.js";
