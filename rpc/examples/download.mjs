#!/usr/bin/env node
// Downloads one torrent through `torrpedo rpc`, the way an Electron main process drives the
// engine: spawn it as a child process, write JSON-RPC 2.0 requests to its stdin one per
// line, read responses and notifications from its stdout one per line, keep a torrent table
// from `sync.get` and `torrent.progress`, and shut it down cleanly at the end.
//
// Plain Node (18 or later), no dependencies:
//
//   node rpc/examples/download.mjs --torrent file.torrent --dir ~/Downloads [--peer 192.0.2.7:6881]...
//        [--torrpedo ./torrpedo | --jar client-demo/target/torrpedo.jar [--java /path/to/java]]
//        [--port 6881] [--timeout 120]
//
// Exits 0 once the download is complete and the engine has exited 0; 1 on any failure.

import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A JSON-RPC error answer: `code` and `data` are the contract (rpc/README.md, "Errors"). */
class RpcError extends Error {
  constructor(method, error) {
    super(`${method}: ${error.message} (${error.code})`);
    this.code = error.code;
    this.data = error.data;
  }
}

/**
 * The engine process. `request()` returns a promise of the result; notifications are emitted
 * as 'notification' (method, params); 'exit' (code, signal) when the process ends.
 */
class Engine extends EventEmitter {
  constructor(command, args) {
    super();
    this.nextId = 1;
    this.pending = new Map();
    // stdout carries protocol messages only; the engine's logs go to our stderr
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        for (const { reject, method } of this.pending.values()) {
          reject(new Error(`${method}: the engine exited (${code ?? signal}) before answering`));
        }
        this.pending.clear();
        this.emit('exit', code, signal);
        resolve({ code, signal });
      });
    });
    this.child.on('error', (e) => this.emit('error', e));
    createInterface({ input: this.child.stdout, crlfDelay: Infinity }).on('line', (line) => this.onLine(line));
  }

  request(method, params = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    });
  }

  onLine(line) {
    let message;
    try {
      message = JSON.parse(line);
    } catch (e) {
      this.emit('error', new Error(`not JSON on the engine's stdout: ${line}`));
      return;
    }
    if (message.method !== undefined) {
      this.emit('notification', message.method, message.params);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) {
      return;
    }
    this.pending.delete(message.id);
    if (message.error) {
      waiting.reject(new RpcError(waiting.method, message.error));
    } else {
      waiting.resolve(message.result);
    }
  }

  /** Asks the engine to close its session (resume data, trackers) and waits for it to exit. */
  async shutdown() {
    await this.request('engine.shutdown');
    this.child.stdin.end();
    return this.exited;
  }
}

/**
 * The torrent table a UI renders, kept exactly as rpc/README.md says: from `sync.get` and
 * `torrent.progress` only, each applied the same way.
 */
class TorrentTable {
  constructor() {
    this.rows = new Map();
    this.stats = {};
    this.revision = 0;
  }

  apply(update) {
    if (update.full) {
      this.rows.clear();
    }
    for (const id of update.removed) {
      this.rows.delete(id);
    }
    for (const t of update.torrents) {
      this.rows.set(t.id, { ...(this.rows.get(t.id) ?? {}), ...t });
    }
    Object.assign(this.stats, update.stats);
    this.revision = update.revision;
  }
}

function parseArgs(argv) {
  const options = { peers: [], port: '0', timeout: '120' };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    const value = argv[i + 1];
    if (value === undefined) {
      throw new Error(`${name} needs a value`);
    }
    i++;
    switch (name) {
      case '--torrent': options.torrent = value; break;
      case '--dir': options.dir = value; break;
      case '--peer': options.peers.push(value); break;
      case '--torrpedo': options.torrpedo = value; break;
      case '--jar': options.jar = value; break;
      case '--java': options.java = value; break;
      case '--port': options.port = value; break;
      case '--timeout': options.timeout = value; break;
      default: throw new Error(`unknown option ${name}`);
    }
  }
  if (!options.torrent || !options.dir) {
    throw new Error('usage: download.mjs --torrent FILE --dir DIR [--peer HOST:PORT]... [--jar JAR | --torrpedo CMD]');
  }
  return options;
}

