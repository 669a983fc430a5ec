import 'reflect-metadata';
import { backoffMs } from '../../subgraphs/partners/webhook/webhook.dispatch';
import { webhooksOf } from '../../subgraphs/partners/webhook/webhook.events';
import { endpointUrlProblem } from '../../subgraphs/partners/webhook/webhook.service';
import { webhookSignature } from '../../subgraphs/partners/webhook/webhook.signature';

describe('webhook endpoints', () => {
  it('take https anywhere, http only to this machine and only outside production', () => {
    expect(endpointUrlProblem('https://hooks.example.id/prakerja', false)).toBeNull();
    expect(endpointUrlProblem('http://127.0.0.1:4090/x', true)).toBeNull();
    expect(endpointUrlProblem('http://localhost/x', true)).toBeNull();
    expect(endpointUrlProblem('http://127.0.0.1:4090/x', false)).not.toBeNull();
    expect(endpointUrlProblem('http://hooks.example.id/x', true)).not.toBeNull();
    expect(endpointUrlProblem('https://u:p@hooks.example.id/', false)).not.toBeNull();
    expect(endpointUrlProblem('hooks.example.id', false)).not.toBeNull();
    for (const internal of [
      'https://169.254.169.254/latest',
      'https://10.0.0.5/',
      'https://192.168.1.1/',
      'https://localhost/',
      'https://[::1]/',
    ])
      expect(endpointUrlProblem(internal, false)).not.toBeNull();
    expect(endpointUrlProblem('https://127.0.0.1:8443/x', true)).toBeNull();
  });
});

describe('webhook retries', () => {
  it('double from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 40].map((n) => backoffMs(n, 10_000, 60_000))).toEqual([10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });
});

describe('webhook events', () => {
  const event = (type: string, payload: object) => ({
    id: 'e-' + type,
    type,
    occurredAt: '2026-12-01T00:00:00Z',
    payload: JSON.stringify(payload),
  });

  it('are the platform’s own purchase, enrollment and status events, without the participant', () => {
    const partnerId = '5360f4d2-2932-5f9a-a0b4-663ac6d09376';
    const queued = webhooksOf('courses', [
      event('purchase.expired', { purchaseId: 'p', partnerId, participantId: 'secret', amount: '100', status: 'EXPIRED' }),
      event('purchase.started', { purchaseId: 'q', partnerId }),
      event('enrollment.voided', { enrollmentId: 'e', partnerId, participantId: 'secret' }),
    ]);
    expect(queued.map((w) => [w.partnerId, w.type])).toEqual([
      [partnerId, 'purchase.expired'],
      [partnerId, 'enrollment.voided'],
    ]);
    for (const w of queued) {
      const body = JSON.parse(w.body);
      expect(body).toMatchObject({ id: w.id, type: w.type, eventId: w.eventId });
      expect(w.body).not.toContain('secret');
    }
    expect(webhooksOf('participants', [event('card.revoked', { partnerId })])).toEqual([]);
  });

  it('are signed over client id, timestamp, method, path and body', () => {
    const a = webhookSignature('k'.repeat(64), 'pk_x', '1700000000', '/hook', '{}');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookSignature('k'.repeat(64), 'pk_x', '1700000000', '/other', '{}')).not.toBe(a);
    expect(webhookSignature('k'.repeat(64), 'pk_x', '1700000001', '/hook', '{}')).not.toBe(a);
  });
});
