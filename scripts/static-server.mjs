// A tiny static file server for the built web app, on Node's standard library only.
//
// Why not `python3 -m http.server`? It does serve .wasm as application/wasm (Python >= 3.8
// knows the type), but the browser tests also need what it lacks: a free port picked by the OS
// and handed back in-process, the app mounted under a sub-path, no caching, and a clean stop.
// One server for `scripts/serve.sh` and the tests keeps what users and tests see the same.
//
// As a module:  const srv = await startStaticServer({ root, mount: '/some/sub/path/', port: 0 });
//               srv.url  -> 'http://127.0.0.1:41234/some/sub/path/';  await srv.close();
// As a program: node scripts/static-server.mjs --root build/web/app [--port 8080] [--mount /]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', // required for WebAssembly.instantiateStreaming
  '.data': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(filePath) {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function normalizeMount(mount) {
  let m = mount || '/';
  if (!m.startsWith('/')) m = '/' + m;
  if (!m.endsWith('/')) m += '/';
  return m;
}

// Maps a request path to a file under root, or null when it is outside the mount or the root.
function resolveFile(root, mount, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded === mount.slice(0, -1)) decoded = mount; // '/sub' behaves like '/sub/'
  if (!decoded.startsWith(mount)) return null;
  let rel = decoded.slice(mount.length);
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return null; // no ../ escapes
  return file;
}

export function startStaticServer({ root, mount = '/', port = 0, host = '127.0.0.1', log = null }) {
  const absRoot = path.resolve(root);
  const mountPath = normalizeMount(mount);
  if (!fs.existsSync(path.join(absRoot, 'index.html'))) {
    return Promise.reject(new Error(`no index.html in ${absRoot}: build the web app first`));
  }
  const server = http.createServer((req, res) => {
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    // A mount without its trailing slash would resolve the page's relative URLs one level up.
    if (mountPath !== '/' && urlPath === mountPath.slice(0, -1)) {
      res.writeHead(301, { Location: mountPath });
      res.end();
      return;
    }
    const file = resolveFile(absRoot, mountPath, urlPath);
    const finish = (status, headers, body) => {
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (log) log(`${status} ${req.method} ${urlPath}`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      finish(405, { Allow: 'GET, HEAD' }, 'method not allowed\n');
      return;
    }
    if (!file) {
      finish(404, { 'Content-Type': 'text/plain' }, 'not found\n');
      return;
    }
    fs.stat(file, (statErr, stat) => {
      if (statErr || !stat.isFile()) {
        finish(404, { 'Content-Type': 'text/plain' }, 'not found\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': mimeTypeOf(file),
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
      });
      if (log) log(`200 ${req.method} ${urlPath}`);
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file).pipe(res);
    });
  });
  // Keep-alive sockets from the browser would otherwise hold close() open.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actualPort = server.address().port;
      resolve({
        port: actualPort,
        url: `http://${host}:${actualPort}${mountPath}`,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function parseArgs(argv) {
  const opts = { root: null, port: 8080, mount: '/', quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    const value = () => (inline !== undefined ? inline : argv[++i]);
    if (key === '--root') opts.root = value();
    else if (key === '--port') opts.port = Number(value());
    else if (key === '--mount') opts.mount = value();
    else if (key === '--quiet') opts.quiet = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!opts.root) throw new Error('--root <folder> is required');
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    throw new Error('--port must be a number between 0 and 65535');
  }
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`static-server: ${e.message}`);
    process.exit(2);
  }
  startStaticServer({ ...opts, log: opts.quiet ? null : (line) => console.log(line) })
    .then((srv) => {
      console.log(`Dealdeck is served at ${srv.url}  (Ctrl+C to stop)`);
      const stop = () => srv.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e) => {
      const hint = e.code === 'EADDRINUSE' ? ' (port in use: try PORT=9000 scripts/serve.sh)' : '';
      console.error(`static-server: ${e.message}${hint}`);
      process.exit(1);
    });
}
