import { StartupProfiler } from "@axion/telemetry";

/** The process's start-up profile; phases are printed on stderr when `AXION_PROFILE=1`. */
export const startupProfile = new StartupProfiler();
