import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/redact.js';
import { project, seedConfig, settingsFor } from './setup.js';

describe('infra settings from dwh.cfg', () => {
  it('reads the seeds\u2019 [DWH] keys and the [S3] sources', () => {
    const settings = settingsFor(project().dir);
    expect(settings).toMatchObject({
      region: 'us-west-2',
      clusterIdentifier: 'sparkify-cluster',
      clusterType: 'multi-node',
      numNodes: 4,
      nodeType: 'ra3.large',
      db: 'sparkify',
      dbUser: 'sparkify_admin',
      dbPassword: undefined,
      port: 5439,
      roleName: 'sparkify-redshift-s3-read',
      s3Sources: ['s3://udacity-dend/log_data', 's3://udacity-dend/song_data', 's3://udacity-dend/log_json_path.json'],
      credentials: undefined,
    });
  });

  it('defaults to the Udacity bucket and the built-in names when dwh.cfg is absent', () => {
    const settings = settingsFor(project(null).dir);
    expect(settings.s3Sources).toEqual(['s3://udacity-dend/log_data', 's3://udacity-dend/song_data']);
    expect(settings.clusterIdentifier).toBe('sparkify-cluster');
    expect(settings.configFile).toMatch(/dwh\.cfg$/);
  });

  it('uses [AWS] KEY/SECRET only when both are set, and registers them as secrets', () => {
    const { dir } = project(seedConfig.replace('KEY=\nSECRET=', 'KEY=AKIAEXAMPLE0000\nSECRET=very/secret+value'));
    expect(settingsFor(dir).credentials).toEqual({ accessKeyId: 'AKIAEXAMPLE0000', secretAccessKey: 'very/secret+value' });
    expect(redactSecrets('got very/secret+value')).toBe('got ***');
  });

  it('refuses bad values with the key to fix', () => {
    expect(() => settingsFor(project(seedConfig.replace('= multi-node', '= cluster')).dir)).toThrow(/DWH_CLUSTER_TYPE must be single-node or multi-node/);
    expect(() => settingsFor(project(seedConfig.replace('= 4\n', '= 1\n')).dir)).toThrow(/DWH_NUM_NODES must be 2 or more/);
    expect(() => settingsFor(project(seedConfig.replace('= sparkify-cluster', '= 9lives')).dir)).toThrow(/DWH_CLUSTER_IDENTIFIER "9lives"/);
  });
});
