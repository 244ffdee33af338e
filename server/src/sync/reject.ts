// A mutation refused for a reason a person can read, in Chinese and English.
import type { FieldIssue } from '@shared/validation'
import type { MutationRejection } from '@shared/sync/protocol'

export class Rejection extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly issues?: FieldIssue[],
  ) {
    super(en)
  }

  toJSON(): MutationRejection {
    return {
      code: this.code,
      zh: this.zh,
      en: this.en,
      ...(this.issues ? { issues: this.issues.map(({ field, zh, en }) => ({ field, zh, en })) } : {}),
    }
  }
}

export const reject = (code: string, zh: string, en: string, issues?: FieldIssue[]): never => {
  throw new Rejection(code, zh, en, issues)
}
