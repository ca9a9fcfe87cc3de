import type { CloudApiError } from "../../errors.ts";

/** Temporary credentials from an AssumeRole, either cloud's. */
export interface TemporaryCredentials {
  readonly keyId: string;
  readonly secret: string;
  readonly token: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** Renew this long before expiry at most (the AWS SDK's own window): a call never leaves with keys about to lapse. */
const RENEW_WINDOW_MS = 5 * 60_000;
/** STS answers that mean "try again": throttling, a server in trouble, a lost answer. */
const RETRYABLE =
  /^(Throttling|RequestLimitExceeded|InternalError|InternalFailure|InternalServerError|ServiceUnavailable|ServerError|NetworkError|RequestTimeout)(\.|$)/;
const ATTEMPTS = 3;

/** At most `limit` tasks at once (assume-role calls across accounts); the others wait their turn. */
export class Bound {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * One account's credentials for one invocation: assumed on first use, shared by every region and call of the account,
 * renewed when a quarter of their life (at most 5 minutes) is left. A refusal (the role cannot be assumed) is kept for
 * the invocation: the account's calls all fail with the STS code, and STS is not asked again.
 */
export class RoleCredentials {
  private current?: { credentials: TemporaryCredentials; renewAt: number };
  private pending?: Promise<TemporaryCredentials>;
  private refusal?: CloudApiError;
  /** AssumeRole calls sent (retries included), for tests and the benchmark. */
  calls = 0;

  constructor(
    private readonly assume: () => Promise<TemporaryCredentials>,
    private readonly bound: Bound,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async get(): Promise<TemporaryCredentials> {
    if (this.refusal) throw this.refusal;
    if (this.current && this.now() < this.current.renewAt) return this.current.credentials;
    this.pending ??= this.bound
      .run(() => this.fetch())
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /**
   * Keys to replace `used`, which the cloud refused as expired before their stated expiry (a revoked session, a
   * skewed clock): the role is assumed again, unless another call already replaced them.
   */
  async renew(used: TemporaryCredentials): Promise<TemporaryCredentials> {
    if (this.refusal) throw this.refusal;
    if (this.current !== undefined && this.current.credentials !== used) return this.current.credentials;
    this.current = undefined;
    return this.get();
  }

  private async fetch(): Promise<TemporaryCredentials> {
    for (let attempt = 1; ; attempt++) {
      const issuedAt = this.now();
      try {
        this.calls++;
        const credentials = await this.assume();
        const life = Math.max(0, credentials.expiresAt - issuedAt);
        this.current = { credentials, renewAt: credentials.expiresAt - Math.min(RENEW_WINDOW_MS, life / 4) };
        return credentials;
      } catch (thrown) {
        const error = thrown as CloudApiError;
        if (attempt < ATTEMPTS && RETRYABLE.test(error.code ?? "")) {
          await this.sleep(100 * 2 ** attempt);
          continue;
        }
        this.refusal = error;
        throw error;
      }
    }
  }
}
