// Runs s3rver in a process of its own, started with --openssl-legacy-provider: s3rver
// encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 turns off by default,
// so in-process every truncated listing fails with InternalError.
// argv[2]: JSON { directory, buckets }. Prints {"port":N} once listening; stops when stdin ends.
import S3rver from 's3rver';

const { directory, buckets } = JSON.parse(process.argv[2]);
const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: buckets.map((name) => ({ name })) });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  server.close().finally(() => process.exit(0));
});
