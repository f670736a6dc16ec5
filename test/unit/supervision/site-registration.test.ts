import { describe, expect, it } from 'vitest';
import { parseSuperviseArgs } from '../../../electron/supervision/cli-options.js';
import { natsAuthorization, siteRegistrationSchema } from '../../../electron/supervision/site-registration.js';

describe('natsAuthorization', () => {
  const block = natsAuthorization({ user: 'supervision', password: 'svc' }, [{ id: 'site-001', password: 'p"w\\1234567890123' }]);

  it('lets a site publish only under its own uplink subjects and hear only its own downlink', () => {
    expect(block).toContain('publish: { allow: ["sc.up.site-001.>"] }');
    expect(block).toContain('subscribe: { allow: ["sc.down.site-001.>", "$MQTT.sub.>"] }');
    expect(block).toContain('allowed_connection_types: ["MQTT"]');
  });

  it('gives the service user no restriction and quotes passwords', () => {
    expect(block).toMatch(/\{ user: "supervision", password: "svc" \}/);
    expect(block).toContain(JSON.stringify('p"w\\1234567890123'));
  });
});

describe('site registration', () => {
  it('refuses an id that is not a subject token and a short password', () => {
    const base = { name: '一号工地', district: '徐汇区', enterprise: '某建工', lon: 121.4, lat: 31.2 };
    expect(siteRegistrationSchema.safeParse({ ...base, id: 'site.a' }).success).toBe(false);
    expect(siteRegistrationSchema.safeParse({ ...base, id: 'site-a', password: 'short' }).success).toBe(false);
    expect(siteRegistrationSchema.safeParse({ ...base, id: 'site-a', password: 'long-enough-password' }).success).toBe(true);
  });
});

describe('parseSuperviseArgs', () => {
  it('reads the service command with several URLs', () => {
    expect(parseSuperviseArgs(['--nats', 'nats://a:1,nats://b:2', '--pg', 'postgres://x/db', '--port', '0', '--mqtt', 'mqtt://a:3'])).toEqual({
      command: 'run',
      natsUrls: ['nats://a:1', 'nats://b:2'],
      pgUrl: 'postgres://x/db',
      host: '127.0.0.1',
      port: 0,
      mqttUrls: ['mqtt://a:3'],
    });
  });

  it('says what is wrong', () => {
    expect(() => parseSuperviseArgs(['--pg', 'postgres://x/db'])).toThrow('--nats is required.');
    expect(() => parseSuperviseArgs(['--nats', 'http://a', '--pg', 'postgres://x'])).toThrow('is not a nats/tls URL');
    expect(() => parseSuperviseArgs(['--nats', 'nats://a', '--pg', 'postgres://x', '--port', 'x'])).toThrow('--port');
    expect(() => parseSuperviseArgs(['register-sites', '--pg', 'postgres://x'])).toThrow('--file is required.');
    expect(() => parseSuperviseArgs(['launch'])).toThrow('Unknown command');
  });
});
