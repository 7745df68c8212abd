#!/usr/bin/env node
// Runs Electronegativity over the Electron shell's source and over the built app, and fails on any
// finding that .ci/electronegativity-accepted.json does not accept with a written reason.
// The tool exits 0 whatever it finds, and when it writes a report it stays silent about files it
// could not parse; so each target is scanned in a child process that also records those errors.
//
//   node .ci/electronegativity.mjs [--out DIR] [--accepted FILE] [--root DIR]
//   node .ci/electronegativity.mjs --reports DIR ...   judge reports already in DIR (tests)
//
// Exit codes: 0 nothing unaccepted; 1 unaccepted findings; 2 the scan cannot be trusted
// (a file left unparsed, a missing input, an unreadable report or accepted list).
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

// `lower`: the bundles use syntax (class private fields) the tool's scope analysis rejects, so
// they are scanned as TypeScript re-emits them for ES2021; `skip`: shipped, never run by Electron.
const targets = [
  { name: 'shell', input: 'main/electron', hint: 'the Electron shell source' },
  {
    name: 'dist',
    input: 'app/dist',
    hint: 'the built app: run `npm run build` first',
    lower: true,
    skip: ['cli', 'samples'],
  },
];

// Needs the network (the Electron release list) and says nothing about our own code.
const excludedChecks = ['availablesecurityfixesglobalcheck'];

class UntrustedScan extends Error {}

function parseArgs(argv) {
  const options = {
    root: resolve(here, '..'),
    accepted: join(here, 'electronegativity-accepted.json'),
    out: null,
    reports: null,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const key = flag?.replace(/^--/, '');
    if (!key || !(key in options) || value === undefined) {
      throw new UntrustedScan(`unknown or incomplete option: ${flag}`);
    }
    options[key] = resolve(value);
  }
  return options;
}

function electronVersion(root) {
  const installed = join(root, 'node_modules/electron/package.json');
  if (existsSync(installed)) return JSON.parse(readFileSync(installed, 'utf8')).version;
  const wanted = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies;
  return String(wanted?.electron ?? '').replace(/^[^\d]*/, '');
}

/** Child mode: one programmatic run; its result keeps the parse errors the CLI drops. */
async function scanOne([input, sarif, resultFile, version]) {
  const tool = createRequire(createRequire(import.meta.url).resolve('@doyensec/electronegativity'));
  installBundledTranslations(tool);
  const run = tool('./runner.js');
  const result = await run({
    input,
    output: sarif,
    isSarif: true,
    isRelative: true,
    electronVersionOverride: version,
    excludeFromScan: excludedChecks,
  });
  const issues = result.issues.map((issue) => ({
    id: issue.id,
    file: issue.file,
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name,
    confidence: issue.confidence?.name,
    sample: issue.sample ?? null,
    description: issue.description,
    manualReview: issue.manualReview === true,
  }));
  writeFileSync(resultFile, JSON.stringify({ issues, errors: result.errors }, null, 2));
}

// The runner first downloads translations, which offline costs seconds of timeouts per scan and
// in CI is a request nobody needs: the English ones it ships are set up in its place.
function installBundledTranslations(tool) {
  const path = tool.resolve('./locales/i18n.js');
  const i18n = tool('i18n');
  const stand = new Module(path);
  stand.filename = path;
  stand.loaded = true;
  stand.exports = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: dirname(path),
      updateFiles: false,
      objectNotation: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  Module._cache[path] = stand;
}

function scanTarget(target, input, out, version) {
  const args = [fileURLToPath(import.meta.url), '--scan-one', input, ...reportFiles(out, target)];
  const child = spawn(process.execPath, [...args, version], {
    env: { ...process.env, LANG: 'en-US' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) done();
      else fail(new UntrustedScan(`electronegativity failed on ${target.input}:\n${stderr}`));
    });
  });
}

/** A copy of `input` the tool can parse: scripts re-emitted for ES2021, maps and skips left out. */
function stageLowered(ts, input, stage, skip) {
  for (const entry of readdirSync(input, { withFileTypes: true })) {
    const from = join(input, entry.name);
    const to = join(stage, entry.name);
    if (skip.includes(entry.name) || entry.name.endsWith('.map')) continue;
    if (entry.isDirectory()) {
      mkdirSync(to, { recursive: true });
      stageLowered(ts, from, to, []);
    } else if (/\.(c|m)?js$/.test(entry.name)) {
      const options = {
        target: ts.ScriptTarget.ES2021,
        module: ts.ModuleKind.ESNext,
        allowJs: true,
      };
      const text = readFileSync(from, 'utf8');
      writeFileSync(
        to,
        ts.transpileModule(text, { compilerOptions: options, fileName: from }).outputText,
      );
    } else {
      copyFileSync(from, to);
    }
  }
}

async function scanAll(root, out) {
  const version = electronVersion(resolve(here, '..'));
  const inputs = targets.map((target) => [target, join(root, target.input)]);
  for (const [target, input] of inputs) {
    if (!existsSync(input)) throw new UntrustedScan(`${target.input} is missing (${target.hint})`);
  }
  // Loaded only here: judging existing reports should not pay for the compiler.
  const { default: ts } = await import('typescript');
  for (const [target, input] of inputs.filter(([target]) => target.lower)) {
    const stage = join(out, `${target.name}-scanned`);
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(stage, { recursive: true });
    stageLowered(ts, input, stage, target.skip ?? []);
    inputs[inputs.findIndex(([t]) => t === target)] = [target, stage];
  }
  // Independent child processes: side by side they take the time of the slower one.
  await Promise.all(inputs.map(([target, input]) => scanTarget(target, input, out, version)));
}

