/**
 * The platform's Ed25519 signing key. An operator may hand one in (SUPERVISION_SIGNING_KEY, a
 * PKCS#8 PEM, e.g. from a hardware-backed store); otherwise the first instance makes one and keeps
 * it in PostgreSQL so every instance signs alike. Sites are given the public key (GET
 * /api/authority/public-key, checked by hand against the platform operator's copy).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type pg from 'pg';

export interface SigningKey {
  privateKey: KeyObject;
  publicPem: string;
}

export async function loadSigningKey(pool: pg.Pool, suppliedPem?: string): Promise<SigningKey> {
  if (suppliedPem) {
    const privateKey = createPrivateKey(suppliedPem);
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the supervision signing key must be an Ed25519 private key (PKCS#8 PEM)');
    return { privateKey, publicPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString() };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  await pool.query('INSERT INTO authority_keys (id, private_pem, public_pem) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    'platform',
    privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  ]);
  const row = (await pool.query<{ private_pem: string; public_pem: string }>("SELECT private_pem, public_pem FROM authority_keys WHERE id = 'platform'")).rows[0]!;
  return { privateKey: createPrivateKey(row.private_pem), publicPem: row.public_pem };
}
