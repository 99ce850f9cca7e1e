// Exits at once with an explanation on stderr, as a misconfigured server does.
process.stderr.write("starting failing-server\n");
process.stderr.write("error: GITHUB_TOKEN is not set\n");
process.exit(1);