// The SARIF is for people and code-scanning uploads; the JSON result is what gets judged.
function reportFiles(dir, target) {
  return [join(dir, `${target.name}.sarif`), join(dir, `${target.name}.json`)];
}

function readJson(path, what) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UntrustedScan(`cannot read ${what} ${path}: ${error.message}`);
  }
}

/** Findings of one target from Electronegativity's result, and the files it could not parse. */
function parseResult(result, target) {
  if (!Array.isArray(result?.issues) || !Array.isArray(result?.errors)) {
    throw new UntrustedScan(`the ${target.name} result has no issues or errors list`);
  }
  const findings = result.issues.map((issue) => ({
    target: target.name,
    rule: String(issue.id),
    file: !issue.file || issue.file === 'N/A' ? null : String(issue.file),
    line: Number(issue.line) || 0,
    severity: String(issue.severity ?? 'UNKNOWN'),
    confidence: String(issue.confidence ?? 'UNKNOWN'),
    sample: typeof issue.sample === 'string' ? issue.sample.trim() : '',
    description: String(issue.description ?? ''),
  }));
  // Findings in an unparsed file would be missing: a tolerable error still parsed the file.
  const unparsed = result.errors
    .filter((error) => !error.tolerable)
    .map((error) => ({ file: String(error.file), message: String(error.message) }));
  return { findings, unparsed };
}

function readAccepted(path) {
  const list = readJson(path, 'the accepted list')?.findings;
  if (!Array.isArray(list)) throw new UntrustedScan(`${path} must hold { "findings": [...] }`);
  const names = targets.map((t) => t.name);
  for (const [i, entry] of list.entries()) {
    const problem =
      (!names.includes(entry.target) && `target must be one of ${names.join(', ')}`) ||
      (!/^[A-Z_]+$/.test(entry.rule ?? '') && 'rule must be a check id such as PRELOAD_JS_CHECK') ||
      (!(entry.file === null || typeof entry.file === 'string') && 'file must be a path or null') ||
      (!(entry.sample === undefined || typeof entry.sample === 'string') &&
        'sample must be a string') ||
      (!(typeof entry.reason === 'string' && entry.reason.trim().length >= 20) &&
        'reason must say why, in a sentence');
    if (problem) throw new UntrustedScan(`${path}, finding ${i + 1}: ${problem}`);
  }
  return list;
}

function accepts(entry, finding) {
  return (
    entry.target === finding.target &&
    entry.rule === finding.rule &&
    entry.file === finding.file &&
    (entry.sample === undefined || finding.sample === entry.sample)
  );
}

/** Splits findings into accepted and not, and names accepted entries that no longer match. */
function judge(findings, accepted) {
  const verdicts = findings.map((finding) => ({
    finding,
    entry: accepted.find((entry) => accepts(entry, finding)),
  }));
  return {
    accepted: verdicts.filter((v) => v.entry),
    unaccepted: verdicts.filter((v) => !v.entry).map((v) => v.finding),
    stale: accepted.filter((entry) => !findings.some((finding) => accepts(entry, finding))),
  };
}

function where(finding) {
  return finding.file === null
    ? `${finding.target} (whole app)`
    : `${finding.target}:${finding.file}:${finding.line}`;
}

function report({ accepted, unaccepted, stale }) {
  const out = (line) => process.stdout.write(`${line}\n`);
  for (const { finding, entry } of accepted) {
    out(`accepted   ${finding.rule} ${where(finding)}: ${entry.reason}`);
  }
  for (const entry of stale) {
    out(
      `stale      ${entry.rule} ${entry.target}:${entry.file ?? '(whole app)'} matched nothing; remove it`,
    );
  }
  for (const finding of unaccepted) {
    const grade = `${finding.severity}/${finding.confidence}`;
    console.error(`UNACCEPTED ${finding.rule} ${where(finding)} [${grade}] ${finding.description}`);
    if (finding.sample) console.error(`           > ${finding.sample}`);
  }
  out(
    `electronegativity: ${accepted.length + unaccepted.length} findings, ${accepted.length} accepted, ${unaccepted.length} not accepted`,
  );
}

async function main(argv) {
  const options = parseArgs(argv);
  const dir = options.reports ?? options.out ?? mkdtempSync(join(tmpdir(), 'electronegativity-'));
  if (!options.reports) {
    mkdirSync(dir, { recursive: true });
    await scanAll(options.root, dir);
    process.stdout.write(`electronegativity: reports in ${dir}\n`);
  }
  const findings = [];
  const unparsed = [];
  for (const target of targets) {
    const [, resultFile] = reportFiles(dir, target);
    const parsed = parseResult(readJson(resultFile, 'the result'), target);
    findings.push(...parsed.findings);
    unparsed.push(...parsed.unparsed);
  }
  if (unparsed.length > 0) {
    const list = unparsed.map((e) => `  ${e.file}: ${e.message}`).join('\n');
    throw new UntrustedScan(`electronegativity could not parse, so did not check:\n${list}`);
  }
  const verdict = judge(findings, readAccepted(options.accepted));
  report(verdict);
  return verdict.unaccepted.length > 0 ? 1 : 0;
}

if (process.argv[2] === '--scan-one') {
  await scanOne(process.argv.slice(3));
} else {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UntrustedScan)) throw error;
    console.error(`electronegativity: ${error.message}`);
    process.exitCode = 2;
  }
}
