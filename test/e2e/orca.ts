// A real screen reader for the tests: Orca reading Chromium on a virtual X display,
// with no sound. Orca writes every utterance to its debug log ("SPEECH OUTPUT: '…'")
// before it looks for a speech server; with none running, the log is the transcript.
// Keys go through X (xdotool), so Orca hears them as a person's keys and switches
// between its browse and focus modes as it would for them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the machine needs; `npm test` on a machine without them says so and skips (CI installs them). */
export const orcaPackages = ['orca', 'xvfb', 'at-spi2-core', 'dbus-x11', 'python3-pyatspi', 'xdotool', 'gsettings-desktop-schemas', 'libglib2.0-bin', 'dconf-gsettings-backend'];

export function orcaMissing(): string | undefined {
  for (const command of ['orca', 'Xvfb', 'xdotool', 'dbus-daemon', 'gsettings']) {
    if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) return command;
  }
  if (spawnSync('/usr/bin/python3', ['-c', 'import pyatspi']).status !== 0) return 'python3-pyatspi';
  return undefined;
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface ScreenReader {
  /** Environment for programs that should be on the display and the accessibility bus (the browser). */
  env: NodeJS.ProcessEnv;
  /** Presses keys (xdotool names: Tab, Return, Down, shift+Tab), waiting after each until Orca is quiet. */
  press(...keys: string[]): Promise<string[]>;
  /** Everything Orca said since the last call (or since it started), without its key echo. */
  said(): string[];
  /** Waits until Orca has said something matching, and returns it. */
  hears(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Waits until an application named like `name` is in the accessibility tree. */
  waitForApp(name: RegExp, timeoutMs?: number): Promise<void>;
  /** Waits until Orca has been quiet a moment (at least 1.2 s, and 0.8 s without a word). */
  quiet(): Promise<void>;
  /** The whole transcript so far, keys and speech in order, for a tester to read. */
  transcript(): string;
  stop(): Promise<void>;
}

export async function startOrca(): Promise<ScreenReader> {
  const home = mkdtempSync(join(tmpdir(), 'im-orca-'));
  const processes: ChildProcess[] = [];
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_RUNTIME_DIR: join(home, 'run'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    LANG: 'C.UTF-8',
    GTK_MODULES: 'gail:atk-bridge',
    ACCESSIBILITY_ENABLED: '1',
    NO_AT_BRIDGE: '0',
    // Orca logs what it says before it looks for a speech server; where Speech Dispatcher is
    // installed (Orca recommends it), it must find none, or speaking into no sound card stalls it.
    SPEECHD_ADDRESS: `unix_socket:${join(home, 'run', 'no-speech-dispatcher')}`,
    SPEECHD_CMD: join(home, 'no-speech-dispatcher'),
  };
  for (const dir of ['run', 'config', 'data', 'cache']) mkdirSync(join(home, dir), { recursive: true, mode: 0o700 });

  // The display: Xvfb picks a free one and writes its number to the pipe.
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  processes.push(xvfb);
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    (xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk) => {
      text += String(chunk);
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code})`)));
  });

  // A private session bus; the accessibility bus comes up on it by activation.
  const dbus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { env: base, stdio: ['ignore', 'pipe', 'ignore'] });
  processes.push(dbus);
  const bus = await new Promise<string>((resolve) => {
    let text = '';
    dbus.stdout!.on('data', (chunk) => {
      text += String(chunk);
      if (text.includes('\n')) resolve(text.trim());
    });
  });
  const env: NodeJS.ProcessEnv = { ...base, DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: bus };
  const run = (command: string, args: string[]) => spawnSync(command, args, { env, encoding: 'utf8' });
  run('dbus-send', ['--session', '--print-reply', '--dest=org.a11y.Bus', '/org/a11y/bus', 'org.a11y.Bus.GetAddress']);
  run('dbus-send', ['--session', '--print-reply', '--dest=org.a11y.Bus', '/org/a11y/bus', 'org.freedesktop.DBus.Properties.Set', 'string:org.a11y.Status', 'string:IsEnabled', 'variant:boolean:true']);
  run('gsettings', ['set', 'org.gnome.desktop.interface', 'toolkit-accessibility', 'true']);

  // Orca, its debug log line-buffered so each utterance lands with the key that caused it.
  const prefs = join(home, 'orca');
  mkdirSync(prefs, { recursive: true });
  writeFileSync(join(prefs, 'orca-customizations.py'), 'import orca.debug\nif orca.debug.debugFile:\n    orca.debug.debugFile.reconfigure(line_buffering=True)\n');
  const log = join(home, 'orca.log');
  const orca = spawn('orca', ['--replace', '-u', prefs, '--debug-file', log, '-d', 'braille'], { env, stdio: 'ignore' });
  processes.push(orca);

  const lines: string[] = [];
  /** Keys and speech in the order they happened. */
  const events: string[] = [];
  let read = 0;
  let heard = 0;
  const speech = /SPEECH OUTPUT: '(.*?)'(?:\s*\{.*)?$/;
  const refresh = () => {
    let text: string;
    try {
      text = readFileSync(log, 'utf8');
    } catch {
      return;
    }
    const all = text.split('\n');
    for (const line of all.slice(read, -1)) {
      const match = speech.exec(line);
      if (match) {
        lines.push(match[1]);
        events.push(match[1]);
      }
    }
    read = Math.max(read, all.length - 1);
  };
  const keyEcho = /^(tab|shift|return|enter|escape|down|up|left|right|home|end|page (up|down)|space|control|alt|f\d+|shift tab)$/i;

  const reader: ScreenReader = {
    env,
    async press(...keys) {
      const before = lines.length;
      for (const key of keys) {
        refresh();
        events.push(`[${key}]`);
        run('xdotool', ['key', '--clearmodifiers', key]);
        await reader.quiet();
      }
      refresh();
      const spoken = lines.slice(before);
      return spoken;
    },
    said() {
      refresh();
      const spoken = lines.slice(heard).filter((line) => !keyEcho.test(line));
      heard = lines.length;
      return spoken;
    },
    async hears(pattern, timeoutMs = 8000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        refresh();
        const found = lines.find((line) => pattern.test(line));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`Orca did not say ${pattern}; it said:\n${lines.slice(-30).join('\n')}`);
        await wait(100);
      }
    },
    async waitForApp(name, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const script = 'import pyatspi\nd = pyatspi.Registry.getDesktop(0)\nprint("\\n".join((a.name or "") for a in d if a))';
      while (Date.now() < deadline) {
        // A fresh process each time: a long-lived one does not see applications that start later.
        const { stdout } = run('/usr/bin/python3', ['-c', script]);
        if (stdout && stdout.split('\n').some((line) => name.test(line))) return;
        await wait(500);
      }
      throw new Error(`${name} never appeared in the accessibility tree`);
    },
    async quiet() {
      await wait(1200);
      let size = -1;
      for (let i = 0; i < 40; i++) {
        refresh();
        if (lines.length === size) return;
        size = lines.length;
        await wait(800);
      }
    },
    transcript() {
      refresh();
      return events.join('\n');
    },
    async stop() {
      // IM_ORCA_LOG=path keeps Orca's whole debug log (its events and decisions), for finding out why it said what it said.
      if (process.env.IM_ORCA_LOG) writeFileSync(process.env.IM_ORCA_LOG, readFileSync(log));
      for (const child of processes.reverse()) child.kill('SIGTERM');
      await wait(200);
      rmSync(home, { recursive: true, force: true });
    },
  };
  // Orca is ready some seconds after it starts: when its log says anything.
  for (let i = 0; i < 100 && !readable(log); i++) await wait(100);
  await wait(4000);
  return reader;

  function readable(file: string) {
    try {
      return readFileSync(file, 'utf8').length > 0;
    } catch {
      return false;
    }
  }
}
