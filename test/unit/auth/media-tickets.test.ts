import { describe, expect, it } from 'vitest';
import { mediaTicketScope } from '../../../electron/core/auth/auth-handlers.js';
import { MediaTickets } from '../../../electron/core/auth/media-tickets.js';

describe('media tickets', () => {
  const now = { t: 1_000_000 };
  const tickets = new MediaTickets(() => now.t, 60_000);
  const snapshot = '/api/media/snapshots/cam-20260101T000000Z.jpg';

  it('open one file only, until they expire', () => {
    const { ticket, expiresAt } = tickets.issue(snapshot);
    expect(expiresAt).toBe(1_060_000);
    expect(tickets.allows(ticket, snapshot)).toBe(true);
    expect(tickets.allows(ticket, '/api/media/snapshots/cam-20260101T000001Z.jpg')).toBe(false);
    expect(tickets.allows(ticket, `${snapshot}x`)).toBe(false);
    now.t += 60_000;
    expect(tickets.allows(ticket, snapshot)).toBe(false);
  });

  it('open everything under a prefix and nothing beside it', () => {
    const { ticket } = tickets.issue('/api/media/panoramas/pc-0123456789abcdef/');
    expect(tickets.allows(ticket, '/api/media/panoramas/pc-0123456789abcdef/tiles/1/0_0.jpeg')).toBe(true);
    expect(tickets.allows(ticket, '/api/media/panoramas/pc-0123456789abcdef/')).toBe(false);
    expect(tickets.allows(ticket, '/api/media/panoramas/pc-fedcba9876543210/thumb.jpeg')).toBe(false);
  });

  it('refuse forged, altered, foreign and malformed tickets', () => {
    const { ticket } = tickets.issue(snapshot);
    const [body, mac] = ticket.split('.') as [string, string];
    const widened = Buffer.from(JSON.stringify({ s: '/api/media/', e: now.t + 60_000 })).toString('base64url');
    expect(tickets.allows(`${widened}.${mac}`, snapshot)).toBe(false);
    expect(tickets.allows(`${body}.${mac.slice(0, -2)}AA`, snapshot)).toBe(false);
    expect(new MediaTickets(() => now.t).allows(ticket, snapshot)).toBe(false);
    for (const bad of [null, '', '.', 'abc', `${body}.`, 'x'.repeat(5000)]) expect(tickets.allows(bad, snapshot)).toBe(false);
  });

  it('are scoped to a media path the core serves', () => {
    expect(mediaTicketScope(snapshot)).toBe(snapshot);
    expect(mediaTicketScope('/api/media/clips/hook-20260101T000000123Z.mp4')).toBe('/api/media/clips/hook-20260101T000000123Z.mp4');
    expect(mediaTicketScope('/api/media/panoramas/pc-0123456789abcdef/tiles/2/3_1.jpeg')).toBe('/api/media/panoramas/pc-0123456789abcdef/');
    expect(mediaTicketScope('/api/media/model/building.glb')).toBe('/api/media/model/building.glb');
    for (const bad of ['/api/media/', '/api/media/snapshots/..%2Fsite.json', '/api/media/snapshots/../../site.json', '/api/media/model/site.json', '/api/devices', 'http://evil/api/media/model/a.glb', '/api/media/panoramas/pc-0123456789abcdef/'])
      expect(mediaTicketScope(bad), bad).toBeNull();
  });
});
