// The subset of the `vscode-notebook-renderer` API we use (the @types package is not installed).

export interface OutputItem {
  readonly id: string;
  readonly mime: string;
  readonly metadata: unknown;
  text(): string;
  json(): unknown;
  data(): Uint8Array;
  blob(): Blob;
}

export interface Disposable {
  dispose(): void;
}

export interface RendererContext<TState> {
  /** Present only when the extension host side can receive messages (`requiresMessaging`). */
  postMessage?(message: unknown): void;
  onDidReceiveMessage?(listener: (e: unknown) => void): Disposable;
  getState(): TState | undefined;
  setState(state: TState): void;
  readonly workspace: { readonly isTrusted: boolean };
  readonly settings: { readonly lineLimit: number; readonly outputScrolling: boolean };
}

export interface RendererApi {
  renderOutputItem(outputItem: OutputItem, element: HTMLElement, signal: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}

export type ActivationFunction<TState = unknown> = (context: RendererContext<TState>) => RendererApi | Promise<RendererApi>;
