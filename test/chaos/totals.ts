import type { SeedResult } from './run.js'
import type { StepKind } from './schedule.js'

/** What a set of seeds did, for `pnpm soak`'s summary and the suite's coverage check. */
export class Totals {
  seeds = 0
  ops = 0
  okOps = 0
  offlineOps = 0
  serverRestarts = 0
  clientRestarts = 0
  cutsFired = 0
  readonly faults: Partial<Record<StepKind, number>> = {}
  readonly failed: SeedResult[] = []

  add(r: SeedResult): void {
    this.seeds++
    this.ops += r.ops
    this.okOps += r.okOps
    this.offlineOps += r.offlineOps
    this.serverRestarts += r.serverRestarts
    this.clientRestarts += r.clientRestarts
    this.cutsFired += r.cutsFired
    for (const [k, n] of Object.entries(r.faults) as [StepKind, number][])
      this.faults[k] = (this.faults[k] ?? 0) + n
    if (!r.ok) this.failed.push(r)
  }

  get faultCount(): number {
    return Object.values(this.faults).reduce((s, n) => s + n, 0)
  }

  lines(ms: number): string[] {
    const f = this.faults
    const lines = [
      `duration: ${(ms / 1000).toFixed(1)} s`,
      `seeds: ${this.seeds}`,
      `operations: ${this.ops} (${this.okOps} accepted by the model, the rest refused as they should be; ${this.offlineOps} made offline)`,
      `restarts: ${this.serverRestarts} server (SIGKILL/SIGTERM), ${this.clientRestarts} device (from IndexedDB)`,
      `faults: ${this.faultCount} (offline ${f.offline ?? 0}, reset ${f.drop ?? 0}, ` +
        `mid-stream cuts ${f.cut ?? 0} armed / ${this.cutsFired} fired, unreachable ${f.blackout ?? 0}, ` +
        `malformed ${f.malformed ?? 0}, SIGKILL ${f.kill ?? 0}, SIGTERM ${f.term ?? 0})`,
      `divergences: ${this.failed.length}`,
    ]
    if (this.failed.length)
      lines.push(
        `failed seeds: ${this.failed.map((r) => r.seed).join(' ')} (replay each: SEED=<seed> pnpm chaos)`,
      )
    return lines
  }
}
