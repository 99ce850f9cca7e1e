// Starts and never answers: for start-up timeouts.
process.stderr.write("silent server waiting\n");
setInterval(() => {}, 1000);
