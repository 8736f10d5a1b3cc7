#!/usr/bin/env node
// The AWS SDK warns on every command under Node 20 about its future Node 22 requirement; the README says so once.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
