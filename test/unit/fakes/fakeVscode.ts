// A small stand-in for the `vscode` module, enough to activate the extension in Node and drive the connection
// commands with scripted QuickPick/InputBox answers. installFakeVscode() must run before extension code loads.
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Disposable {
  constructor(private readonly fn: () => unknown) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

/**
 * Anything the fake does not model (other features' tree views, notebook controllers…): callable, constructible,
 * every property is another stub, and it is not a thenable so awaiting it does not hang.
 */
function stub(): unknown {
  const target = function () {} as unknown as object;
  const proxy: unknown = new Proxy(target, {
    get: (_t, prop) => (prop === 'then' || typeof prop === 'symbol' ? undefined : prop === 'dispose' ? () => {} : proxy),
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

function permissive<T extends object>(obj: T): T {
  return new Proxy(obj, { get: (t, prop) => (prop in t ? t[prop as keyof T] : typeof prop === 'symbol' ? undefined : stub()) });
}

/** Answers for the next prompts, in order. A function answer receives the prompt options (and items). */
export type Answer = unknown | ((opts: Record<string, unknown>, items?: unknown[]) => unknown);

export function createFakeVscode(settings: Record<string, unknown> = {}) {
  const log: string[] = [];
  const messages: { level: 'error' | 'info' | 'warning'; text: string; buttons: string[] }[] = [];
  const answers: Answer[] = [];
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const statusItems: { text: string; tooltip: unknown; command?: string; visible: boolean }[] = [];
  let clipboard = '';
  const prompts: Record<string, unknown>[] = [];

  const nextAnswer = async (opts: Record<string, unknown>, items?: unknown[]) => {
    prompts.push(opts);
    if (answers.length === 0) throw new Error(`unexpected prompt: ${JSON.stringify(opts.title ?? opts)}`);
    const a = answers.shift();
    return typeof a === 'function' ? (a as (o: unknown, i?: unknown[]) => unknown)(opts, items) : a;
  };
  const channel = (prefix: string) => (m: string) => log.push(`${prefix} ${m}`);

  const vscode = {
    EventEmitter,
    Disposable,
    ProgressLocation: { Notification: 15, Window: 10 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: class {
      value = '';
      isTrusted = false;
      appendText(t: string) {
        this.value += t;
        return this;
      }
    },
    Uri: class {
      constructor(readonly fsPath: string) {}
      static file(p: string) {
        return new vscode.Uri(p);
      }
    },
    window: {
      createOutputChannel: () => ({
        trace: channel('trace'), debug: channel('debug'), info: channel('info'), warn: channel('warn'), error: channel('error'),
        show: () => {}, dispose: () => {},
      }),
      createStatusBarItem: () => {
        const item = { text: '', tooltip: undefined as unknown, command: undefined as string | undefined, visible: false,
          name: '', backgroundColor: undefined as unknown,
          show() { item.visible = true; }, hide() { item.visible = false; }, dispose() {} };
        statusItems.push(item);
        return item;
      },
      showErrorMessage: async (text: string, ...buttons: string[]) => {
        messages.push({ level: 'error', text, buttons });
        return undefined;
      },
      showInformationMessage: async (text: string, ...buttons: string[]) => {
        messages.push({ level: 'info', text, buttons });
        return undefined;
      },
      showWarningMessage: async (text: string, opts: unknown, ...buttons: string[]) => {
        messages.push({ level: 'warning', text, buttons });
        return nextAnswer({ title: text, ...(typeof opts === 'object' ? opts : {}) }, buttons);
      },
      showQuickPick: async (items: unknown[] | Promise<unknown[]>, opts: Record<string, unknown> = {}) =>
        nextAnswer(opts, await items),
      showInputBox: async (opts: Record<string, unknown> = {}) => {
        const a = await nextAnswer(opts);
        const validate = opts.validateInput as ((v: string) => unknown) | undefined;
        if (typeof a === 'string' && validate) {
          const problem = await validate(a);
          if (problem) throw new Error(`input "${opts.title}" rejected: ${String(problem)}`);
        }
        return a;
      },
      showOpenDialog: async (opts: Record<string, unknown>) => nextAnswer(opts),
      withProgress: async (_opts: unknown, task: (p: unknown, t: unknown) => Promise<unknown>) => {
        const token = { isCancellationRequested: false, onCancellationRequested: () => new Disposable(() => {}) };
        return task({ report: () => {} }, token);
      },
    },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
        commands.set(id, fn);
        return new Disposable(() => commands.delete(id));
      },
      executeCommand: async (id: string, ...args: unknown[]) => commands.get(id)?.(...args),
    },
    workspace: {
      getConfiguration: (section: string) => ({ get: (key: string) => settings[`${section}.${key}`] }),
      onDidChangeConfiguration: () => new Disposable(() => {}),
      textDocuments: [],
      notebookDocuments: [],
    },
    env: { clipboard: { writeText: async (t: string) => void (clipboard = t), readText: async () => clipboard } },
  };
  for (const ns of ['window', 'commands', 'workspace', 'env'] as const) {
    (vscode as Record<string, unknown>)[ns] = permissive(vscode[ns]);
  }
  // `import * as vscode` copies the module's own keys, so every API name must exist up front: take them from the
  // typings and stub whatever the fake does not model.
  const dts = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  for (const [, name] of dts.matchAll(/^\texport (?:namespace|class|enum) (\w+)/gm)) {
    if (!(name! in vscode)) (vscode as Record<string, unknown>)[name!] = stub();
  }
  return { vscode: permissive(vscode), log, messages, answers, commands, statusItems, prompts, clipboard: () => clipboard };
}

export type FakeVscode = ReturnType<typeof createFakeVscode>;

/** Makes `require('vscode')` return the fake for every module loaded afterwards. */
export function installFakeVscode(fake: FakeVscode): void {
  const m = Module as unknown as { _load: (req: string, ...rest: unknown[]) => unknown };
  const original = m._load;
  m._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return fake.vscode;
    return original.call(this, request, ...rest);
  };
}

export function fakeContext(storageDir: string) {
  const state = new Map<string, unknown>();
  const secrets = new Map<string, string>();
  return {
    state,
    secrets,
    context: {
      subscriptions: [] as { dispose(): unknown }[],
      globalStorageUri: { fsPath: join(storageDir, 'globalStorage') },
      globalState: {
        get: (k: string) => state.get(k),
        update: async (k: string, v: unknown) => void (v === undefined ? state.delete(k) : state.set(k, JSON.parse(JSON.stringify(v)))),
        keys: () => [...state.keys()],
      },
      secrets: {
        get: async (k: string) => secrets.get(k),
        store: async (k: string, v: string) => void secrets.set(k, v),
        delete: async (k: string) => void secrets.delete(k),
        onDidChange: () => new Disposable(() => {}),
      },
    },
  };
}
