#!/usr/bin/env node
// notebook-image-server: parses flags, config file and environment, starts the server, closes it on signals.
process.stderr.write("notebook-image-server: not built yet (issue 12 in progress)\n");
process.exitCode = 1;
