import type * as vscode from 'vscode';

/** Lines kept in memory for the extension's own tests (they read what the channel was sent). */
const KEPT_LINES = 500;

/**
 * The "JumpCloud" output channel, with every known secret scrubbed from what is written: the key never reaches
 * the channel, its log file or a test, even if a message quoted it by mistake.
 */
export class Log implements vscode.Disposable {
  private readonly secrets = new Set<string>();
  private readonly recent: string[] = [];

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  /** Registers a value that must never be written (the API key). */
  addSecret(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  scrub(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[REDACTED]');
    return out;
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

  /** What was written lately, scrubbed (for tests). */
  lines(): readonly string[] {
    return this.recent;
  }

  dispose(): void {
    this.channel.dispose();
  }

  private write(level: 'info' | 'warn' | 'error', message: string): void {
    const line = this.scrub(message);
    this.recent.push(`[${level}] ${line}`);
    if (this.recent.length > KEPT_LINES) this.recent.shift();
    this.channel[level](line);
  }
}
