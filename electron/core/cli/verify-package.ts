/**
 * `npm run verify-package -- FILE [--key PUBKEY.pem | --fingerprint HEX]`: checks a data package
 * offline and says, file by file, in Chinese and English, what is wrong. Exit 0 valid, 1 invalid,
 * 2 usage error (including a key file that is not an Ed25519 public key).
 */
import { readFileSync, statSync } from 'node:fs';
import { fileSource } from '../data-package/byte-source.js';
import { readPublicKey } from '../data-package/signing.js';
import { verifyPackage, type VerifyOptions } from '../data-package/verify-package.js';
import { parseVerifyPackageArgs, VERIFY_PACKAGE_USAGE } from './verify-package-options.js';

function exit(code: number, text: string): never {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  process.exit(code);
}

const parsed = parseVerifyPackageArgs(process.argv.slice(2));
if (parsed === 'help') exit(0, VERIFY_PACKAGE_USAGE);
if ('problem' in parsed) exit(2, `${parsed.problem}\n\n${VERIFY_PACKAGE_USAGE}`);

const options: VerifyOptions = {};
if (parsed.keyFile) {
  let pem: string;
  try {
    pem = readFileSync(parsed.keyFile, 'utf8');
  } catch (error) {
    exit(2, `无法读取公钥文件 / cannot read the key file ${parsed.keyFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const key = readPublicKey(pem);
  if (typeof key === 'string') exit(2, `公钥文件无效 / the key file ${parsed.keyFile} is ${key}`);
  options.registeredKey = key;
}
if (parsed.fingerprint) options.fingerprint = parsed.fingerprint;

let isFile = false;
try {
  isFile = statSync(parsed.file).isFile();
} catch {
  isFile = false;
}
if (!isFile) exit(2, `找不到数据包文件 / no such package file: ${parsed.file}`);

const source = fileSource(parsed.file);
let outcome;
try {
  outcome = verifyPackage(source, options);
} finally {
  source.close();
}
const lines: string[] = [];
const m = outcome.manifest;
if (m) {
  lines.push(`站点 / site: ${m.siteId} (${m.siteName})`);
  lines.push(`时段 / period: ${m.period.from} … ${m.period.to} (${m.period.timeZone}); 生成 / made ${m.createdAt} by ${m.madeBy}`);
  lines.push(`文件 / files: ${m.files.length}; 审计链头 / audit head: ${m.auditChain.head ? `seq ${m.auditChain.head.seq} ${m.auditChain.head.hash}` : '—'}`);
  lines.push(`签名密钥指纹 / signing key fingerprint: ${m.keyFingerprint}`);
}
for (const note of outcome.notes) lines.push(`注 / note: ${note.zh}\n      ${note.en}`);
if (outcome.ok) {
  const how = outcome.key === 'registered' ? '登记的公钥 / the registered key' : outcome.key === 'fingerprint' ? '与登记指纹相符的公钥 / the key with the registered fingerprint' : '数据包自带的公钥（未与登记的公钥核对）/ the key inside the package (NOT checked against a registered key)';
  lines.push(`有效 / VALID: 每个文件的哈希、签名（${how}）均已核对。`);
  exit(0, lines.join('\n'));
}
lines.push(`无效 / INVALID: ${outcome.problems.length} 个问题 / problem(s)`);
for (const p of outcome.problems) lines.push(`  ${p.file}: ${p.zh} / ${p.en}`);
exit(1, lines.join('\n'));
