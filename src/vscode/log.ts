import type * as vscode from 'vscode';
import { redactor } from '../core/jumpcloud/errors';

/** Lines kept for the extension's own tests, when they run (see `Log.lines`). */
const KEPT_LINES = 500;

/**
 * The "JumpCloud" output channel, with every known secret scrubbed from what is written: the key never reaches
 * the channel or its log file, even if a message quoted it by mistake.
 */
export class Log implements vscode.Disposable {
  private readonly secrets = new Set<string>();
  private redact = redactor([]);
  /** Only when the extension runs under its tests; otherwise nothing is kept in memory. */
  private readonly recent: string[] | undefined;

  constructor(
    private readonly channel: vscode.LogOutputChannel,
    options: { readonly keepLines: boolean },
  ) {
    this.recent = options.keepLines ? [] : undefined;
  }

  /** Registers a value that must never be written (the API key). */
  addSecret(secret: string | undefined): void {
    if (!secret || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.redact = redactor([...this.secrets]);
  }

  scrub(text: string): string {
    return this.redact(text);
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string): void {
    this.write('error', message);
  }

  show(): void {
    this.channel.show(true);
  }

  /** What was written lately, scrubbed; empty unless lines are kept (under tests). */
  lines(): readonly string[] {
    return this.recent ?? [];
  }

  dispose(): void {
    this.channel.dispose();
  }

  private write(level: 'info' | 'warn' | 'error', message: string): void {
    const line = this.scrub(message);
    if (this.recent) {
      this.recent.push(`[${level}] ${line}`);
      if (this.recent.length > KEPT_LINES) this.recent.shift();
    }
    this.channel[level](line);
  }
}