/** How to start the engine: the jar with a given java, else the repository's ./torrpedo script. */
function engineCommand(options) {
  const args = ['rpc', '--port', options.port, '--download-dir', path.resolve(options.dir), '--no-dht', '--no-lsd'];
  if (options.jar) {
    return [options.java ?? 'java', ['-jar', options.jar, ...args]];
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  return [options.torrpedo ?? path.resolve(here, '..', '..', 'torrpedo'), args];
}

function megabytes(bytes) {
  return (bytes / 1e6).toFixed(2) + ' MB';
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const [command, args] = engineCommand(options);
  const engine = new Engine(command, args);
  const table = new TorrentTable();
  const completed = new Set();
  let failure = null;
  engine.on('error', (e) => { failure = e; });
  engine.on('notification', (method, params) => {
    switch (method) {
      case 'torrent.progress': {
        table.apply(params);
        for (const row of table.rows.values()) {
          console.log(`progress ${row.name}: ${(row.progress * 100).toFixed(1)}% ${row.state},`
              + ` ${megabytes(row.downloadRate ?? 0)}/s, ${row.peers} peers`);
        }
        break;
      }
      case 'torrent.completed':
        completed.add(params.id);
        console.log(`completed ${params.id}`);
        break;
      case 'torrent.error':
        failure = new Error(`torrent ${params.id} stopped: ${params.message}`);
        break;
      case 'events.dropped':
        // we fell behind: catch up from the last revision applied
        engine.request('sync.get', { sinceRevision: table.revision }).then((r) => table.apply(r));
        break;
      default:
        console.log(`event ${method} ${JSON.stringify(params)}`);
    }
  });

  const hello = await engine.request('engine.hello', { client: 'torrpedo download.mjs example', protocolVersion: 1 });
  console.log(`engine ${hello.engineVersion}, protocol ${hello.protocolVersion}`);
  const subscription = await engine.request('events.subscribe', { progressIntervalMs: 250 });
  table.apply(await engine.request('sync.get', { sinceRevision: subscription.revision ?? 0 }));

  // what a file-selection dialog shows before adding
  const torrent = (await readFile(options.torrent)).toString('base64');
  const info = await engine.request('metainfo.inspect', { torrent });
  console.log(`torrent ${info.name} (${info.id}): ${info.files.length} files, ${megabytes(info.totalSize)}`);
  for (const f of info.files.filter((file) => !file.pad)) {
    console.log(`  ${f.path} ${f.size} bytes`);
  }

  const added = await engine.request('torrent.add', {
    torrent,
    peers: options.peers,
    filePriorities: info.files.map(() => 4),
  });
  console.log(`added ${added.id}${added.duplicate ? ' (already there)' : ''}`);

  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.request('torrent.get', { id: added.id }).then(
        (status) => reject(new Error(`not complete after ${options.timeout} s: ${JSON.stringify(status)}`)),
        reject);
    }, Number(options.timeout) * 1000);
    const check = () => {
      if (!failure && !completed.has(added.id) && engine.child.exitCode === null && engine.child.signalCode === null) {
        return;
      }
      clearTimeout(timer);
      for (const event of ['notification', 'error', 'exit']) {
        engine.off(event, check);
      }
      if (completed.has(added.id)) {
        resolve();
      } else {
        reject(failure ?? new Error('the engine exited before the download completed'));
      }
    };
    // registered after the handlers above, so each event has been recorded when check runs
    for (const event of ['notification', 'error', 'exit']) {
      engine.on(event, check);
    }
    check();
  });

  const files = await engine.request('torrent.files', { id: added.id });
  for (const f of files.files) {
    console.log(`  ${f.path}: ${f.completedBytes}/${f.size}`);
  }
  const { code, signal } = await engine.shutdown();
  if (code !== 0) {
    throw new Error(`the engine exited with ${code ?? signal}`);
  }
  console.log(`done: ${info.name} in ${path.resolve(options.dir)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`download.mjs: ${e.message}`);
    process.exit(1);
  },
);
