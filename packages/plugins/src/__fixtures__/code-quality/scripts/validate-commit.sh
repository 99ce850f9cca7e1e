#!/bin/sh
echo '{"systemMessage": "Code quality checks passed."}'
