#!/bin/sh
input=$(cat)
printf '{"plugin":"%s","tool":"%s","input":%s}\n' "$AXION_PLUGIN_ID" "$AXION_TOOL_NAME" "$input"
